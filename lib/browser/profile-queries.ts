import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { knownProfileReads } from "./known-profile-reads";
import { browserQueryClient } from "./query-client";
import { requestJsonOrThrow } from "./request-json";

const read = <S extends z.ZodType>({ path, schema }: { path: string; schema: S }) => requestJsonOrThrow(path, schema);

/** Every known-profile query key comes from here; `all()` refreshes them all (after a send). */
export const profileQueries = {
  all: () => ["profiles"] as const,
  user: (environmentId: string, userId: string) =>
    queryOptions({
      queryKey: [...profileQueries.all(), environmentId, "user", userId] as const,
      queryFn: () => read(knownProfileReads.user(environmentId, userId)),
    }),
  company: (environmentId: string, companyId: string) =>
    queryOptions({
      queryKey: [...profileQueries.all(), environmentId, "company", companyId] as const,
      queryFn: () => read(knownProfileReads.company(environmentId, companyId)),
    }),
  registry: (environmentId: string) =>
    queryOptions({
      queryKey: [...profileQueries.all(), environmentId, "registry"] as const,
      queryFn: () => read(knownProfileReads.registry(environmentId)),
    }),
};

/** After a send: known profiles and the registry are read again when next shown. */
export function profilesChanged(): void {
  void browserQueryClient()?.invalidateQueries({ queryKey: profileQueries.all() });
}

import { queryOptions } from "@tanstack/react-query";
import {
  companyProfileResponseSchema,
  registryResponseSchema,
  userProfileResponseSchema,
} from "@/lib/profiles/types";
import { browserQueryClient } from "./query-client";
import { requestJsonOrThrow } from "./request-json";

const query = (environmentId: string) => `?${new URLSearchParams({ environmentId }).toString()}`;

/** Every known-profile query key comes from here; `all()` refreshes them all (after a send). */
export const profileQueries = {
  all: () => ["profiles"] as const,
  user: (environmentId: string, userId: string) =>
    queryOptions({
      queryKey: [...profileQueries.all(), environmentId, "user", userId] as const,
      queryFn: () =>
        requestJsonOrThrow(
          `/api/profiles/users/${encodeURIComponent(userId)}${query(environmentId)}`,
          userProfileResponseSchema,
        ),
    }),
  company: (environmentId: string, companyId: string) =>
    queryOptions({
      queryKey: [...profileQueries.all(), environmentId, "company", companyId] as const,
      queryFn: () =>
        requestJsonOrThrow(
          `/api/profiles/companies/${encodeURIComponent(companyId)}${query(environmentId)}`,
          companyProfileResponseSchema,
        ),
    }),
  registry: (environmentId: string) =>
    queryOptions({
      queryKey: [...profileQueries.all(), environmentId, "registry"] as const,
      queryFn: () => requestJsonOrThrow(`/api/profiles/registry${query(environmentId)}`, registryResponseSchema),
    }),
};

/** After a send: known profiles and the registry are read again when next shown. */
export function profilesChanged(): void {
  void browserQueryClient()?.invalidateQueries({ queryKey: profileQueries.all() });
}

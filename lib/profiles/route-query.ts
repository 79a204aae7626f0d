import "server-only";
import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { ApiError } from "@/lib/http/api-error";
import { fieldErrors } from "@/lib/http/responses";
import { profileQuerySchema } from "./types";

/** The environment a profile route reads, from `?environmentId=`; a 400 naming the field without it. */
export function environmentIdOf(request: Request): string {
  const query = profileQuerySchema.safeParse({
    environmentId: new URL(request.url).searchParams.get("environmentId") ?? undefined,
  });
  if (!query.success) {
    throw new ApiError(400, "invalid_query", "Say which environment's profiles to read", fieldErrors(query.error));
  }
  return query.data.environmentId;
}

/**
 * GET of one known profile by the id in the path (`key`), in the environment `?environmentId=` names: the
 * profile, or null when nothing was sent for that id there.
 */
export function knownProfileRoute<R extends { profile: unknown }, K extends string>(
  key: K,
  read: (environmentId: string, id: string) => Promise<R["profile"]>,
) {
  return guarded("history:read", async (request, _actor, { params }: { params: Promise<Record<K, string>> }) => {
    const environmentId = environmentIdOf(request);
    const body: Pick<R, "profile"> = { profile: await read(environmentId, (await params)[key]) };
    return NextResponse.json(body, { headers: { "cache-control": "no-store" } });
  });
}

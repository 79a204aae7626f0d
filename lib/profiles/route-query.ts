import "server-only";
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

import "server-only";
import { env } from "@/lib/env";
import { answeringErrors } from "@/lib/http/api-error";
import { apiError } from "@/lib/http/responses";
import { can, type Permission } from "./roles";
import { currentActor, type Actor } from "./session";

type Handler<C> = (request: Request, actor: Actor, context: C) => Promise<Response>;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function allowedOrigins(): Set<string> {
  const { APP_URL, PORT } = env();
  return new Set([APP_URL, `http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`].filter((o): o is string => Boolean(o)));
}

/**
 * A browser always sends Origin on a cross-site POST; a request from another site is refused before it is
 * authenticated, so a stolen click can't use the staff member's cookie. Requests without Origin come from
 * scripts and tools, which carry no ambient cookie to abuse.
 */
export function isCrossSite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const self = new URL(request.url).origin;
  return origin !== self && !allowedOrigins().has(origin);
}

/**
 * Wraps a route handler: cross-site check, then 401 without a session, 403 beyond the role; an ApiError the
 * handler throws (e.g. from parseBody) becomes the error answer.
 */
export function guarded<C>(permission: Permission, handler: Handler<C>) {
  const answering = answeringErrors(handler);
  return async (request: Request, context: C): Promise<Response> => {
    if (isCrossSite(request)) return apiError(403, "cross_site", "Cross-site requests are not accepted");
    const actor = await currentActor(request.headers);
    if (!actor) return apiError(401, "unauthenticated", "Sign in to use the console");
    if (!can(actor.role, permission)) {
      return apiError(403, "forbidden", `Your role (${actor.role}) does not allow this`);
    }
    if (await namesNulId(context)) return apiError(404, "not_found", "No id holds a NUL character (U+0000)");
    return answering(request, actor, context);
  };
}

// PostgreSQL text can't hold U+0000 (a lookup for it fails instead of finding nothing), so no stored id has
// one: such a path names nothing, on either database.
async function namesNulId(context: unknown): Promise<boolean> {
  const params = (context as { params?: Promise<Record<string, unknown>> } | undefined)?.params;
  if (!params) return false;
  return Object.values(await params).flat().some((value) => typeof value === "string" && value.includes("\u0000"));
}

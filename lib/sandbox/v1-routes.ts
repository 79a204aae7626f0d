import { checkApiKey } from "./auth";
import type { SandboxContext } from "./context";
import { emptyResponse } from "./responses";
import { matchRoute, type Route } from "./routing";
import type { SandboxRequest, SandboxResponse } from "./types";
import { bulkIdentifyCompanies, bulkIdentifyUsers, getBackgroundJob } from "./v1-bulk";
import { identifyCompany, identifyUser, trackEvent, validateKey, type V1Call } from "./v1-profiles";

const V1_ROUTES: Route<V1Call>[] = [
  { method: "POST", pattern: /^\/v1\/identify$/, handler: identifyUser },
  { method: "POST", pattern: /^\/v1\/companies\/identify$/, handler: identifyCompany },
  { method: "POST", pattern: /^\/v1\/track$/, handler: trackEvent },
  { method: "POST", pattern: /^\/v1\/users\/bulk_identify$/, handler: bulkIdentifyUsers },
  { method: "POST", pattern: /^\/v1\/companies\/bulk_identify$/, handler: bulkIdentifyCompanies },
  { method: "GET", pattern: /^\/v1\/background_jobs\/([^/]+)$/, handler: getBackgroundJob },
  { method: "GET", pattern: /^\/v1\/validate$/, handler: validateKey },
];

/** The Userpilot API: scripted answers first (test mode), then route, key, rate limit, and the rules. */
export async function handleV1(
  ctx: SandboxContext,
  request: SandboxRequest,
  pathname: string,
): Promise<SandboxResponse> {
  if (ctx.options.testMode) ctx.requestLog.record(request, ctx.timestamp());
  const scripted = ctx.scripted.take();
  if (scripted) return scripted;

  const route = matchRoute(V1_ROUTES, request.method, pathname);
  if (!route.ok) return route.response;

  const auth = checkApiKey(request.headers["authorization"], ctx.acceptedKey);
  if (!auth.ok) return auth.response;

  const decision = ctx.rateLimiter.take(auth.key);
  // Userpilot documents no body for 429; the Retry-After header is a courtesy clients should honour.
  if (!decision.allowed) return emptyResponse(429, { "retry-after": String(decision.retryAfterSeconds) });

  return route.handler({ ctx, body: request.body, apiKey: auth.key }, route.params);
}

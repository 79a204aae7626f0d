import "server-only";
import { env } from "@/lib/env";
import { environmentInputSchema, newEnvironmentSchema } from "./types";

/**
 * Whether a stored key may be sent to this base URL: https anywhere, plain http only to a host listed in
 * UPSTREAM_ALLOWED_HOSTS ("host:port", or a bare host for any of its ports), e.g. a local test double.
 */
export function isAllowedUpstream(baseUrl: string, allowedHosts: readonly string[]): boolean {
  if (!URL.canParse(baseUrl)) return false;
  const url = new URL(baseUrl);
  if (url.protocol === "https:") return true;
  if (url.protocol !== "http:") return false;
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  return allowedHosts.some((entry) => entry === host || entry === hostname);
}

const HTTP_REFUSED =
  "Use an https:// URL: plain http:// is allowed only for hosts listed in UPSTREAM_ALLOWED_HOSTS";

function upstreamAllowed(value: { region: string; baseUrl: string }): boolean {
  return value.region !== "custom" || isAllowedUpstream(value.baseUrl, env().UPSTREAM_ALLOWED_HOSTS);
}

/** The request schemas of the environment routes: the shared form schema plus the server's allow-list. */
export const environmentUpdateRequestSchema = environmentInputSchema.refine(upstreamAllowed, {
  path: ["baseUrl"],
  error: HTTP_REFUSED,
});
export const environmentCreateRequestSchema = newEnvironmentSchema.refine(upstreamAllowed, {
  path: ["baseUrl"],
  error: HTTP_REFUSED,
});

import { env } from "@/lib/env";

// Set at run time, not in next.config.js: the config's headers are fixed at build time, APP_URL is read at start.
const HSTS = "max-age=31536000; includeSubDomains";

/** Browsers keep to HTTPS for a year once the console is served over it (APP_URL=https://...). */
export function withHsts<R extends Response>(response: R): R {
  if (env().APP_URL?.startsWith("https://")) response.headers.set("strict-transport-security", HSTS);
  return response;
}

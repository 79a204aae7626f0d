// Userpilot's HTTP API as constants: no key and no `server-only`, so the browser's cURL text uses the same
// words as the server's calls. See /work/shared/reference/userpilot-api.md.

export const API_VERSION = "2020-09-22";

/** Userpilot's API host for each region; a custom environment gives its own URL instead. */
export const REGION_HOSTS = {
  us: "https://analytex.userpilot.io",
  eu: "https://analytex-eu.userpilot.io",
} as const;

export type Region = keyof typeof REGION_HOSTS;

export const USERPILOT_PATHS = {
  identifyUser: "/v1/identify",
  identifyCompany: "/v1/companies/identify",
  bulkIdentifyUsers: "/v1/users/bulk_identify",
  bulkIdentifyCompanies: "/v1/companies/bulk_identify",
  /** Not in Userpilot's API description; Segment's destination checks a key with it. */
  validate: "/v1/validate",
} as const;

/** Where a bulk job's progress is read. Real job ids hold colons, so the id is encoded. */
export function backgroundJobPath(jobId: string): string {
  return `/v1/background_jobs/${encodeURIComponent(jobId)}`;
}

/** The sandbox's own profile lookup (not a Userpilot endpoint): open, the data is fake. */
export function sandboxUserPath(userId: string): string {
  return `/_sandbox/users/${encodeURIComponent(userId)}`;
}

/** A path on a base URL, which may carry a path of its own and trailing slashes. */
export function userpilotUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${path}`;
}

/**
 * The headers of a call, in the order they are shown. `apiKey` is whatever stands for the key where the
 * headers go: the key itself only on the server, a shell variable in cURL text, a mask in the history;
 * none for the sandbox's open lookups.
 */
export function userpilotHeaders(apiKey: string | undefined, { json }: { json: boolean }): Record<string, string> {
  return {
    ...(json ? { "Content-Type": "application/json" } : {}),
    ...(apiKey === undefined ? {} : { Authorization: `Token ${apiKey}` }),
    "X-API-Version": API_VERSION,
  };
}

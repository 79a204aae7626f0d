import type { SandboxRequest } from "./types";

export type RecordedRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** ISO 8601 time of arrival. */
  at: string;
};

export type RequestLog = ReturnType<typeof createRequestLog>;

/** Every /v1 request seen since the last reset, for tests to inspect through `GET /__control/requests`. */
export function createRequestLog() {
  const requests: RecordedRequest[] = [];
  return {
    record(request: SandboxRequest, at: string): void {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = value;
      }
      requests.push({ method: request.method, path: request.path, headers, body: request.body, at });
    },
    list(): RecordedRequest[] {
      return [...requests];
    },
    clear(): void {
      requests.length = 0;
    },
  };
}

import { E2E } from "./settings";

export type RecordedRequest = { method: string; path: string; headers: Record<string, string>; body: string; at: string };

async function control(path: string, body?: unknown) {
  const response = await fetch(`${E2E.sandboxUrl}/__control/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox control ${path} answered ${response.status}`);
  return response.json() as Promise<unknown>;
}

/** Steers the standalone sandbox that the app sends to during end-to-end tests. */
export const sandbox = {
  reset: () => control("reset", {}),
  respond: (answer: {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
    times?: number;
    delayMs?: number;
    hang?: boolean;
  }) =>
    control("respond", answer),
  acceptKey: (key: string) => control("accepted-key", { key }),
  /** The limit per window (a minute unless `windowMs` scales it); reset() restores the start-up limit. */
  rateLimit: (perMinute: number, windowMs?: number) => control("rate-limit", { perMinute, windowMs }),
  requests: async () => ((await control("requests")) as { requests: RecordedRequest[] }).requests,
};

// Shared by the sandbox's unit tests: a sandbox on a fake clock and a terse way to call it.
import { createMemoryStore } from "./memory-store";
import { createSandbox } from "./sandbox";
import type { SandboxOptions, SandboxResponse } from "./types";

export const TEST_KEY = "test-key";
export const START_MS = Date.parse("2030-01-01T00:00:00.000Z");

export type CallResult = SandboxResponse & { json: unknown };

export function makeSandbox(overrides: Partial<SandboxOptions> = {}) {
  const clock = { now: START_MS };
  const store = createMemoryStore();
  const sandbox = createSandbox({
    apiKey: TEST_KEY,
    rateLimitPerMinute: 600,
    jobStepMs: 1000,
    store,
    testMode: true,
    now: () => clock.now,
    ...overrides,
  });

  /** A string body is sent as is; anything else as JSON. Sends `Token TEST_KEY` unless headers say otherwise. */
  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string | undefined> = {},
  ): Promise<CallResult> {
    const raw = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
    const response = await sandbox.handle({
      method,
      path,
      headers: { authorization: `Token ${TEST_KEY}`, "content-type": "application/json", ...headers },
      body: raw,
    });
    return { ...response, json: response.body === "" ? undefined : (JSON.parse(response.body) as unknown) };
  }

  return { sandbox, store, clock, call };
}

/** The `message` and `details.field` of each error in a documented error body. */
export function errorsOf(result: CallResult): { message: string; field: string | undefined }[] {
  const body = result.json as { errors: { message: string; details: { field?: string } }[] };
  return body.errors.map((error) => ({ message: error.message, field: error.details.field }));
}

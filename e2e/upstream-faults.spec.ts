import type { APIRequestContext } from "@playwright/test";
import {
  escapedErrors,
  makeTempDir,
  removeTempDir,
  signIn,
  startAppServer,
  type AppServer,
} from "./support/app-server";
import { startFaultUpstream, type FaultUpstream } from "./support/fault-upstream";
import { expect, test } from "./support/fixtures";
import { bareForm, historyDetail, identify, runPrefix } from "./support/identify-api";
import { sandbox } from "./support/sandbox-control";
import { E2E } from "./support/settings";

// Every fault ends as a recorded outcome: our route answers 200 with { outcome }, never 5xx, after a bounded
// number of attempts (1 + USERPILOT_MAX_RETRIES = 4 in e2e), and the history row says the same.

const MAX_ATTEMPTS = Number(E2E.appEnv.USERPILOT_MAX_RETRIES) + 1;
const TIMEOUT_MS = Number(E2E.appEnv.USERPILOT_TIMEOUT_MS);
const BASE_MS = Number(E2E.appEnv.USERPILOT_RETRY_BASE_MS);
/** The client keeps at most this much of an upstream body (lib/userpilot/client.ts RESPONSE_BODY_CAP). */
const BODY_CAP = 16 * 1024;
const prefix = runPrefix("fault");

async function sendAndCheck(
  request: APIRequestContext,
  name: string,
  expected: { status: string; attempts: number },
  baseUrl = "",
) {
  const userId = `${prefix}_${name}`;
  const outcome = await identify(request, bareForm(userId), baseUrl);
  expect.soft(outcome.status, `${name}: outcome status`).toBe(expected.status);
  expect.soft(outcome.attempts, `${name}: outcome attempts`).toBe(expected.attempts);
  const detail = await historyDetail(request, outcome.historyId, baseUrl);
  expect(detail.userId).toBe(userId);
  expect(detail.status, `${name}: history status`).toBe(expected.status);
  expect(detail.attempts, `${name}: history attempts`).toHaveLength(expected.attempts);
  return { outcome, detail };
}

test.describe("upstream faults through the shared app and the scripted sandbox", () => {
  test.beforeEach(async () => {
    await sandbox.reset();
  });
  test.afterEach(async () => {
    // Releases anything still hanging.
    await sandbox.reset();
  });

  test("a hang on every attempt ends as a timeout after the last retry", async ({ request }) => {
    await sandbox.respond({ status: 202, hang: true, times: MAX_ATTEMPTS });
    const started = Date.now();
    const { outcome, detail } = await sendAndCheck(request, "hang", {
      status: "timeout",
      attempts: MAX_ATTEMPTS,
    });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(MAX_ATTEMPTS * TIMEOUT_MS);
    expect(elapsed).toBeLessThan(MAX_ATTEMPTS * TIMEOUT_MS + 5_000);
    expect(outcome.httpStatus).toBeNull();
    expect(outcome.message).toMatch(/No answer from Userpilot within 1.5 s/);
    expect(detail.attempts.map((a) => a.error)).toEqual(Array(MAX_ATTEMPTS).fill("timeout"));
    expect(detail.errorMessage).toMatch(/No answer/);
    expect(await sandbox.requests()).toHaveLength(MAX_ATTEMPTS);
  });

  test("one hang then an answer: the retry is accepted", async ({ request }) => {
    await sandbox.respond({ status: 202, hang: true, times: 1 });
    const { detail } = await sendAndCheck(request, "hang_once", { status: "202", attempts: 2 });
    expect(detail.attempts[0]?.error).toBe("timeout");
    expect(detail.attempts[1]?.status).toBe(202);
  });

  test("a slow answer inside the timeout is waited for, not retried", async ({ request }) => {
    // The sandbox can delay a whole answer (delayMs) but not trickle a body: that case is below, against
    // a fault upstream of our own.
    await sandbox.respond({ status: 202, body: {}, delayMs: TIMEOUT_MS - 500, times: 1 });
    const { outcome } = await sendAndCheck(request, "slow", { status: "202", attempts: 1 });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 500);
    expect(await sandbox.requests()).toHaveLength(1);
  });

  for (const status of [500, 502, 503]) {
    test(`${status} on every attempt is retried, then recorded as ${status}`, async ({ request }) => {
      await sandbox.respond({
        status,
        body: { errors: [{ error: "upstream", error_code: "UPSTREAM", message: `upstream said ${status}` }] },
        times: MAX_ATTEMPTS,
      });
      const { outcome, detail } = await sendAndCheck(request, `s${status}`, {
        status: String(status),
        attempts: MAX_ATTEMPTS,
      });
      expect(outcome.httpStatus).toBe(status);
      expect(outcome.message).toBe(`upstream said ${status}`);
      expect(detail.attempts.map((a) => a.status)).toEqual(Array(MAX_ATTEMPTS).fill(status));
      expect(detail.responseBody).toContain(`upstream said ${status}`);
      expect(await sandbox.requests()).toHaveLength(MAX_ATTEMPTS);
    });
  }

  test("503 twice then 202: retried until accepted", async ({ request }) => {
    await sandbox.respond({ status: 503, times: 2 });
    const { detail } = await sendAndCheck(request, "s503_then_ok", { status: "202", attempts: 3 });
    expect(detail.attempts.map((a) => a.status)).toEqual([503, 503, 202]);
    expect(await sandbox.requests()).toHaveLength(3);
  });

  test("429 with Retry-After: 0 is retried at once, then recorded as 429", async ({ request }) => {
    await sandbox.respond({ status: 429, headers: { "retry-after": "0" }, times: MAX_ATTEMPTS });
    const { detail } = await sendAndCheck(request, "s429_ra0", { status: "429", attempts: MAX_ATTEMPTS });
    // The header wins over the backoff: no wait between attempts.
    expect(detail.attempts.map((a) => a.waitMs)).toEqual([...Array(MAX_ATTEMPTS - 1).fill(0), undefined]);
    expect(await sandbox.requests()).toHaveLength(MAX_ATTEMPTS);
  });

  test("429 without Retry-After backs off exponentially, then is recorded as 429", async ({ request }) => {
    await sandbox.respond({ status: 429, times: MAX_ATTEMPTS });
    const { detail } = await sendAndCheck(request, "s429_backoff", { status: "429", attempts: MAX_ATTEMPTS });
    const waits = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => BASE_MS * 2 ** i);
    expect(detail.attempts.map((a) => a.waitMs)).toEqual([...waits, undefined]);
    expect(await sandbox.requests()).toHaveLength(MAX_ATTEMPTS);
  });

  test("429 asking for a wait longer than the client allows stops at once", async ({ request }) => {
    await sandbox.respond({ status: 429, headers: { "retry-after": "3600" }, times: MAX_ATTEMPTS });
    await sendAndCheck(request, "s429_long", { status: "429", attempts: 1 });
    expect(await sandbox.requests()).toHaveLength(1);
  });

  test("500 with an empty body and 500 with an HTML body are recorded as 500", async ({ request }) => {
    await sandbox.respond({ status: 500, times: MAX_ATTEMPTS });
    const empty = await sendAndCheck(request, "s500_empty", { status: "500", attempts: MAX_ATTEMPTS });
    expect(empty.outcome.message).toBeNull();
    expect(empty.detail.responseBody ?? "").toBe("");

    const html = "<html><body><h1>502 Bad Gateway</h1> not JSON {</body></html>";
    await sandbox.respond({
      status: 500,
      body: html,
      headers: { "content-type": "text/html" },
      times: MAX_ATTEMPTS,
    });
    const nonJson = await sendAndCheck(request, "s500_html", { status: "500", attempts: MAX_ATTEMPTS });
    expect(nonJson.outcome.message).toBeNull();
    expect(nonJson.detail.responseBody).toBe(html);
  });

  test("a 5 MB body is read only up to the cap and stored capped", async ({ request }) => {
    const huge = `"${"x".repeat(5 * 1024 * 1024)}"`;
    await sandbox.respond({ status: 400, body: huge, times: 1 });
    const { detail } = await sendAndCheck(request, "huge_400", { status: "400", attempts: 1 });
    expect(detail.responseBody).toHaveLength(BODY_CAP);
    expect(detail.responseBody).toBe(huge.slice(0, BODY_CAP));

    await sandbox.respond({ status: 502, body: huge, times: MAX_ATTEMPTS });
    const retried = await sendAndCheck(request, "huge_502", { status: "502", attempts: MAX_ATTEMPTS });
    expect(retried.detail.responseBody).toHaveLength(BODY_CAP);
  });
});

test.describe("faults the sandbox cannot script, against a separate app and a fault upstream", () => {
  let upstream: FaultUpstream;
  let app: AppServer;
  let dir: string;
  const appTimeoutMs = 600;

  test.beforeAll(async () => {
    upstream = await startFaultUpstream();
    dir = makeTempDir("faults");
    app = await startAppServer({
      databaseFile: `${dir}/faults.db`,
      env: { USERPILOT_API_URL: upstream.url, USERPILOT_TIMEOUT_MS: String(appTimeoutMs) },
    });
  });

  test.beforeEach(async ({ request }) => {
    await signIn(request, app);
  });

  // After each fault: nothing escaped a handler (Next logs those as "⨯ Error..."), and the server still runs.
  test.afterEach(() => {
    expect(escapedErrors(app.output())).toEqual([]);
    expect(app.running()).toBe(true);
  });

  test.afterAll(async () => {
    await app?.stop();
    await upstream?.close();
    if (dir) removeTempDir(dir);
  });

  test("a body that trickles past the timeout ends as a timeout", async ({ request }) => {
    upstream.set({ kind: "slow-body", everyMs: 100 });
    const { detail } = await sendAndCheck(
      request,
      "slow_body",
      { status: "timeout", attempts: MAX_ATTEMPTS },
      app.url,
    );
    expect(detail.attempts.map((a) => a.error)).toEqual(Array(MAX_ATTEMPTS).fill("timeout"));
    expect(upstream.received()).toHaveLength(MAX_ATTEMPTS);
  });

  test("a connection reset is retried, then recorded as a network error", async ({ request }) => {
    upstream.set({ kind: "reset" });
    const { outcome, detail } = await sendAndCheck(
      request,
      "reset",
      { status: "network_error", attempts: MAX_ATTEMPTS },
      app.url,
    );
    expect(outcome.message).toBe("Userpilot could not be reached (connection reset)");
    expect(detail.attempts.map((a) => a.error)).toEqual(Array(MAX_ATTEMPTS).fill("network_error"));
    expect(upstream.received()).toHaveLength(MAX_ATTEMPTS);
  });

  test("a reset in the middle of the body is retried, then recorded as a network error", async ({
    request,
  }) => {
    upstream.set({ kind: "reset-mid-body" });
    await sendAndCheck(
      request,
      "reset_mid_body",
      { status: "network_error", attempts: MAX_ATTEMPTS },
      app.url,
    );
    expect(upstream.received()).toHaveLength(MAX_ATTEMPTS);
  });

  test("after all of that the server still answers", async ({ request }) => {
    upstream.set({ kind: "accept" });
    await sendAndCheck(request, "after_faults", { status: "202", attempts: 1 }, app.url);
    // The log really is captured (so the check after each test can see an escaped error).
    expect(app.output()).toMatch(/sends to: Sandbox/);
  });
});

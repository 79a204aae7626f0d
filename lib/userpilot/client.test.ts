import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "@/lib/sandbox/http-server";
import {
  receivedRequests,
  resetSandbox,
  scriptAnswer,
  startTestSandbox,
} from "@/lib/testing/sandbox-control";
import { getJson, postJson, RESPONSE_BODY_CAP, type RetryPolicy } from "./client";
import { API_VERSION, backgroundJobPath, USERPILOT_PATHS } from "./protocol";
import { MAX_RETRY_AFTER_MS } from "./retry";

const KEY = "client-test-key";
const FAST: RetryPolicy = { timeoutMs: 2000, maxRetries: 3, retryBaseMs: 10 };
const PAYLOAD = { user_id: "u1", metadata: { plan: "pro", seats: 3, legacy: null }, company: { id: "c1" } };

let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startTestSandbox(KEY, 0);
});

afterEach(async () => {
  await resetSandbox(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
});

const target = () => ({ baseUrl: sandbox.url, apiKey: KEY });

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; elapsedMs: number }> {
  const startedAt = performance.now();
  const result = await work();
  return { result, elapsedMs: performance.now() - startedAt };
}

/** A plain HTTP server on a free port, for answers the sandbox cannot script. */
async function startRawServer(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** "closed" once every connection has closed, or how long they were still open. */
async function closedWithin(closed: Promise<void>[], ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`still open after ${ms} ms`), ms);
  });
  return Promise.race([Promise.all(closed).then(() => "closed"), late]).finally(() => clearTimeout(timer));
}

describe("postJson: what it sends", () => {
  it("sends the three documented headers and exactly the JSON body", async () => {
    await postJson(target(), "/v1/identify", PAYLOAD, FAST);
    const [request, ...others] = await receivedRequests(sandbox.url);
    expect(others).toHaveLength(0);
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/v1/identify");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["authorization"]).toBe(`Token ${KEY}`);
    expect(request?.headers["x-api-version"]).toBe("2020-09-22");
    expect(API_VERSION).toBe("2020-09-22");
    expect(request?.body).toBe(JSON.stringify(PAYLOAD));
  });

  it("joins the path onto the base URL", async () => {
    const result = await postJson(target(), "/v1/companies/identify", { company_id: "c1" }, FAST);
    expect(result.kind === "response" && result.status).toBe(202);
    expect((await receivedRequests(sandbox.url)).map((r) => r.path)).toEqual(["/v1/companies/identify"]);
  });
});

describe("postJson: answers", () => {
  it("reports a 202 with its x-request-id, in one attempt", async () => {
    const result = await postJson(target(), "/v1/identify", PAYLOAD, FAST);
    if (result.kind !== "response") throw new Error(`expected a response, got ${result.kind}`);
    expect(result.status).toBe(202);
    expect(result.requestId).toMatch(/^sbx_[0-9a-f]+$/);
    expect(result.bodyTruncated).toBe(false);
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]).toMatchObject({ attempt: 1, status: 202, requestId: result.requestId });
    expect(result.attempts[0]?.waitMs).toBeUndefined();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("measures latency as the time spent, per attempt and in all", async () => {
    await scriptAnswer(sandbox.url, { status: 503 });
    const { result, elapsedMs } = await timed(() => postJson(target(), "/v1/identify", PAYLOAD, FAST));
    expect(result.attempts).toHaveLength(2);
    for (const attempt of result.attempts) {
      expect(attempt.latencyMs).toBeGreaterThanOrEqual(0);
      expect(attempt.latencyMs).toBeLessThanOrEqual(Math.ceil(elapsedMs));
    }
    expect(result.latencyMs).toBeGreaterThanOrEqual(10);
    expect(result.latencyMs).toBeLessThanOrEqual(Math.ceil(elapsedMs));
  });

  it("keeps the request id the server chose", async () => {
    await scriptAnswer(sandbox.url, { status: 202, headers: { "x-request-id": "req_scripted_42" } });
    const result = await postJson(target(), "/v1/identify", PAYLOAD, FAST);
    expect(result.kind === "response" && result.requestId).toBe("req_scripted_42");
  });

  it("reports a missing x-request-id as null and leaves it off the attempt", async () => {
    const server = await startRawServer((req, res) => {
      req.resume();
      res.writeHead(202).end();
    });
    try {
      const result = await postJson({ baseUrl: server.url, apiKey: KEY }, "/v1/identify", PAYLOAD, FAST);
      if (result.kind !== "response") throw new Error(`expected a response, got ${result.kind}`);
      expect(result.requestId).toBeNull();
      expect(result.attempts[0]).not.toHaveProperty("requestId");
    } finally {
      await server.close();
    }
  });

  it("reads the first value of a header sent twice", async () => {
    let answered = 0;
    const server = await startRawServer((req, res) => {
      req.resume();
      // Two header lines each: a proxy in front can add its own.
      res.setHeader("x-request-id", ["req_first", "req_second"]);
      res.setHeader("retry-after", ["0", "120"]);
      res.writeHead(answered++ === 0 ? 503 : 202).end();
    });
    try {
      const result = await postJson({ baseUrl: server.url, apiKey: KEY }, "/v1/identify", PAYLOAD, FAST);
      if (result.kind !== "response") throw new Error(`expected a response, got ${result.kind}`);
      expect(result.requestId).toBe("req_first");
      // The first Retry-After (0 s) is the one waited for, not the second (120 s: no retry at all).
      expect(result.attempts.map((a) => [a.status, a.waitMs, a.requestId])).toEqual([
        [503, 0, "req_first"],
        [202, undefined, "req_first"],
      ]);
    } finally {
      await server.close();
    }
  });

  it.each([
    [
      400,
      {
        errors: [
          { error: "Bad Request", error_code: "invalid", message: "user_id is required", details: {} },
        ],
      },
    ],
    [
      401,
      {
        errors: [
          { error: "Unauthorized", error_code: "unauthorized", message: "Invalid API key", details: {} },
        ],
      },
    ],
  ])("never retries a %i: exactly one attempt, the body kept", async (status, body) => {
    await scriptAnswer(sandbox.url, { status, body, times: 5 });
    const result = await postJson(target(), "/v1/identify", PAYLOAD, FAST);
    if (result.kind !== "response") throw new Error(`expected a response, got ${result.kind}`);
    expect(result.status).toBe(status);
    expect(JSON.parse(result.body)).toEqual(body);
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]?.waitMs).toBeUndefined();
    expect(await receivedRequests(sandbox.url)).toHaveLength(1);
  });

  it("does not retry the sandbox's real 401 for a wrong key", async () => {
    const result = await postJson({ baseUrl: sandbox.url, apiKey: "wrong" }, "/v1/identify", PAYLOAD, FAST);
    expect(result.kind === "response" && result.status).toBe(401);
    expect(result.attempts).toHaveLength(1);
  });
});

describe("postJson: retries", () => {
  it.each([500, 502, 503])("retries a %i up to maxRetries, then reports it", async (status) => {
    await scriptAnswer(sandbox.url, { status, times: 10 });
    const policy = { ...FAST, maxRetries: 2 };
    const result = await postJson(target(), "/v1/identify", PAYLOAD, policy);
    if (result.kind !== "response") throw new Error(`expected a response, got ${result.kind}`);
    expect(result.status).toBe(status);
    expect(result.attempts).toHaveLength(policy.maxRetries + 1);
    expect(result.attempts.map((a) => a.status)).toEqual([status, status, status]);
    expect(result.attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    // Exponential backoff from the base; nothing waited after the last attempt.
    expect(result.attempts.map((a) => a.waitMs)).toEqual([10, 20, undefined]);
    expect(await receivedRequests(sandbox.url)).toHaveLength(3);
  });

  it("makes a single attempt with maxRetries 0", async () => {
    await scriptAnswer(sandbox.url, { status: 503, times: 5 });
    const result = await postJson(target(), "/v1/identify", PAYLOAD, { ...FAST, maxRetries: 0 });
    expect(result.attempts).toHaveLength(1);
  });

  it("succeeds on the second attempt after a 429", async () => {
    await scriptAnswer(sandbox.url, { status: 429 });
    const result = await postJson(target(), "/v1/identify", PAYLOAD, FAST);
    if (result.kind !== "response") throw new Error(`expected a response, got ${result.kind}`);
    expect(result.status).toBe(202);
    expect(result.attempts.map((a) => a.status)).toEqual([429, 202]);
    expect(result.attempts[0]?.waitMs).toBe(10);
    const received = await receivedRequests(sandbox.url);
    expect(received).toHaveLength(2);
    // The retry sends the very same body.
    expect(received[1]?.body).toBe(received[0]?.body);
  });

  it("honours a Retry-After header over a tiny backoff base", async () => {
    await scriptAnswer(sandbox.url, { status: 503, headers: { "Retry-After": "1" } });
    const { result, elapsedMs } = await timed(() => postJson(target(), "/v1/identify", PAYLOAD, FAST));
    expect(result.kind === "response" && result.status).toBe(202);
    expect(result.attempts[0]?.waitMs).toBe(1000);
    expect(elapsedMs).toBeGreaterThanOrEqual(900);
    expect(result.latencyMs).toBeGreaterThanOrEqual(900);
  });

  it("stops retrying when Retry-After asks for more than MAX_RETRY_AFTER_MS", async () => {
    const tooLong = String(MAX_RETRY_AFTER_MS / 1000 + 1);
    await scriptAnswer(sandbox.url, { status: 429, headers: { "Retry-After": tooLong }, times: 5 });
    const { result, elapsedMs } = await timed(() => postJson(target(), "/v1/identify", PAYLOAD, FAST));
    expect(result.kind === "response" && result.status).toBe(429);
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]?.waitMs).toBeUndefined();
    expect(elapsedMs).toBeLessThan(1000);
  });

  it("lets a Retry-After of 0 replace the backoff", async () => {
    await scriptAnswer(sandbox.url, { status: 503, headers: { "Retry-After": "0" }, times: 1 });
    const result = await postJson(target(), "/v1/identify", PAYLOAD, { ...FAST, maxRetries: 1 });
    expect(result.kind === "response" && result.status).toBe(202);
    expect(result.attempts.map((a) => a.waitMs)).toEqual([0, undefined]);
  });
});

describe("postJson: failures on the way", () => {
  it("reports a hanging server as a timeout after timeoutMs, each attempt timed out", async () => {
    await scriptAnswer(sandbox.url, { status: 202, hang: true, times: 2 });
    const policy = { timeoutMs: 300, maxRetries: 1, retryBaseMs: 10 };
    const { result, elapsedMs } = await timed(() => postJson(target(), "/v1/identify", PAYLOAD, policy));
    if (result.kind !== "timeout") throw new Error(`expected a timeout, got ${result.kind}`);
    expect(result.message).toContain("0.3 s");
    expect(result.attempts).toHaveLength(2);
    expect(result.attempts.map((a) => a.error)).toEqual(["timeout", "timeout"]);
    expect(result.attempts[0]?.latencyMs).toBeGreaterThanOrEqual(280);
    expect(result.attempts[0]?.status).toBeUndefined();
    expect(elapsedMs).toBeGreaterThanOrEqual(2 * 280);
    expect(elapsedMs).toBeLessThan(2000);
  });

  it("retries after a timeout and reports the answer that follows", async () => {
    await scriptAnswer(sandbox.url, { status: 202, hang: true });
    const result = await postJson(target(), "/v1/identify", PAYLOAD, { ...FAST, timeoutMs: 300 });
    expect(result.kind === "response" && result.status).toBe(202);
    expect(result.attempts.map((a) => a.error ?? a.status)).toEqual(["timeout", 202]);
  });

  it("reports a refused connection as a network error, retried like a 5xx", async () => {
    const closed = await startRawServer(() => {});
    await closed.close();
    const result = await postJson({ baseUrl: closed.url, apiKey: KEY }, "/v1/identify", PAYLOAD, {
      ...FAST,
      maxRetries: 1,
    });
    if (result.kind !== "network_error") throw new Error(`expected a network error, got ${result.kind}`);
    expect(result.message).toBe("Userpilot could not be reached (connection refused)");
    expect(result.attempts).toHaveLength(2);
    expect(result.attempts.map((a) => a.code)).toEqual(["connection_refused", "connection_refused"]);
    expect(result.attempts.map((a) => a.error)).toEqual(["network_error", "network_error"]);
    // The backoff applies to failures on the way as to a 5xx.
    expect(result.attempts.map((a) => a.waitMs)).toEqual([10, undefined]);
    expect(Object.keys(result).sort()).toEqual(["attempts", "kind", "latencyMs", "message"]);
  });

  it("reports headers followed by a stalled body as a timeout", async () => {
    const stalling = await startRawServer((req, res) => {
      req.resume();
      res.writeHead(202, {
        "content-type": "application/json",
        "content-length": "100",
        "x-request-id": "r1",
      });
      res.write('{"partial":');
    });
    try {
      const policy = { timeoutMs: 300, maxRetries: 0, retryBaseMs: 10 };
      const { result, elapsedMs } = await timed(() =>
        postJson({ baseUrl: stalling.url, apiKey: KEY }, "/v1/identify", PAYLOAD, policy),
      );
      expect(result.kind).toBe("timeout");
      expect(result.attempts).toHaveLength(1);
      expect(elapsedMs).toBeGreaterThanOrEqual(280);
      expect(elapsedMs).toBeLessThan(1500);
    } finally {
      await stalling.close();
    }
  });
});

describe("postJson: redirects and raw errors", () => {
  it("records a 303 as it is: not followed, its body not kept, not retried", async () => {
    let targetHits = 0;
    const elsewhere = await startRawServer((req, res) => {
      targetHits++;
      req.resume();
      res.writeHead(200, { "content-type": "application/json" }).end('{"internal":"secret"}');
    });
    let redirects = 0;
    const redirecting = await startRawServer((req, res) => {
      redirects++;
      req.resume();
      res
        .writeHead(303, { location: `${elsewhere.url}/internal`, "content-type": "text/plain" })
        .end("see other");
    });
    try {
      const result = await postJson({ baseUrl: redirecting.url, apiKey: KEY }, "/v1/identify", PAYLOAD, FAST);
      if (result.kind !== "response") throw new Error(`expected a response, got ${result.kind}`);
      expect(result.status).toBe(303);
      expect(result.body).toBe("");
      expect(result.bodyTruncated).toBe(false);
      expect(result.attempts).toHaveLength(1);
      expect(redirects).toBe(1);
      expect(targetHits).toBe(0);
    } finally {
      await redirecting.close();
      await elsewhere.close();
    }
  });

  it("closes a redirect's connection instead of leaving a large body unread on it", async () => {
    const closed: Promise<void>[] = [];
    const redirecting = await startRawServer((req, res) => {
      req.resume();
      closed.push(new Promise((resolve) => res.socket?.once("close", () => resolve())));
      // Far more than the socket buffers and the client's stream hold: left unread, it would stall mid-way.
      res
        .writeHead(303, { location: "/elsewhere", "content-type": "text/plain" })
        .end(Buffer.alloc(16 * 1024 * 1024));
    });
    try {
      const result = await postJson({ baseUrl: redirecting.url, apiKey: KEY }, "/v1/identify", PAYLOAD, FAST);
      expect(result).toMatchObject({ kind: "response", status: 303, body: "" });
      expect(await closedWithin(closed, 2000)).toBe("closed");
    } finally {
      await redirecting.close();
    }
  });

  it("records a body-less 304 as it is", async () => {
    const server = await startRawServer((req, res) => {
      req.resume();
      res.writeHead(304).end();
    });
    try {
      const result = await postJson({ baseUrl: server.url, apiKey: KEY }, "/v1/identify", PAYLOAD, FAST);
      expect(result).toMatchObject({ kind: "response", status: 304, body: "", bodyTruncated: false });
      expect(result.attempts).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("makes one attempt with a key HTTP can't carry, and records fixed words without the key", async () => {
    const badKey = "first-half\nsecond-half";
    const result = await postJson({ baseUrl: sandbox.url, apiKey: badKey }, "/v1/identify", PAYLOAD, FAST);
    if (result.kind !== "network_error") throw new Error(`expected a network error, got ${result.kind}`);
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]?.code).toBe("request_invalid");
    expect(result.message).toMatch(/^The request could not be built/);
    const recorded = JSON.stringify(result);
    expect(recorded).not.toContain("first-half");
    expect(recorded).not.toContain("second-half");
    expect(await receivedRequests(sandbox.url)).toHaveLength(0);
  });

  it("never records the HTTP client's own words for a network error", async () => {
    const resetting = await startRawServer((req) => {
      req.socket.resetAndDestroy();
    });
    try {
      const result = await postJson({ baseUrl: resetting.url, apiKey: KEY }, "/v1/identify", PAYLOAD, {
        ...FAST,
        maxRetries: 1,
      });
      if (result.kind !== "network_error") throw new Error(`expected a network error, got ${result.kind}`);
      expect(result.message).toBe("Userpilot could not be reached (connection reset)");
      expect(result.attempts).toHaveLength(2);
      const recorded = JSON.stringify(result);
      expect(recorded).not.toMatch(/fetch failed|other side closed|ECONNRESET|socket hang up/i);
    } finally {
      await resetting.close();
    }
  });
});

describe("postJson: bodies", () => {
  it("handles an empty body", async () => {
    await scriptAnswer(sandbox.url, { status: 202 });
    const result = await postJson(target(), "/v1/identify", PAYLOAD, FAST);
    if (result.kind !== "response") throw new Error(`expected a response, got ${result.kind}`);
    expect(result.status).toBe(202);
    expect(result.body).toBe("");
    expect(result.bodyTruncated).toBe(false);
  });

  it("keeps a non-JSON body as text", async () => {
    const html = "<html><body>Bad gateway</body></html>";
    await scriptAnswer(sandbox.url, {
      status: 502,
      body: html,
      headers: { "content-type": "text/html" },
      times: 2,
    });
    const result = await postJson(target(), "/v1/identify", PAYLOAD, { ...FAST, maxRetries: 1 });
    if (result.kind !== "response") throw new Error(`expected a response, got ${result.kind}`);
    expect(result.status).toBe(502);
    expect(result.body).toBe(html);
    expect(result.attempts).toHaveLength(2);
  });

  it("truncates a body larger than RESPONSE_BODY_CAP and says so", async () => {
    const large = "x".repeat(RESPONSE_BODY_CAP + 100);
    await scriptAnswer(sandbox.url, { status: 400, body: large, headers: { "content-type": "text/plain" } });
    const result = await postJson(target(), "/v1/identify", PAYLOAD, FAST);
    if (result.kind !== "response") throw new Error(`expected a response, got ${result.kind}`);
    expect(result.body).toHaveLength(RESPONSE_BODY_CAP);
    expect(result.body).toBe(large.slice(0, RESPONSE_BODY_CAP));
    expect(result.bodyTruncated).toBe(true);
  });

  it("keeps a body of exactly RESPONSE_BODY_CAP whole", async () => {
    const exact = "y".repeat(RESPONSE_BODY_CAP);
    await scriptAnswer(sandbox.url, { status: 400, body: exact, headers: { "content-type": "text/plain" } });
    const result = await postJson(target(), "/v1/identify", PAYLOAD, FAST);
    if (result.kind !== "response") throw new Error(`expected a response, got ${result.kind}`);
    expect(result.body).toBe(exact);
    expect(result.bodyTruncated).toBe(false);
  });

  it("closes a capped body's connection instead of leaving the rest unread on it", async () => {
    const closed: Promise<void>[] = [];
    const server = await startRawServer((req, res) => {
      req.resume();
      closed.push(new Promise((resolve) => res.socket?.once("close", () => resolve())));
      res.writeHead(400, { "content-type": "text/plain" }).end(Buffer.alloc(16 * 1024 * 1024, "x"));
    });
    try {
      const result = await postJson({ baseUrl: server.url, apiKey: KEY }, "/v1/identify", PAYLOAD, FAST);
      expect(result).toMatchObject({ kind: "response", status: 400, bodyTruncated: true });
      expect(await closedWithin(closed, 2000)).toBe("closed");
    } finally {
      await server.close();
    }
  });

  it("keeps a character whose bytes arrive in two chunks whole", async () => {
    const server = await startRawServer((req, res) => {
      req.resume();
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      res.write(Buffer.from([0x63, 0x61, 0x66, 0xc3]));
      setTimeout(() => res.end(Buffer.from([0xa9, 0x21])), 20);
    });
    try {
      const result = await postJson({ baseUrl: server.url, apiKey: KEY }, "/v1/identify", PAYLOAD, FAST);
      expect(result.kind === "response" && result.body).toBe("caf\u00e9!");
    } finally {
      await server.close();
    }
  });

  it("marks a body cut in the middle of a character with a replacement character", async () => {
    const server = await startRawServer((req, res) => {
      req.resume();
      res
        .writeHead(400, { "content-type": "text/plain; charset=utf-8" })
        .end(Buffer.from([0x6f, 0x6b, 0xc3]));
    });
    try {
      const result = await postJson({ baseUrl: server.url, apiKey: KEY }, "/v1/identify", PAYLOAD, FAST);
      expect(result.kind === "response" && result.body).toBe("ok\ufffd");
    } finally {
      await server.close();
    }
  });

  it("reports a 204 without a body", async () => {
    const server = await startRawServer((req, res) => {
      req.resume();
      res.writeHead(204).end();
    });
    try {
      const result = await postJson({ baseUrl: server.url, apiKey: KEY }, "/v1/identify", PAYLOAD, FAST);
      expect(result).toMatchObject({ kind: "response", status: 204, body: "", bodyTruncated: false });
    } finally {
      await server.close();
    }
  });
});

describe("getJson", () => {
  it("sends a GET with the key and the version, no content type and no body", async () => {
    const result = await getJson(target(), USERPILOT_PATHS.validate, FAST);
    expect(result).toMatchObject({ kind: "response", status: 200 });
    const [request, ...others] = await receivedRequests(sandbox.url);
    expect(others).toHaveLength(0);
    expect(request?.method).toBe("GET");
    expect(request?.path).toBe("/v1/validate");
    expect(request?.headers["authorization"]).toBe(`Token ${KEY}`);
    expect(request?.headers["x-api-version"]).toBe("2020-09-22");
    expect(request?.headers).not.toHaveProperty("content-type");
    expect(request?.body).toBe("");
  });

  it("reads a bulk job's progress, the way job polling will", async () => {
    const started = await postJson(target(), USERPILOT_PATHS.bulkIdentifyUsers, { users: [{ user_id: "u1" }] }, FAST);
    if (started.kind !== "response") throw new Error(`expected a response, got ${started.kind}`);
    const { job_id } = JSON.parse(started.body) as { job_id: string };
    const progress = await getJson(target(), backgroundJobPath(job_id), FAST);
    expect(progress).toMatchObject({ kind: "response", status: 200 });
    expect(progress.kind === "response" && JSON.parse(progress.body)).toMatchObject({ job_id });
  });

  it("retries a 5xx like a POST, and reports the answer that follows", async () => {
    await scriptAnswer(sandbox.url, { status: 503 });
    const result = await getJson(target(), USERPILOT_PATHS.validate, FAST);
    expect(result).toMatchObject({ kind: "response", status: 200 });
    expect(result.attempts.map((attempt) => attempt.status)).toEqual([503, 200]);
  });

  it("sends no Authorization header to an open target", async () => {
    const server = await startRawServer((req, res) => {
      res.writeHead(200).end(JSON.stringify({ headers: req.headers, method: req.method }));
    });
    try {
      const result = await getJson({ baseUrl: server.url }, "/_sandbox/users/u1", FAST);
      if (result.kind !== "response") throw new Error(`expected a response, got ${result.kind}`);
      const seen = JSON.parse(result.body) as { headers: Record<string, string>; method: string };
      expect(seen.method).toBe("GET");
      expect(seen.headers).not.toHaveProperty("authorization");
      expect(seen.headers["x-api-version"]).toBe("2020-09-22");
    } finally {
      await server.close();
    }
  });

  it("reads up to the body cap it is given, and no further", async () => {
    const body = "x".repeat(RESPONSE_BODY_CAP + 10);
    const server = await startRawServer((_req, res) => res.writeHead(200).end(body));
    try {
      const wide = await getJson({ baseUrl: server.url, apiKey: KEY }, "/big", FAST, { bodyCap: body.length });
      expect(wide).toMatchObject({ kind: "response", body, bodyTruncated: false });
      const narrow = await getJson({ baseUrl: server.url, apiKey: KEY }, "/big", FAST, { bodyCap: 5 });
      expect(narrow).toMatchObject({ kind: "response", body: "xxxxx", bodyTruncated: true });
      const byDefault = await getJson({ baseUrl: server.url, apiKey: KEY }, "/big", FAST);
      expect(byDefault).toMatchObject({ kind: "response", bodyTruncated: true });
      expect(byDefault.kind === "response" && byDefault.body.length).toBe(RESPONSE_BODY_CAP);
    } finally {
      await server.close();
    }
  });
});

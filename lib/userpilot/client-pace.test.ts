import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { postJson, type RetryPolicy } from "./client";

// Apart from client.test.ts: this file's pace (read from the environment on the first call) allows one request
// a 100 ms window, the shortest lib/env.ts accepts.
const KEY = "client-pace-test-key";
const ONCE: RetryPolicy = { timeoutMs: 2000, maxRetries: 0, retryBaseMs: 10 };

let server: Server;
let url: string;

beforeAll(async () => {
  vi.stubEnv("UPSTREAM_RATE_PER_MINUTE", "1");
  vi.stubEnv("UPSTREAM_RATE_WINDOW_MS", "100");
  server = createServer((req, res) => {
    req.resume();
    res.writeHead(202).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The call's result, or a failure if it is still waiting for a turn after `ms`. */
async function within<T>(ms: number, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting for a turn after ${ms} ms`)), ms);
  });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

it("gives its pace turn back after an answer and after a failure, so the next call goes a window later", async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const refused = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  const startedAt = performance.now();
  const first = await within(2000, postJson({ baseUrl: url, apiKey: KEY }, "/v1/identify", {}, ONCE));
  const failed = await within(2000, postJson({ baseUrl: refused, apiKey: KEY }, "/v1/identify", {}, ONCE));
  const third = await within(2000, postJson({ baseUrl: url, apiKey: KEY }, "/v1/identify", {}, ONCE));
  expect([first.kind, failed.kind, third.kind]).toEqual(["response", "network_error", "response"]);
  // Each call after the first waited for the turn before it to come back: the pace is the one set above.
  expect(performance.now() - startedAt).toBeGreaterThanOrEqual(2 * 100);
});

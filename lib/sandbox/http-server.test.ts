import { afterEach, describe, expect, it } from "vitest";
import { startSandboxServer, type SandboxServer } from "./http-server";
import { createMemoryStore } from "./memory-store";

let server: SandboxServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(overrides: { maxBodyBytes?: number; log?: (line: string) => void } = {}) {
  server = await startSandboxServer({
    port: 0,
    host: "127.0.0.1",
    apiKey: "http-key",
    rateLimitPerMinute: 600,
    jobStepMs: 0,
    store: createMemoryStore(),
    testMode: true,
    ...overrides,
  });
  return server;
}

describe("startSandboxServer", () => {
  it("serves the sandbox over real HTTP on the port it was given", async () => {
    const { url } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url.endsWith(":0")).toBe(false);

    const identify = await fetch(`${url}/v1/identify`, {
      method: "POST",
      headers: {
        Authorization: "Token http-key",
        "Content-Type": "application/json",
        "X-API-Version": "2020-09-22",
      },
      body: JSON.stringify({ user_id: "u1", metadata: { plan: "pro" }, company: { id: "c1" } }),
    });
    expect(identify.status).toBe(202);
    expect(identify.headers.get("content-type")).toBe("application/json");
    expect(identify.headers.get("x-request-id")).toMatch(/^sbx_/);

    const lookup = await fetch(`${url}/_sandbox/users/u1`);
    expect(await lookup.json()).toMatchObject({ user: { metadata: { plan: "pro" }, company_id: "c1" } });
  });

  it("answers 401 and a rate-limit 429 with an empty body over HTTP", async () => {
    const { url } = await start();
    const unauthorized = await fetch(`${url}/v1/validate`, { headers: { Authorization: "Token wrong" } });
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toMatchObject({ errors: [{ error_code: "unauthorized" }] });

    await fetch(`${url}/__control/rate-limit`, { method: "POST", body: JSON.stringify({ perMinute: 0 }) });
    const limited = await fetch(`${url}/v1/validate`, { headers: { Authorization: "Token http-key" } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(await limited.text()).toBe("");
  });

  it("answers 413 for a body over the cap", async () => {
    const { url } = await start({ maxBodyBytes: 1024 });
    const response = await fetch(`${url}/v1/identify`, {
      method: "POST",
      headers: { Authorization: "Token http-key" },
      body: JSON.stringify({ user_id: "u1", metadata: { note: "x".repeat(2048) } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ error_code: "payload_too_large" }] });
  });

  it("logs one line per request without the Authorization header", async () => {
    const lines: string[] = [];
    const { url } = await start({ log: (line) => lines.push(line) });
    await fetch(`${url}/v1/validate`, { headers: { Authorization: "Token http-key" } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GET \/v1\/validate -> 200 \d+ms sbx_[0-9a-f]+$/);
    expect(lines[0]).not.toContain("http-key");
  });

  it("closes promptly even while a scripted hang holds a request open", async () => {
    const { url } = await start();
    await fetch(`${url}/__control/respond`, {
      method: "POST",
      body: JSON.stringify({ status: 504, hang: true }),
    });
    const hanging = fetch(`${url}/v1/validate`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const startedAt = performance.now();
    await server?.close();
    server = undefined;
    expect(performance.now() - startedAt).toBeLessThan(1000);
    expect(await hanging).toBeInstanceOf(Error);
  });
});

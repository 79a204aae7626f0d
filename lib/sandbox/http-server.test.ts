import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startSandboxServer, type SandboxServer } from "./http-server";
import { createMemoryStore } from "./memory-store";

let server: SandboxServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(
  overrides: { maxBodyBytes?: number; log?: (line: string) => void; host?: string; port?: number } = {},
) {
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

/** A raw request through node:http, so the test decides about Content-Length, chunking and repeated headers. */
function rawRequest(
  url: string,
  options: { method: string; path: string; headers: Record<string, string | string[]>; chunks?: string[] },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${options.path}`, { method: options.method, headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

describe("startSandboxServer: the edges", () => {
  const identifyBody = (length: number) => {
    const body = JSON.stringify({ user_id: "u1", metadata: { note: "" } });
    return JSON.stringify({ user_id: "u1", metadata: { note: "x".repeat(length - body.length) } });
  };

  it("accepts a body of exactly the cap, with or without a Content-Length", async () => {
    const { url } = await start({ maxBodyBytes: 1024 });
    const body = identifyBody(1024);
    expect(Buffer.byteLength(body)).toBe(1024);
    const sized = await fetch(`${url}/v1/identify`, {
      method: "POST",
      headers: { Authorization: "Token http-key" },
      body,
    });
    expect(sized.status).toBe(202);
    const chunked = await rawRequest(url, {
      method: "POST",
      path: "/v1/identify",
      headers: { authorization: "Token http-key", "transfer-encoding": "chunked" },
      chunks: [body.slice(0, 500), body.slice(500)],
    });
    expect(chunked.status).toBe(202);
  });

  it("answers 413, naming the cap and closing the connection, for a chunked body that grows past it", async () => {
    const { url, sandbox } = await start({ maxBodyBytes: 1024 });
    const body = identifyBody(1025);
    const response = await rawRequest(url, {
      method: "POST",
      path: "/v1/identify",
      headers: { authorization: "Token http-key", "transfer-encoding": "chunked" },
      chunks: [body.slice(0, 600), body.slice(600)],
    });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe("close");
    expect(JSON.parse(response.body)).toMatchObject({
      errors: [{ error_code: "payload_too_large", message: "The request body is over 1024 bytes" }],
    });
    const lookup = await sandbox.handle({ method: "GET", path: "/_sandbox/users/u1", headers: {}, body: "" });
    expect(lookup.status).toBe(404);
  });

  it("answers 413 from the Content-Length alone", async () => {
    const { url } = await start({ maxBodyBytes: 1024 });
    const response = await fetch(`${url}/v1/identify`, {
      method: "POST",
      headers: { Authorization: "Token http-key" },
      body: identifyBody(1025),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
    expect(await response.json()).toMatchObject({ errors: [{ message: "The request body is over 1024 bytes" }] });
  });

  it("passes repeated header values on joined with a comma", async () => {
    const { url } = await start();
    await rawRequest(url, {
      method: "GET",
      path: "/v1/validate",
      headers: { authorization: "Token http-key", "set-cookie": ["a=1", "b=2"] },
    });
    const listed = (await (await fetch(`${url}/__control/requests`)).json()) as {
      requests: { method: string; path: string; headers: Record<string, string> }[];
    };
    expect(listed.requests).toHaveLength(1);
    expect(listed.requests[0]).toMatchObject({ method: "GET", path: "/v1/validate" });
    expect(listed.requests[0]?.headers["set-cookie"]).toBe("a=1, b=2");
  });

  it("logs how long the answer took", async () => {
    const lines: string[] = [];
    const { url } = await start({ log: (line) => lines.push(line) });
    await fetch(`${url}/v1/nowhere`, { method: "POST" });
    const [, milliseconds] = /-> 404 (\d+)ms /.exec(lines[0] ?? "") ?? [];
    expect(Number(milliseconds)).toBeLessThan(5000);
  });

  it("brackets an IPv6 address in its URL", async () => {
    const { url } = await start({ host: "::1" });
    expect(url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect((await fetch(`${url}/v1/validate`, { headers: { Authorization: "Token http-key" } })).status).toBe(200);
  });

  it("fails to start on a port already taken, and a second close reports the server is not running", async () => {
    const first = await start();
    const port = Number(new URL(first.url).port);
    await expect(
      startSandboxServer({
        port,
        host: "127.0.0.1",
        apiKey: "k",
        rateLimitPerMinute: 1,
        jobStepMs: 0,
        store: createMemoryStore(),
      }),
    ).rejects.toMatchObject({ code: "EADDRINUSE" });
    await first.close();
    server = undefined;
    await expect(first.close()).rejects.toThrow();
  });

  it("answers 413 from an oversized Content-Length before the body arrives", async () => {
    const { url } = await start({ maxBodyBytes: 1024 });
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${url}/v1/identify`,
        { method: "POST", headers: { authorization: "Token http-key", "content-length": "5000" } },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      // Ten bytes of the announced five thousand; the rest never comes.
      req.write('{"user_id"');
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ errors: [{ message: "The request body is over 1024 bytes" }] });
  });
});

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NETWORK_ERROR_MESSAGES } from "@/lib/userpilot/network-errors";
import { startSandboxServer, type SandboxServer } from "./http-server";
import { createMemoryStore } from "./memory-store";
import { fetchSandboxProfile, parseProfileAnswer } from "./profile-client";

const PROFILE = {
  user: { user_id: "u1", metadata: { plan: "pro", seats: 3, beta: true, gone: null }, company_id: "c1", updated_at: "t" },
  company: { company_id: "c1", metadata: { name: "Acme" }, updated_at: "t" },
};

describe("parseProfileAnswer", () => {
  it("reads a found profile, with or without a company", () => {
    expect(parseProfileAnswer(200, JSON.stringify(PROFILE))).toEqual({ kind: "found", profile: PROFILE });
    const alone = { user: { ...PROFILE.user, company_id: null }, company: null };
    expect(parseProfileAnswer(200, JSON.stringify(alone))).toEqual({ kind: "found", profile: alone });
  });

  it("reads 404 as no such user, whatever the body", () => {
    expect(parseProfileAnswer(404, "not json")).toEqual({ kind: "not_found" });
  });

  it.each([
    [200, "not json"],
    [200, JSON.stringify({ user: { user_id: "u1" }, company: null })],
    [200, JSON.stringify({ ...PROFILE, company: { company_id: "c1", metadata: { tags: ["a"] }, updated_at: "t" } })],
    [500, JSON.stringify(PROFILE)],
    [503, ""],
  ])("reads %i %j as unavailable, naming the status", (status, body) => {
    expect(parseProfileAnswer(status, body)).toEqual({
      kind: "unavailable",
      message: `The sandbox answered ${status} with an unexpected body`,
    });
  });
});

describe("fetchSandboxProfile over HTTP", () => {
  let server: SandboxServer;
  beforeAll(async () => {
    server = await startSandboxServer({
      port: 0,
      host: "127.0.0.1",
      apiKey: "profile-key",
      rateLimitPerMinute: 600,
      jobStepMs: 0,
      store: createMemoryStore(),
    });
    const identify = await fetch(`${server.url}/v1/identify`, {
      method: "POST",
      headers: { Authorization: "Token profile-key" },
      body: JSON.stringify({ user_id: "a/b c", metadata: { plan: "pro" }, company: { id: "c1", name: "Acme" } }),
    });
    expect(identify.status).toBe(202);
  });
  afterAll(() => server.close());

  it("finds a user whose id needs encoding, with their company", async () => {
    const lookup = await fetchSandboxProfile(server.url, "a/b c");
    expect(lookup).toMatchObject({
      kind: "found",
      profile: {
        user: { user_id: "a/b c", metadata: { plan: "pro" }, company_id: "c1" },
        company: { company_id: "c1", metadata: { name: "Acme" } },
      },
    });
  });

  it("says when the user is not there", async () => {
    expect(await fetchSandboxProfile(server.url, "nobody")).toEqual({ kind: "not_found" });
  });

  it("says why when the sandbox cannot be reached", async () => {
    const closed = await startSandboxServer({
      port: 0,
      host: "127.0.0.1",
      apiKey: "k",
      rateLimitPerMinute: 1,
      jobStepMs: 0,
      store: createMemoryStore(),
    });
    await closed.close();
    const lookup = await fetchSandboxProfile(closed.url, "u1");
    expect(lookup).toEqual({ kind: "unavailable", message: NETWORK_ERROR_MESSAGES.connection_refused });
  });
});

describe("fetchSandboxProfile against a hand-written server", () => {
  async function serve(handler: Parameters<typeof createServer>[1]) {
    const server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  it("reads a profile larger than a send's recorded answer, asking once without a key", async () => {
    const big = { ...PROFILE, user: { ...PROFILE.user, metadata: { notes: "n".repeat(40 * 1024) } } };
    const asked: { url: string | undefined; authorization: string | undefined }[] = [];
    const server = await serve((request, response) => {
      asked.push({ url: request.url, authorization: request.headers.authorization });
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(big));
    });
    try {
      expect(await fetchSandboxProfile(server.url, "u 1")).toEqual({ kind: "found", profile: big });
      expect(asked).toEqual([{ url: "/_sandbox/users/u%201", authorization: undefined }]);
    } finally {
      await server.close();
    }
  });

  it("does not retry an error answer, and names its status", async () => {
    let asked = 0;
    const server = await serve((_request, response) => {
      asked++;
      response.writeHead(503).end();
    });
    try {
      expect(await fetchSandboxProfile(server.url, "u1")).toEqual({
        kind: "unavailable",
        message: "The sandbox answered 503 with an unexpected body",
      });
      expect(asked).toBe(1);
    } finally {
      await server.close();
    }
  });
});

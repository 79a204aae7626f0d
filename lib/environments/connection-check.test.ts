import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { NETWORK_ERROR_MESSAGES } from "@/lib/userpilot/network-errors";
import { checkConnection, CONNECTION_CHECK_POLICY } from "./connection-check";
import type { ResolvedEnvironment } from "./store";

// A real HTTP server on 127.0.0.1 answers the check; each test scripts its answer.

const KEY = "check-key-1234";
const HINT = "GET /v1/validate is not in Userpilot's API description: treat this as a hint, not a guarantee.";

type Seen = { method: string; url: string; authorization: string | undefined; version: string | undefined };
let answer: (request: IncomingMessage, response: ServerResponse) => void;
let seen: Seen[] = [];
let baseUrl: string;
const server = createServer((request, response) => {
  seen.push({
    method: request.method ?? "",
    url: request.url ?? "",
    authorization: request.headers.authorization,
    version: request.headers["x-api-version"] as string | undefined,
  });
  answer(request, response);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  seen = [];
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function environment(overrides: Partial<Pick<ResolvedEnvironment, "baseUrl" | "apiKey">> = {}): ResolvedEnvironment {
  return {
    baseUrl,
    apiKey: KEY,
    builtInSandbox: false,
    summary: {
      id: "e1",
      name: "Staging",
      kind: "stored",
      region: "custom",
      baseUrl,
      isProduction: false,
      keyLast4: "1234",
      keyUnreadable: false,
      isDefault: true,
      label: "Staging · Custom",
    },
    ...overrides,
  };
}

function answerWith(status: number, headers: Record<string, string> = {}, body = "") {
  answer = (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}

describe("checkConnection", () => {
  it("asks GET /v1/validate with the key and the API version, and accepts a 200", async () => {
    answerWith(200, { "content-type": "application/json" }, '{"ok":true}');
    expect(await checkConnection(environment())).toEqual({
      verdict: "accepted",
      status: 200,
      message: `Userpilot accepted the key. ${HINT}`,
    });
    expect(seen).toEqual([{ method: "GET", url: "/v1/validate", authorization: `Token ${KEY}`, version: "2020-09-22" }]);
  });

  it("accepts any 2xx, a body-less 204 included", async () => {
    answerWith(204);
    expect(await checkConnection(environment())).toMatchObject({ verdict: "accepted", status: 204 });
    answerWith(299);
    expect(await checkConnection(environment())).toMatchObject({ verdict: "accepted", status: 299 });
  });

  it.each([401, 403])("rejects the key on a %i, naming the App Token mix-up", async (status) => {
    answerWith(status, {}, '{"error":"nope"}');
    expect(await checkConnection(environment())).toEqual({
      verdict: "rejected",
      status,
      message: `Userpilot rejected the key: check it is the API key, not the App Token, and the region. ${HINT}`,
    });
  });

  it.each([400, 404, 429, 500])("calls a %i unclear and quotes only the status", async (status) => {
    answerWith(status, {}, "secret details from upstream");
    expect(await checkConnection(environment())).toEqual({
      verdict: "unclear",
      status,
      message: `Userpilot answered ${status}. ${HINT}`,
    });
  });

  it.each([300, 301, 302, 307, 399])("does not follow a %i: unclear, the URL to check", async (status) => {
    answerWith(status, { location: `${baseUrl}/elsewhere` });
    expect(await checkConnection(environment())).toEqual({
      verdict: "unclear",
      status,
      message: `Userpilot answered a redirect (${status}); check the environment's URL. The redirect was not followed.`,
    });
    expect(seen.map((request) => request.url)).toEqual(["/v1/validate"]);
  });

  it("reports a refused connection with fixed words and no status", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await checkConnection(environment({ baseUrl: `http://127.0.0.1:${port}` }))).toEqual({
      verdict: "unclear",
      status: null,
      message: NETWORK_ERROR_MESSAGES.connection_refused,
    });
  });

  it("reports a dropped connection with fixed words", async () => {
    answer = (request) => request.socket.destroy();
    expect(await checkConnection(environment())).toEqual({
      verdict: "unclear",
      status: null,
      message: NETWORK_ERROR_MESSAGES.connection_reset,
    });
  });

  it("tries once and gives up after 10 s", () => {
    expect(CONNECTION_CHECK_POLICY).toEqual({ timeoutMs: 10_000, maxRetries: 0, retryBaseMs: 0 });
  });

  it("gives up on a silent server when its time is up, with fixed words and no second try", async () => {
    answer = () => {};
    expect(await checkConnection(environment(), { ...CONNECTION_CHECK_POLICY, timeoutMs: 50 })).toEqual({
      verdict: "unclear",
      status: null,
      message: "Userpilot did not answer within 0.05 s",
    });
    expect(seen).toHaveLength(1);
  });

  it("does not retry a 5xx or a dropped connection", async () => {
    answerWith(503);
    expect(await checkConnection(environment())).toMatchObject({ verdict: "unclear", status: 503 });
    expect(seen).toHaveLength(1);
  });

  it("sends nothing for a key HTTP can't carry, and does not quote it", async () => {
    answerWith(200);
    const result = await checkConnection(environment({ apiKey: "first\nsecond" }));
    expect(result).toEqual({ verdict: "unclear", status: null, message: NETWORK_ERROR_MESSAGES.request_invalid });
    expect(seen).toEqual([]);
  });

  it("sends nothing for a base URL that is not one", async () => {
    const result = await checkConnection(environment({ baseUrl: "not a url" }));
    expect(result).toEqual({ verdict: "unclear", status: null, message: NETWORK_ERROR_MESSAGES.request_invalid });
  });
});

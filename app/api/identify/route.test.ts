import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database, RequestsTable } from "@/lib/db/schema";
import { apiErrorSchema, sendOutcomeSchema, type ApiErrorBody, type SendOutcome } from "@/lib/outcome/schema";
import type { SandboxServer } from "@/lib/sandbox/http-server";
import { freshDatabaseUrl, locationOf, testDatabaseKind } from "@/lib/testing/test-database";
import {
  receivedRequests,
  resetSandbox,
  scriptAnswer,
  setAcceptedKey,
  startTestSandbox,
} from "@/lib/testing/sandbox-control";

// The route reads its configuration once (lib/env.ts) and keeps one database connection on globalThis, so the
// whole file shares one sandbox and one database; the sandbox is reset between tests.

const API_KEY = "route-test-key";
const ENV_NAMES = [
  "USERPILOT_API_KEY",
  "USERPILOT_API_URL",
  "SANDBOX_API_KEY",
  "DATABASE_URL",
  "USERPILOT_TIMEOUT_MS",
  "USERPILOT_RETRY_BASE_MS",
  "USERPILOT_MAX_RETRIES",
  "HISTORY_REDACT_KEYS",
  "APP_SECRET",
] as const;

type Row = RequestsTable;
const OPERATOR_EMAIL = "operator@example.com";
type PropertyRow = { name: string; type: string; value: string };

const dbHolder = globalThis as typeof globalThis & { __identifyConsoleDb?: { kysely: Kysely<Database> } };
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
/** Every body the route answered with, for the key-leak check. */
const responseTexts: string[] = [];

let sandbox: SandboxServer;
let tempDir: string;
let databaseUrl: string;
let POST: (request: Request) => Promise<Response>;

// The session guard is proven end to end (e2e/access.spec.ts); here every request is a signed-in operator's.
vi.mock("@/lib/auth/session", () => ({
  currentActor: async () => ({ id: "u1", email: "operator@example.com", name: "Operator", role: "operator" }),
}));

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "identify-route-test-"));
  databaseUrl = await freshDatabaseUrl(tempDir);
  sandbox = await startTestSandbox(API_KEY);
  delete process.env.USERPILOT_API_KEY;
  delete process.env.HISTORY_REDACT_KEYS;
  Object.assign(process.env, {
    USERPILOT_API_URL: sandbox.url,
    SANDBOX_API_KEY: API_KEY,
    DATABASE_URL: databaseUrl,
    USERPILOT_TIMEOUT_MS: "400",
    USERPILOT_RETRY_BASE_MS: "10",
    USERPILOT_MAX_RETRIES: "3",
    // Stored environments seal their keys with it.
    APP_SECRET: "route-test-app-secret-of-at-least-32-characters",
  });
  if (dbHolder.__identifyConsoleDb)
    throw new Error("Another database connection is already open in this worker");
  const route = await import("./route");
  POST = (request) => route.POST(request, {});
});

afterEach(async () => {
  await resetSandbox(sandbox.url);
});

afterAll(async () => {
  const db = dbHolder.__identifyConsoleDb;
  delete dbHolder.__identifyConsoleDb;
  await db?.kysely.destroy();
  await sandbox.close();
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  fs.rmSync(tempDir, { recursive: true, force: true });
});

// ---- helpers ----

function form(
  overrides: {
    userId?: string;
    properties?: PropertyRow[];
    companyId?: string;
    companyProperties?: PropertyRow[];
  } = {},
) {
  return {
    userId: "user_001",
    properties: [{ name: "plan", type: "string", value: "pro" }],
    companyId: "",
    companyProperties: [],
    ...overrides,
  };
}

/** Where a send goes and what it replays: the rest of the body beside `values`. */
type Target = { environmentId?: unknown; replayOf?: unknown };

/** Posts `{ environmentId, replayOf, values }` with `values` as given (raw text: it may be broken JSON). */
async function callRoute(
  values: string,
  headers: Record<string, string> = { "content-type": "application/json" },
  target: Target = {},
): Promise<{ status: number; json: unknown }> {
  const { environmentId = null, replayOf = null } = target;
  const body = `{"environmentId":${JSON.stringify(environmentId)},"replayOf":${JSON.stringify(replayOf)},"values":${values}}`;
  const response = await POST(new Request("http://localhost/api/identify", { method: "POST", body, headers }));
  const text = await response.text();
  responseTexts.push(text);
  return { status: response.status, json: JSON.parse(text) as unknown };
}

/** Sends valid form values; the route must answer 200 with an outcome. */
async function send(values: ReturnType<typeof form>, target: Target = {}): Promise<SendOutcome> {
  const { status, json } = await callRoute(JSON.stringify(values), undefined, target);
  expect(status).toBe(200);
  return sendOutcomeSchema.strict().parse((json as { outcome: unknown }).outcome);
}

/** Sends a body the route must refuse with our own error shape. */
async function refused(
  body: string,
  expectedStatus: number,
  headers?: Record<string, string>,
  target: Target = {},
): Promise<ApiErrorBody["error"]> {
  const { status, json } = await callRoute(body, headers, target);
  expect(status).toBe(expectedStatus);
  return apiErrorSchema.parse(json).error;
}

/** The app's own connection (lib/db/client.ts), on whichever database this run tests. */
const appDb = async () => (await import("@/lib/db/client")).db();

async function rowById(id: string): Promise<Row> {
  const row = await (await appDb()).selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new Error(`No history row ${id}`);
  return row as Row;
}

/**
 * SQLite: the database file's raw bytes, write-ahead log included. PostgreSQL (whose files are the server's):
 * every row of every table of the database, as text.
 */
async function everythingStored(): Promise<Buffer> {
  if (testDatabaseKind() === "sqlite") {
    const file = locationOf(databaseUrl);
    return Buffer.concat([file, `${file}-wal`].filter((name) => fs.existsSync(name)).map((name) => fs.readFileSync(name)));
  }
  const database = await appDb();
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(database);
  const texts: string[] = [];
  for (const { name } of tables.rows) {
    const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t`.execute(database);
    texts.push(...rows.map((row) => row.row));
  }
  return Buffer.from(texts.join("\n"));
}

/** The newest history row of a user id. */
async function rowOfUser(userId: string): Promise<Row | undefined> {
  const row = await (await appDb())
    .selectFrom("requests")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row as Row | undefined;
}

/** A local URL nothing listens on: a port the system handed out, then closed again. */
async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const allRows = async () => (await (await appDb()).selectFrom("requests").selectAll().execute()) as Row[];
const rowCount = async () => {
  const { n } = await (await appDb()).selectFrom("requests").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(n);
};

type StoredAttempt = {
  attempt: number;
  status?: number;
  error?: string;
  requestId?: string;
  waitMs?: number;
};
const attemptsOf = (row: Row) => JSON.parse(row.attempts) as StoredAttempt[];

// ---- tests ----

describe("POST /api/identify: forwarded", () => {
  it("forwards a valid form, answers the 202 outcome and records it", async () => {
    const values = form({
      properties: [
        { name: "plan", type: "string", value: "pro" },
        { name: "seats", type: "numeric", value: "3" },
      ],
      companyId: "acme",
      companyProperties: [{ name: "tier", type: "string", value: "gold" }],
    });
    const outcome = await send(values);
    expect(outcome).toMatchObject({
      status: "202",
      httpStatus: 202,
      attempts: 1,
      message: null,
      fieldErrors: [],
    });
    expect(outcome.requestId).toMatch(/^sbx_[0-9a-f]+$/);

    const expectedBody = {
      user_id: "user_001",
      metadata: { plan: "pro", seats: 3 },
      company: { id: "acme", tier: "gold" },
    };
    const received = await receivedRequests(sandbox.url);
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]?.body ?? "")).toEqual(expectedBody);

    const row = await rowById(outcome.historyId);
    expect(row).toMatchObject({
      status: "202",
      status_code: 202,
      upstream_request_id: outcome.requestId,
      response_body: "{}",
      environment: "Sandbox",
      source: "form",
      user_id: "user_001",
      company_id: "acme",
      property_count: 3,
      error_message: null,
    });
    expect(JSON.parse(row.request_body)).toEqual(expectedBody);
    expect(JSON.parse(row.form_values)).toEqual(values);
    expect(attemptsOf(row)).toMatchObject([{ attempt: 1, status: 202, requestId: outcome.requestId }]);
    expect(row.latency_ms).toBe(outcome.latencyMs);
  });

  it("maps Userpilot's 400 error body onto the row it names", async () => {
    const message = "metadata.plan must be one of: free, pro, enterprise";
    const errorBody = {
      errors: [
        {
          error: "Bad Request",
          error_code: "invalid_metadata",
          message,
          details: { field: "metadata.plan" },
        },
      ],
    };
    await scriptAnswer(sandbox.url, {
      status: 400,
      body: errorBody,
      headers: { "x-request-id": "req_400" },
      times: 4,
    });
    const outcome = await send(
      form({
        properties: [
          { name: "plan", type: "string", value: "platinum" },
          { name: "seats", type: "numeric", value: "3" },
        ],
      }),
    );
    expect(outcome).toMatchObject({
      status: "400",
      httpStatus: 400,
      attempts: 1,
      requestId: "req_400",
      message,
    });
    expect(outcome.fieldErrors).toEqual([{ path: "values.properties.0.value", message }]);

    const row = await rowById(outcome.historyId);
    expect(row).toMatchObject({ status: "400", status_code: 400, upstream_request_id: "req_400" });
    expect(JSON.parse(row.response_body ?? "")).toEqual(errorBody);
    expect(attemptsOf(row)).toHaveLength(1);
    expect(await receivedRequests(sandbox.url)).toHaveLength(1);
  });

  it("reports a 401 for a key the upstream refuses, without retrying", async () => {
    await setAcceptedKey(sandbox.url, "some-other-key");
    const outcome = await send(form());
    expect(outcome).toMatchObject({ status: "401", httpStatus: 401, attempts: 1, fieldErrors: [] });
    expect(outcome.message).toContain("Invalid API key");

    const row = await rowById(outcome.historyId);
    expect(row).toMatchObject({ status: "401", status_code: 401, upstream_request_id: outcome.requestId });
    expect(attemptsOf(row).map((a) => a.status)).toEqual([401]);
    expect(await receivedRequests(sandbox.url)).toHaveLength(1);
  });

  it("succeeds on the retry after a 429", async () => {
    await scriptAnswer(sandbox.url, { status: 429 });
    const outcome = await send(form());
    expect(outcome).toMatchObject({ status: "202", httpStatus: 202, attempts: 2 });

    const row = await rowById(outcome.historyId);
    expect(row).toMatchObject({ status: "202", status_code: 202 });
    expect(attemptsOf(row)).toMatchObject([
      { attempt: 1, status: 429, waitMs: 10 },
      { attempt: 2, status: 202 },
    ]);
    expect(await receivedRequests(sandbox.url)).toHaveLength(2);
  });

  it("gives up on a 500 after USERPILOT_MAX_RETRIES retries", async () => {
    await scriptAnswer(sandbox.url, { status: 500, times: 10 });
    const outcome = await send(form());
    expect(outcome).toMatchObject({ status: "500", httpStatus: 500, attempts: 4, message: null });

    const row = await rowById(outcome.historyId);
    expect(row).toMatchObject({ status: "500", status_code: 500 });
    expect(attemptsOf(row).map((a) => a.status)).toEqual([500, 500, 500, 500]);
    expect(attemptsOf(row).map((a) => a.waitMs)).toEqual([10, 20, 40, undefined]);
    expect(await receivedRequests(sandbox.url)).toHaveLength(4);
  });

  it("records a hanging upstream as a timeout", async () => {
    await scriptAnswer(sandbox.url, { status: 202, hang: true, times: 4 });
    const outcome = await send(form());
    expect(outcome).toMatchObject({ status: "timeout", httpStatus: null, requestId: null, attempts: 4 });
    expect(outcome.message).toContain("0.4 s");
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(4 * 380);

    const row = await rowById(outcome.historyId);
    expect(row).toMatchObject({
      status: "timeout",
      status_code: null,
      response_body: null,
      upstream_request_id: null,
      error_message: outcome.message,
    });
    expect(attemptsOf(row).map((a) => a.error)).toEqual(["timeout", "timeout", "timeout", "timeout"]);
  });

  it("survives a 502 with a non-JSON body: no message, the body kept", async () => {
    const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    await scriptAnswer(sandbox.url, {
      status: 502,
      body: html,
      headers: { "content-type": "text/html" },
      times: 4,
    });
    const outcome = await send(form());
    expect(outcome).toMatchObject({
      status: "502",
      httpStatus: 502,
      attempts: 4,
      message: null,
      fieldErrors: [],
    });

    const row = await rowById(outcome.historyId);
    expect(row).toMatchObject({ status: "502", status_code: 502, response_body: html });
  });
});

describe("POST /api/identify: refused before sending", () => {
  it("answers 400 invalid_json for malformed JSON, sending and recording nothing", async () => {
    const before = await rowCount();
    const error = await refused('{"userId": "u1",', 400);
    expect(error.code).toBe("invalid_json");
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.fields).toBeUndefined();
    expect(await rowCount()).toBe(before);
    expect(await receivedRequests(sandbox.url)).toEqual([]);
  });

  it("answers 413 body_too_large for a body over 1 MB, sending and recording nothing", async () => {
    const before = await rowCount();
    const big = JSON.stringify(
      form({ properties: [{ name: "note", type: "string", value: "x".repeat(1024 * 1024 + 1) }] }),
    );
    const error = await refused(big, 413);
    expect(error.code).toBe("body_too_large");
    expect(error.message).toContain("1024 KB");
    expect(await rowCount()).toBe(before);
    expect(await receivedRequests(sandbox.url)).toEqual([]);
  });

  it("answers 413 from a declared Content-Length alone", async () => {
    const error = await refused(JSON.stringify(form()), 413, {
      "content-type": "application/json",
      "content-length": String(2 * 1024 * 1024),
    });
    expect(error.code).toBe("body_too_large");
  });

  it("accepts a body just under the cap", async () => {
    // About 1000 KB of JSON: the value alone stays within Userpilot's 65,535-character limit per value,
    // so the body is made of many rows.
    const properties = Array.from({ length: 15 }, (_, i) => ({
      name: `note_${i}`,
      type: "string",
      value: "y".repeat(65_000),
    }));
    const body = JSON.stringify(form({ properties }));
    expect(body.length).toBeLessThan(1024 * 1024);
    const { status } = await callRoute(body);
    expect(status).toBe(200);
  });

  it("answers 400 invalid_request for a schema failure, records it as rejected and sends nothing", async () => {
    const before = await rowCount();
    const error = await refused(
      JSON.stringify({ userId: " x", properties: [], companyId: "", companyProperties: [] }),
      400,
    );
    expect(error.code).toBe("invalid_request");
    expect(error.fields?.map((f) => f.path)).toEqual(["values.userId"]);
    expect(error.fields?.[0]?.message).toMatch(/space at the start or end/);
    expect(await receivedRequests(sandbox.url)).toEqual([]);

    expect(await rowCount()).toBe(before + 1);
    const row = await rowOfUser(" x");
    expect(row).toMatchObject({
      status: "rejected",
      status_code: null,
      response_body: null,
      upstream_request_id: null,
      request_body: "null",
      attempts: "[]",
      environment: "Sandbox",
    });
    expect(row?.error_message).toMatch(/^userId: /);
  });

  it("records nothing for a rejected body without even a user id", async () => {
    const before = await rowCount();
    const error = await refused(JSON.stringify({ hello: "world" }), 400);
    expect(error.code).toBe("invalid_request");
    expect(await rowCount()).toBe(before);
  });
});

describe("POST /api/identify: secrets", () => {
  it("sends a redacted name unmasked but stores it masked", async () => {
    const values = form({
      properties: [
        { name: "email", type: "string", value: "ada@example.com" },
        { name: "plan", type: "string", value: "pro" },
      ],
    });
    const outcome = await send(values);
    expect(outcome.status).toBe("202");

    const [received] = await receivedRequests(sandbox.url);
    expect(JSON.parse(received?.body ?? "")).toEqual({
      user_id: "user_001",
      metadata: { email: "ada@example.com", plan: "pro" },
    });

    const row = await rowById(outcome.historyId);
    expect(JSON.parse(row.request_body)).toEqual({
      user_id: "user_001",
      metadata: { email: "[redacted]", plan: "pro" },
    });
    expect(JSON.parse(row.form_values)).toEqual({
      ...values,
      properties: [
        { name: "email", type: "string", value: "[redacted]" },
        { name: "plan", type: "string", value: "pro" },
      ],
    });
    for (const value of Object.values(row)) expect(String(value)).not.toContain("ada@example.com");
  });

  it("masks a redacted name in a rejected request too", async () => {
    await refused(
      JSON.stringify({
        userId: "bad ",
        properties: [{ name: "email", type: "string", value: "bob@example.com" }],
        companyId: "",
        companyProperties: [],
      }),
      400,
    );
    const row = await rowOfUser("bad ");
    expect(row?.status).toBe("rejected");
    expect(row?.form_values).toContain("[redacted]");
    expect(row?.form_values).not.toContain("bob@example.com");
  });

  it("keeps no value for a Remove row, whatever the body carried", async () => {
    const outcome = await send(
      form({
        userId: "remove_row_user",
        properties: [{ name: "nickname", type: "remove", value: "typed-before-remove" }],
      }),
    );
    const [received] = await receivedRequests(sandbox.url);
    expect(JSON.parse(received?.body ?? "")).toEqual({
      user_id: "remove_row_user",
      metadata: { nickname: null },
    });
    const row = await rowById(outcome.historyId);
    expect(JSON.parse(row.form_values).properties).toEqual([{ name: "nickname", type: "remove", value: "" }]);
    for (const value of Object.values(row)) expect(String(value)).not.toContain("typed-before-remove");
  });

  it("masks a redacted value that the upstream's answer quotes back", async () => {
    await scriptAnswer(sandbox.url, {
      status: 400,
      body: {
        errors: [
          {
            error: "Bad Request",
            error_code: "invalid",
            message: 'metadata.email "carol@exa\"mple.com" is not valid',
            details: { field: "metadata.email" },
          },
        ],
      },
    });
    const outcome = await send(
      form({
        userId: "echo_user",
        properties: [{ name: "Email", type: "string", value: 'carol@exa"mple.com' }],
      }),
    );
    expect(outcome.status).toBe("400");
    const row = await rowById(outcome.historyId);
    expect(row.response_body).toContain("[redacted]");
    for (const value of Object.values(row)) {
      expect(String(value)).not.toContain("carol@exa");
    }
  });

  it("withholds the refusal message of a redacted value, which could quote it", async () => {
    await refused(
      JSON.stringify(
        form({
          userId: "refused_masked",
          properties: [{ name: "email", type: "numeric", value: "0123456" }],
        }),
      ),
      400,
    );
    const row = await rowOfUser("refused_masked") as Row;
    expect(row.status).toBe("rejected");
    expect(row.error_message).toContain("properties.0.value: [redacted]");
    for (const value of Object.values(row)) expect(String(value)).not.toContain("123456");
  });

  it("never lets the API key into a response or the database", async () => {
    const marker = "leak_check_user";
    await send(form({ userId: marker }));
    await setAcceptedKey(sandbox.url, "some-other-key");
    await send(form({ userId: marker }));

    // The key really is what went upstream, so finding it nowhere below means something.
    const received = await receivedRequests(sandbox.url);
    expect(received.map((r) => r.headers["authorization"])).toEqual([`Token ${API_KEY}`, `Token ${API_KEY}`]);

    expect(responseTexts.length).toBeGreaterThanOrEqual(2);
    for (const text of responseTexts) expect(text).not.toContain(API_KEY);

    const rows = await allRows();
    expect(rows.filter((row) => row.user_id === marker)).toHaveLength(2);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        expect(String(value), `column ${column} of row ${row.id}`).not.toContain(API_KEY);
      }
    }

    // Everything stored, in case something is kept outside the rows read above.
    const stored = await everythingStored();
    expect(stored.includes(marker)).toBe(true);
    expect(stored.includes(API_KEY)).toBe(false);
  });
});

describe("POST /api/identify: where it goes", () => {
  const environmentHolder = globalThis as typeof globalThis & { __identifyConsoleEnvironments?: unknown };

  async function storedEnvironment(name: string, baseUrl: string) {
    const { createEnvironment } = await import("@/lib/environments/store");
    return createEnvironment({ name, region: "custom", baseUrl, apiKey: API_KEY, isProduction: false });
  }

  it("records a replay as one, with who sent it", async () => {
    const original = await send(form({ userId: "replayed_user" }));
    const replay = await send(form({ userId: "replayed_user" }), { replayOf: original.historyId });
    expect(await rowById(original.historyId)).toMatchObject({
      source: "form",
      replay_of: null,
      sent_by: OPERATOR_EMAIL,
    });
    expect(await rowById(replay.historyId)).toMatchObject({
      source: "replay",
      replay_of: original.historyId,
      sent_by: OPERATOR_EMAIL,
      environment: "Sandbox",
      environment_id: "sandbox",
      // An empty company id is no company.
      company_id: null,
    });
  });

  it("refuses a replayOf that is not a history id, and an over-long environment, sending nothing", async () => {
    const before = await rowCount();
    const replay = await refused(JSON.stringify(form()), 400, undefined, { replayOf: "not-a-uuid" });
    expect(replay).toMatchObject({
      code: "invalid_request",
      fields: [{ path: "replayOf", message: "replayOf must be the id of a history entry" }],
    });
    const environment = await refused(JSON.stringify(form()), 400, undefined, { environmentId: "e".repeat(101) });
    expect(environment).toMatchObject({ code: "invalid_request", fields: [{ path: "environmentId" }] });
    expect(await rowCount()).toBe(before);
    expect(await receivedRequests(sandbox.url)).toEqual([]);
  });

  it("refuses an environment that does not exist", async () => {
    const error = await refused(JSON.stringify(form()), 400, undefined, { environmentId: "gone" });
    const message = "That environment does not exist (any more); pick another";
    expect(error).toEqual({ code: "unknown_environment", message, fields: [{ path: "environmentId", message }] });
    expect(await receivedRequests(sandbox.url)).toEqual([]);
  });

  it("sends to a stored environment with its own key and records it under its name", async () => {
    const staging = await storedEnvironment("Staging", sandbox.url);
    const outcome = await send(form({ userId: "staging_user" }), { environmentId: staging.id });
    expect(outcome.status).toBe("202");
    const received = await receivedRequests(sandbox.url);
    expect(received.map((r) => r.headers["authorization"])).toEqual([`Token ${API_KEY}`]);
    expect(await rowById(outcome.historyId)).toMatchObject({
      environment: "Staging · Custom",
      environment_id: staging.id,
    });
  });

  it("answers 409 for a stored key that no longer opens, sending and recording nothing", async () => {
    const moved = await storedEnvironment("Moved", sandbox.url);
    // Its row pointed somewhere else outside the console: the key, sealed for the old URL, no longer opens.
    await (await appDb()).updateTable("environments").set({ base_url: "https://elsewhere.example" }).where("id", "=", moved.id).execute();
    delete environmentHolder.__identifyConsoleEnvironments;
    const before = await rowCount();
    const error = await refused(JSON.stringify(form()), 409, undefined, { environmentId: moved.id });
    expect(error.code).toBe("key_unreadable");
    expect(error.message).toContain("APP_SECRET");
    expect(await rowCount()).toBe(before);
    expect(await receivedRequests(sandbox.url)).toEqual([]);
  });

  it("records an unreachable upstream as a network error", async () => {
    const closed = await closedPortUrl();
    const nowhere = await storedEnvironment("Nowhere", closed);
    const outcome = await send(form({ userId: "unreachable_user" }), { environmentId: nowhere.id });
    expect(outcome).toMatchObject({
      status: "network_error",
      httpStatus: null,
      requestId: null,
      attempts: 4,
      message: "Userpilot could not be reached (connection refused)",
      fieldErrors: [],
    });
    expect(await rowById(outcome.historyId)).toMatchObject({
      status: "network_error",
      outcome: "network_error",
      status_code: null,
      response_body: null,
      upstream_request_id: null,
      error_message: "Userpilot could not be reached (connection refused)",
    });
  });
});

describe("POST /api/identify: what the answer says", () => {
  it("records a redirect as such, without following or reading it", async () => {
    await scriptAnswer(sandbox.url, {
      status: 302,
      headers: { location: "https://elsewhere.example/v1/identify", "x-request-id": "req_302" },
      body: { errors: [{ message: "from the redirect" }] },
      times: 4,
    });
    const outcome = await send(form());
    expect(outcome).toEqual({
      historyId: outcome.historyId,
      status: "302",
      httpStatus: 302,
      requestId: "req_302",
      latencyMs: outcome.latencyMs,
      attempts: 1,
      message: "Userpilot answered a redirect; check the environment's URL",
      fieldErrors: [],
    });
    expect(await rowById(outcome.historyId)).toMatchObject({
      status: "302",
      outcome: "redirect",
      status_code: 302,
      response_body: "",
      error_message: "Userpilot answered a redirect; check the environment's URL",
    });
  });

  it("reads no errors out of a success", async () => {
    await scriptAnswer(sandbox.url, {
      status: 202,
      body: { errors: [{ message: "not an error", details: { field: "user_id" } }] },
    });
    const outcome = await send(form());
    expect(outcome).toMatchObject({ status: "202", message: null, fieldErrors: [] });
  });

  it("joins several upstream errors and maps each one that names a form field", async () => {
    await scriptAnswer(sandbox.url, {
      status: 422,
      body: {
        errors: [
          { message: "user_id is taken", details: { field: "user_id" } },
          { message: "unknown property", details: { field: "metadata.missing" } },
          { message: "try later" },
          { message: "tier is invalid", details: { field: "company.tier" } },
        ],
      },
    });
    const outcome = await send(
      form({ companyId: "acme", companyProperties: [{ name: "tier", type: "string", value: "diamond" }] }),
    );
    expect(outcome.message).toBe("user_id is taken; unknown property; try later; tier is invalid");
    expect(outcome.fieldErrors).toEqual([
      { path: "values.userId", message: "user_id is taken" },
      { path: "values.companyProperties.0.value", message: "tier is invalid" },
    ]);
    expect(await rowById(outcome.historyId)).toMatchObject({
      status: "422",
      company_id: "acme",
      error_message: null,
    });
  });
});

describe("POST /api/identify: what a refused body leaves on record", () => {
  it("records who tried what and every reason, tolerating malformed parts", async () => {
    const error = await refused(
      JSON.stringify({
        userId: " both_wrong",
        companyId: 42,
        properties: "not a list",
        companyProperties: [{ name: "tier", type: "string", value: "gold" }],
      }),
      400,
    );
    expect(error.fields?.length).toBeGreaterThanOrEqual(2);
    const row = await rowOfUser(" both_wrong") as Row;
    expect(row).toMatchObject({
      status: "rejected",
      outcome: "rejected",
      source: "form",
      replay_of: null,
      sent_by: OPERATOR_EMAIL,
      environment: "Sandbox",
      environment_id: "sandbox",
      company_id: null,
      property_count: 1,
    });
    // On record the paths are the form's own, without the body's `values.` prefix.
    expect(row.error_message).toBe(
      error.fields?.map((field) => `${field.path.replace(/^values\./, "")}: ${field.message}`).join("; "),
    );
    expect(JSON.parse(row.form_values)).toEqual({
      userId: " both_wrong",
      companyId: "",
      properties: [],
      companyProperties: [{ name: "tier", type: "string", value: "gold" }],
    });
  });

  it("keeps a refused replay linked to the entry it replays", async () => {
    const original = await send(form({ userId: "replayed_then_refused" }));
    await refused(JSON.stringify(form({ userId: "replayed_then_refused " })), 400, undefined, {
      replayOf: original.historyId,
    });
    const row = await rowOfUser("replayed_then_refused ") as Row;
    expect(row).toMatchObject({ status: "rejected", source: "replay", replay_of: original.historyId });
  });

  it("keeps the company id of a refused body, and drops company properties that are not a list", async () => {
    await refused(
      JSON.stringify({ ...form({ userId: "bad company ", companyId: "acme" }), companyProperties: "x" }),
      400,
    );
    const row = await rowOfUser("bad company ") as Row;
    expect(row).toMatchObject({ company_id: "acme", property_count: 1 });
    expect(JSON.parse(row.form_values)).toMatchObject({ companyId: "acme", companyProperties: [] });
  });
});

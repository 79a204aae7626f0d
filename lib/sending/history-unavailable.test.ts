import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { Database } from "@/lib/db/schema";
import { apiErrorSchema, sendOutcomeSchema } from "@/lib/outcome/schema";
import type { SandboxServer } from "@/lib/sandbox/http-server";
import { receivedRequests, scriptAnswer, startTestSandbox } from "@/lib/testing/sandbox-control";

// A database that can't take a write (here full: PRAGMA max_page_count on the server's own connection, the
// way a full disk looks to SQLite): nothing is sent and the answer says so; an outcome that can't be recorded
// after the send is answered with the send's outcome and why it is not on record; /api/health says "failing".

const ENV_NAMES = [
  "USERPILOT_API_KEY",
  "USERPILOT_API_URL",
  "SANDBOX_API_KEY",
  "DATABASE_URL",
  "USERPILOT_MAX_RETRIES",
] as const;
const API_KEY = "history-full-test-key";
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
const dbHolder = globalThis as typeof globalThis & { __identifyConsoleDb?: { kysely: Kysely<Database> } };
// The session guard is proven end to end; here every request is a signed-in operator's.
vi.mock("@/lib/auth/session", () => ({
  currentActor: async () => ({ id: "o1", email: "operator@example.com", name: "Operator", role: "operator" }),
}));
let tempDir: string;
let sandbox: SandboxServer;

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "history-full-test-"));
  sandbox = await startTestSandbox(API_KEY);
  for (const name of ENV_NAMES) delete process.env[name];
  Object.assign(process.env, {
    USERPILOT_API_URL: sandbox.url,
    SANDBOX_API_KEY: API_KEY,
    DATABASE_URL: `file:${path.join(tempDir, "test.db")}`,
    USERPILOT_MAX_RETRIES: "0",
  });
});

afterAll(async () => {
  await dbHolder.__identifyConsoleDb?.kysely.destroy();
  delete dbHolder.__identifyConsoleDb;
  await sandbox.close();
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  fs.rmSync(tempDir, { recursive: true, force: true });
});

async function send(userId: string, bio = "") {
  const { POST } = await import("@/app/api/identify/route");
  const values = {
    userId,
    properties: bio ? [{ name: "bio", type: "string", value: bio }] : [],
    companyId: "",
    companyProperties: [],
  };
  return POST(
    new Request("http://localhost/api/identify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ environmentId: null, replayOf: null, values }),
    }),
    {},
  );
}

async function health() {
  const { GET } = await import("@/app/api/health/route");
  const response = await GET();
  return { status: response.status, json: (await response.json()) as { database: string; reason?: string } };
}

/** Caps the database at the pages it has now: the next write that needs a page fails with SQLITE_FULL. */
async function fillDatabase(): Promise<void> {
  const database = dbHolder.__identifyConsoleDb!.kysely;
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(database);
  await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(database);
}

async function emptyDatabase(): Promise<void> {
  await sql`pragma max_page_count = 1073741823`.execute(dbHolder.__identifyConsoleDb!.kysely);
}

it("sends nothing when the history can't be written, says so in words, and /api/health says failing", async () => {
  expect((await send("before_full")).status).toBe(200);
  expect((await health()).json.database).toBe("ok");
  const sentBefore = (await receivedRequests(sandbox.url)).length;

  await fillDatabase();
  // A long value needs new pages: the row can't be written, so the send must not happen.
  const response = await send("while_full", "x".repeat(20_000));
  expect(response.status).toBe(503);
  const { error } = apiErrorSchema.parse(await response.json());
  expect(error.code).toBe("history_unavailable");
  expect(error.message).toBe(
    "Nothing was sent: the history can't be written (the database is full). Ask whoever runs the console to check its database.",
  );
  expect(await receivedRequests(sandbox.url)).toHaveLength(sentBefore);
  expect(await health()).toEqual({
    status: 503,
    json: expect.objectContaining({ database: "failing", reason: "the database is full" }),
  });

  await emptyDatabase();
  expect((await send("after_full")).status).toBe(200);
  expect((await health()).json.database).toBe("ok");
});

it("answers a send whose outcome can't be recorded with that outcome and why, leaving the row pending", async () => {
  // A long answer needs new pages when its outcome is recorded; the pending row was written before.
  await scriptAnswer(sandbox.url, { status: 400, body: "y".repeat(15_000), delayMs: 400 });
  const answer = send("outcome_unrecorded");
  await new Promise((resolve) => setTimeout(resolve, 150));
  await fillDatabase();
  const response = await answer;
  await emptyDatabase();

  expect(response.status).toBe(200);
  const outcome = sendOutcomeSchema.strict().parse(((await response.json()) as { outcome: unknown }).outcome);
  expect(outcome).toMatchObject({ status: "400", httpStatus: 400, notRecorded: "the database is full" });
  const row = await dbHolder
    .__identifyConsoleDb!.kysely.selectFrom("requests")
    .select(["status", "response_body"])
    .where("id", "=", outcome.historyId)
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ status: "pending", response_body: null });
  expect((await receivedRequests(sandbox.url)).map((request) => JSON.parse(request.body).user_id)).toContain(
    "outcome_unrecorded",
  );
});

it("still answers a refused body with its field errors while the history can't be written", async () => {
  await fillDatabase();
  const response = await send(" padded_while_full", "z".repeat(20_000));
  await emptyDatabase();
  expect(response.status).toBe(400);
  const { error } = apiErrorSchema.parse(await response.json());
  expect(error.code).toBe("invalid_request");
  expect(error.fields?.map((field) => field.path)).toEqual(["values.userId"]);
});

it("does not disguise an error that is not the storage's as an unwritable history", async () => {
  const database = dbHolder.__identifyConsoleDb!.kysely;
  // A trigger's abort is SQLITE_CONSTRAINT_TRIGGER: a bug to surface, not a full or locked database.
  await sql`create temp trigger refuse_insert before insert on requests begin select raise(abort, 'refused by trigger'); end`.execute(
    database,
  );
  try {
    await expect(send("trigger_insert")).rejects.toThrow("refused by trigger");
    await expect(send(" trigger_refused_body")).rejects.toThrow("refused by trigger");
  } finally {
    await sql`drop trigger refuse_insert`.execute(database);
  }
  await sql`create temp trigger refuse_update before update on requests begin select raise(abort, 'refused by trigger'); end`.execute(
    database,
  );
  try {
    await expect(send("trigger_update")).rejects.toThrow("refused by trigger");
  } finally {
    await sql`drop trigger refuse_update`.execute(database);
  }
  expect((await health()).json.database).toBe("ok");
});

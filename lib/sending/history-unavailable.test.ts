import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/db/schema";
import { apiErrorSchema, sendOutcomeSchema } from "@/lib/outcome/schema";
import type { SandboxServer } from "@/lib/sandbox/http-server";
import { receivedRequests, scriptAnswer, startTestSandbox } from "@/lib/testing/sandbox-control";
import { freshDatabaseUrl, onServer, testDatabaseKind } from "@/lib/testing/test-database";

// A database that can't take a write (SQLite: full, by PRAGMA max_page_count on the server's own connection,
// the way a full disk looks to it; PostgreSQL: read-only, by default_transaction_read_only on the database and
// its sessions ended): nothing is sent and the answer says so; an outcome that can't be recorded after the
// send is answered with the send's outcome and why it is not on record; /api/health says "failing".

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
let databaseUrl: string;
let sandbox: SandboxServer;

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "history-full-test-"));
  sandbox = await startTestSandbox(API_KEY);
  for (const name of ENV_NAMES) delete process.env[name];
  Object.assign(process.env, {
    USERPILOT_API_URL: sandbox.url,
    SANDBOX_API_KEY: API_KEY,
    DATABASE_URL: (databaseUrl = await freshDatabaseUrl(tempDir)),
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

const appDatabase = () => dbHolder.__identifyConsoleDb!.kysely;

/** How this run's database is made to refuse writes and given them back, and what the console calls it. */
type Storage = {
  reason: string;
  makeUnwritable(): Promise<void>;
  makeWritable(): Promise<void>;
  /** A trigger that fails every insert or update with an error that is not the storage's; returns its removal. */
  refuseByTrigger(event: "insert" | "update"): Promise<() => Promise<void>>;
};

const sqliteStorage: Storage = {
  reason: "the database is full",
  // Caps the database at the pages it has now: the next write that needs a page fails with SQLITE_FULL.
  async makeUnwritable() {
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(appDatabase());
    await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(appDatabase());
  },
  async makeWritable() {
    await sql`pragma max_page_count = 1073741823`.execute(appDatabase());
  },
  // A trigger's abort is SQLITE_CONSTRAINT_TRIGGER: a bug to surface, not a full or locked database.
  async refuseByTrigger(event) {
    const name = sql.raw(`refuse_${event}`);
    await sql`create temp trigger ${name} before ${sql.raw(event)} on requests begin select raise(abort, 'refused by trigger'); end`.execute(
      appDatabase(),
    );
    return async () => void (await sql`drop trigger ${name}`.execute(appDatabase()));
  },
};

/** Ends every session of the test database but the caller's, and waits until they are gone. */
async function endSessions(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    const others = "from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()";
    await client.query(`select pg_terminate_backend(pid) ${others}`, [name]);
    while (
      Number((await client.query<{ n: string }>(`select count(*) as n ${others}`, [name])).rows[0]!.n) > 0
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await client.end();
  }
  // The pool drops an idle client once its socket closes.
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const postgresStorage: Storage = {
  reason: "the database is read-only",
  // New sessions start read-only; the pool's present ones are ended, so its next ones are new.
  async makeUnwritable() {
    const name = new URL(databaseUrl).pathname.slice(1);
    await onServer(`alter database "${name}" set default_transaction_read_only = on`);
    await endSessions(name);
  },
  async makeWritable() {
    const name = new URL(databaseUrl).pathname.slice(1);
    await onServer(`alter database "${name}" reset default_transaction_read_only`);
    await endSessions(name);
  },
  // RAISE EXCEPTION is SQLSTATE P0001: a bug to surface, not a full or read-only database.
  async refuseByTrigger(event) {
    await sql`create or replace function refuse_write() returns trigger language plpgsql as $$ begin raise exception 'refused by trigger'; end $$`.execute(
      appDatabase(),
    );
    const name = sql.raw(`refuse_${event}`);
    await sql`create trigger ${name} before ${sql.raw(event)} on requests for each row execute function refuse_write()`.execute(
      appDatabase(),
    );
    return async () => void (await sql`drop trigger ${name} on requests`.execute(appDatabase()));
  },
};

const storage = testDatabaseKind() === "postgres" ? postgresStorage : sqliteStorage;

describe(`a history that can't be written (${testDatabaseKind()}: ${storage.reason})`, () => {
  it("sends nothing when the history can't be written, says so in words, and /api/health says failing", async () => {
    expect((await send("before_full")).status).toBe(200);
    expect((await health()).json.database).toBe("ok");
    const sentBefore = (await receivedRequests(sandbox.url)).length;

    await storage.makeUnwritable();
    // A long value needs new pages: the row can't be written, so the send must not happen.
    const response = await send("while_full", "x".repeat(20_000));
    expect(response.status).toBe(503);
    const { error } = apiErrorSchema.parse(await response.json());
    expect(error.code).toBe("history_unavailable");
    expect(error.message).toBe(
      `Nothing was sent: the history can't be written (${storage.reason}). Ask whoever runs the console to check its database.`,
    );
    expect(await receivedRequests(sandbox.url)).toHaveLength(sentBefore);
    expect(await health()).toEqual({
      status: 503,
      json: expect.objectContaining({ database: "failing", reason: storage.reason }),
    });

    await storage.makeWritable();
    expect((await send("after_full")).status).toBe(200);
    expect((await health()).json.database).toBe("ok");
  });

  it("answers a send whose outcome can't be recorded with that outcome and why, leaving the row pending", async () => {
    // A long answer needs new pages when its outcome is recorded; the pending row was written before.
    await scriptAnswer(sandbox.url, { status: 400, body: "y".repeat(15_000), delayMs: 400 });
    const answer = send("outcome_unrecorded");
    await new Promise((resolve) => setTimeout(resolve, 150));
    await storage.makeUnwritable();
    const response = await answer;
    await storage.makeWritable();

    expect(response.status).toBe(200);
    const outcome = sendOutcomeSchema
      .strict()
      .parse(((await response.json()) as { outcome: unknown }).outcome);
    expect(outcome).toMatchObject({ status: "400", httpStatus: 400, notRecorded: storage.reason });
    const row = await dbHolder
      .__identifyConsoleDb!.kysely.selectFrom("requests")
      .select(["status", "response_body"])
      .where("id", "=", outcome.historyId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "pending", response_body: null });
    expect(
      (await receivedRequests(sandbox.url)).map((request) => JSON.parse(request.body).user_id),
    ).toContain("outcome_unrecorded");
  });

  it("still answers a refused body with its field errors while the history can't be written", async () => {
    await storage.makeUnwritable();
    const response = await send(" padded_while_full", "z".repeat(20_000));
    await storage.makeWritable();
    expect(response.status).toBe(400);
    const { error } = apiErrorSchema.parse(await response.json());
    expect(error.code).toBe("invalid_request");
    expect(error.fields?.map((field) => field.path)).toEqual(["values.userId"]);
  });

  it("does not disguise an error that is not the storage's as an unwritable history", async () => {
    const allowInsert = await storage.refuseByTrigger("insert");
    try {
      await expect(send("trigger_insert")).rejects.toThrow("refused by trigger");
      await expect(send(" trigger_refused_body")).rejects.toThrow("refused by trigger");
    } finally {
      await allowInsert();
    }
    const allowUpdate = await storage.refuseByTrigger("update");
    try {
      await expect(send("trigger_update")).rejects.toThrow("refused by trigger");
    } finally {
      await allowUpdate();
    }
    expect((await health()).json.database).toBe("ok");
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { freshDatabaseUrl } from "@/lib/testing/test-database";
import type { Database, RequestsTable } from "@/lib/db/schema";
import { purgeExpiredHistory, startHistoryMaintenance } from "./maintenance";
import { requestRow as completeRow } from "./testing/request-row";

// The app's own db() singleton on a fresh database of the run's kind, with a retention of 30 days.

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const RETENTION_DAYS = 30;
const NOW = Date.UTC(2025, 5, 1, 12);

const ENV_NAMES = ["DATABASE_URL", "HISTORY_RETENTION_DAYS"] as const;
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
const dbHolder = globalThis as typeof globalThis & { __identifyConsoleDb?: { kysely: Kysely<Database> } };
let tempDir: string;

beforeAll(async () => {
  if (dbHolder.__identifyConsoleDb) throw new Error("Another database connection is already open in this worker");
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "history-maintenance-test-"));
  Object.assign(process.env, {
    DATABASE_URL: await freshDatabaseUrl(tempDir),
    HISTORY_RETENTION_DAYS: String(RETENTION_DAYS),
  });
});

beforeEach(async () => {
  const database = await db();
  await database.deleteFrom("requests").execute();
  await database.deleteFrom("sandbox_users").execute();
  await database.deleteFrom("sandbox_companies").execute();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

afterAll(async () => {
  const connection = dbHolder.__identifyConsoleDb;
  delete dbHolder.__identifyConsoleDb;
  await connection?.kysely.destroy().catch(() => undefined);
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  fs.rmSync(tempDir, { recursive: true, force: true });
});

function requestRow(id: string, createdAt: number, overrides: Partial<RequestsTable> = {}): RequestsTable {
  return completeRow({ id, created_at: createdAt, ...overrides });
}

async function insertRequests(...rows: RequestsTable[]) {
  await (await db()).insertInto("requests").values(rows).execute();
}

async function insertProfiles(users: { id: string; at: number }[], companies: { id: string; at: number }[] = []) {
  const database = await db();
  for (const user of users) {
    await database
      .insertInto("sandbox_users")
      .values({ user_id: user.id, metadata: "{}", company_id: null, updated_at: new Date(user.at).toISOString() })
      .execute();
  }
  for (const company of companies) {
    await database
      .insertInto("sandbox_companies")
      .values({ company_id: company.id, metadata: "{}", updated_at: new Date(company.at).toISOString() })
      .execute();
  }
}

async function requestIds(): Promise<string[]> {
  const rows = await (await db()).selectFrom("requests").select("id").orderBy("id").execute();
  return rows.map((row) => row.id);
}

async function profileIds(): Promise<string[]> {
  const database = await db();
  const users = await database.selectFrom("sandbox_users").select("user_id").execute();
  const companies = await database.selectFrom("sandbox_companies").select("company_id").execute();
  return [...users.map((u) => u.user_id), ...companies.map((c) => c.company_id)].sort();
}

/** Lets the interval's purge, which nobody awaits, reach the database and back. */
async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error("The condition never came true");
}

describe("purgeExpiredHistory", () => {
  it("deletes requests and sandbox profiles older than HISTORY_RETENTION_DAYS before now", async () => {
    const cutoff = NOW - RETENTION_DAYS * DAY;
    await insertRequests(
      requestRow("expired", cutoff - 1),
      requestRow("at-cutoff", cutoff),
      requestRow("recent", NOW - DAY),
    );
    await insertProfiles(
      [
        { id: "old-user", at: cutoff - 1 },
        { id: "kept-user", at: cutoff + 1 },
      ],
      [
        { id: "old-company", at: cutoff - DAY },
        { id: "kept-company", at: NOW },
      ],
    );

    expect(await purgeExpiredHistory(NOW)).toEqual({ requests: 1, sandboxProfiles: 2 });
    expect(await requestIds()).toEqual(["at-cutoff", "recent"]);
    expect(await profileIds()).toEqual(["kept-company", "kept-user"]);
  });

  it("counts from the present when no time is given", async () => {
    const now = Date.now();
    await insertRequests(requestRow("old", now - (RETENTION_DAYS + 1) * DAY), requestRow("young", now - (RETENTION_DAYS - 1) * DAY));
    expect(await purgeExpiredHistory()).toEqual({ requests: 1, sandboxProfiles: 0 });
    expect(await requestIds()).toEqual(["young"]);
  });
});

describe("startHistoryMaintenance", () => {
  it("marks interrupted sends, purges, says what it did, then purges every hour", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const now = Date.now();
    await insertRequests(
      // An hour: longer than a send can take, so on PostgreSQL too no live server can still be sending it.
      requestRow("interrupted", now - HOUR, { status: "pending", outcome: "pending", status_code: null }),
      requestRow("expired", now - (RETENTION_DAYS + 1) * DAY),
    );
    await insertProfiles([{ id: "old-user", at: now - (RETENTION_DAYS + 1) * DAY }]);

    await startHistoryMaintenance();

    const interrupted = await (await db()).selectFrom("requests").selectAll().where("id", "=", "interrupted").executeTakeFirstOrThrow();
    expect(interrupted).toMatchObject({ status: "unknown", outcome: "unknown" });
    expect(await requestIds()).toEqual(["interrupted"]);
    expect(await profileIds()).toEqual([]);
    expect(warn.mock.calls).toEqual([
      ['History: 1 request(s) were in flight when their server stopped; marked "outcome unknown".'],
    ]);
    expect(log.mock.calls).toEqual([
      [`History: purged 1 request(s) older than ${RETENTION_DAYS} days.`],
      [`Sandbox: purged 1 profile(s) unchanged for ${RETENTION_DAYS} days.`],
    ]);

    // A row that expires later goes at the next hourly purge, not before.
    await insertRequests(requestRow("expired-later", Date.now() - (RETENTION_DAYS + 1) * DAY));
    vi.advanceTimersByTime(HOUR - 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await requestIds()).toEqual(["expired-later", "interrupted"]);
    vi.advanceTimersByTime(1);
    await until(async () => (await requestIds()).length === 1);
    expect(await requestIds()).toEqual(["interrupted"]);
  });

  it("says nothing when there was nothing to finish or purge", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await insertRequests(requestRow("recent", Date.now() - DAY));
    await startHistoryMaintenance();
    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    expect(await requestIds()).toEqual(["recent"]);
  });

  // Last: it closes the connection to make the hourly purge fail.
  it("reports a failed hourly purge instead of crashing the server", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await startHistoryMaintenance();
    await (await db()).destroy();
    vi.advanceTimersByTime(HOUR);
    await until(async () => error.mock.calls.length > 0);
    expect(error.mock.calls[0]?.[0]).toBe("History retention purge failed:");
    expect(error.mock.calls[0]?.[1]).toBeInstanceOf(Error);
  });
});

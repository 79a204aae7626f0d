import type { Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/schema";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import { testDatabaseKind } from "@/lib/testing/test-database";
import { GET } from "./route";

// On SQLite and, in the PostgreSQL run, on PostgreSQL (vitest.postgres.config.mts).
withTempAppDatabase("health-route-test");

type Connection = { kysely: Kysely<Database>; ready: Promise<Kysely<Database>> };
const holder = globalThis as typeof globalThis & { __identifyConsoleDb?: Connection };
type MigrationTable = Kysely<{ kysely_migration: { name: string; timestamp: string } }>;
const NEWER = "9999_from_a_newer_build";

async function health() {
  const response = await GET();
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as Record<string, unknown> };
}

/** The parts of DATABASE_URL that say where the database is or who connects to it. */
function locationParts(): string[] {
  const url = process.env.DATABASE_URL!;
  if (url.startsWith("file:")) return [url, url.slice("file:".length)];
  const parsed = new URL(url);
  return [url, parsed.host, parsed.pathname.slice(1), ...(parsed.username ? [`${parsed.username}@`] : [])];
}

async function migrationTable(): Promise<MigrationTable> {
  await GET(); // opens and migrates the app's connection
  return holder.__identifyConsoleDb!.kysely as unknown as MigrationTable;
}

afterEach(async () => {
  await (await migrationTable()).deleteFrom("kysely_migration").where("name", "=", NEWER).execute();
});

describe("GET /api/health", () => {
  it("reports the database's kind and current migrations, and nothing of where it is", async () => {
    const { status, text, json } = await health();
    expect(status).toBe(200);
    expect(json).toEqual({
      status: "ok",
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: "ok",
      databaseKind: testDatabaseKind(),
      migrations: { state: "current" },
    });
    for (const part of locationParts()) expect(text).not.toContain(part);
  });

  it("says ahead, naming them, once a newer build has migrated, and stays up (migrations are additive)", async () => {
    await (await migrationTable())
      .insertInto("kysely_migration")
      .values({ name: NEWER, timestamp: new Date().toISOString() })
      .execute();
    const { status, json } = await health();
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: "ok", database: "ok", migrations: { state: "ahead", unknown: [NEWER] } });
  });

  it("says unreachable with a 503, still naming the kind, when the database can't be opened", async () => {
    const connection = holder.__identifyConsoleDb!;
    const failing = Promise.reject(new Error("connection refused"));
    failing.catch(() => {});
    holder.__identifyConsoleDb = { kysely: connection.kysely, ready: failing };
    try {
      const { status, json } = await health();
      expect(status).toBe(503);
      expect(json).toEqual({
        status: "degraded",
        version: expect.any(String),
        database: "unreachable",
        databaseKind: testDatabaseKind(),
      });
    } finally {
      holder.__identifyConsoleDb = connection;
    }
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openFreshDatabase } from "@/lib/testing/test-database";
import { knownMigrationNames, migrationState } from "./migration-state";
import { migrate } from "./open";
import type { Database } from "./schema";

// Runs on SQLite and, in the PostgreSQL run, on PostgreSQL (vitest.postgres.config.mts).

const NEWER = "9999_from_a_newer_build";
let tempDir: string;
let db: Kysely<Database>;
let known: string[];

// The migrations table is Kysely's, outside the app's schema type.
const migrationTable = () => (db as unknown as Kysely<{ kysely_migration: { name: string; timestamp: string } }>);
const record = (name: string) =>
  migrationTable().insertInto("kysely_migration").values({ name, timestamp: new Date().toISOString() }).execute();
const forget = (name: string) => migrationTable().deleteFrom("kysely_migration").where("name", "=", name).execute();

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "migration-state-test-"));
  known = await knownMigrationNames();
});
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));
beforeEach(async () => {
  db = await openFreshDatabase(tempDir, `${Math.random().toString(36).slice(2)}.db`);
});
afterEach(async () => db.destroy());

describe("migrationState", () => {
  it("is current on a freshly migrated database", async () => {
    expect(known.length).toBeGreaterThan(6);
    expect(await migrationState(db)).toEqual({ state: "current" });
  });

  it("is ahead, naming them, when the database has migrations this build doesn't know", async () => {
    await record(NEWER);
    await record("9998_also_newer");
    expect(await migrationState(db)).toEqual({ state: "ahead", unknown: ["9998_also_newer", NEWER] });
  });

  it("is behind, naming what this build would still apply", async () => {
    const last = known.at(-1)!;
    await forget(last);
    expect(await migrationState(db)).toEqual({ state: "behind", pending: [last], unknown: [] });
    await record(NEWER);
    expect(await migrationState(db)).toEqual({ state: "behind", pending: [last], unknown: [NEWER] });
  });

  it("compares with the names it is given", async () => {
    expect(await migrationState(db, [...known, "0999_next"])).toEqual({
      state: "behind",
      pending: ["0999_next"],
      unknown: [],
    });
  });
});

describe("migrate", () => {
  it("lets an older build start on a database a newer build has migrated (rolling deploy)", async () => {
    await record(NEWER);
    await expect(migrate(db)).resolves.toBeUndefined();
    expect(await migrationState(db)).toEqual({ state: "ahead", unknown: [NEWER] });
  });

  it("still refuses a database that has unknown migrations and lacks one of this build's", async () => {
    await forget(known[1]!);
    await record(NEWER);
    await expect(migrate(db)).rejects.toThrow(/corrupted migrations/);
  });
});

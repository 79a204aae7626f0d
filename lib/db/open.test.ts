import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, migrate, openDatabase } from "./open";

let tempDir: string;

beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "db-open-test-"));
});

afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

describe("openDatabase", () => {
  it("creates the file in a folder that doesn't exist yet, with every table and the connection settings", async () => {
    const file = path.join(tempDir, "nested", "deeper", "console.db");
    const db = await openDatabase(file);
    try {
      expect(fs.existsSync(file)).toBe(true);
      const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(db);
      expect(tables.rows.map((row) => row.name)).toEqual(
        expect.arrayContaining(["requests", "environments", "settings", "audit_log", "sign_in_lockouts", "sandbox_users"]),
      );
      const pragma = async (name: string) =>
        Object.values((await sql.raw<Record<string, unknown>>(`PRAGMA ${name}`).execute(db)).rows[0] ?? {})[0];
      expect(await pragma("journal_mode")).toBe("wal");
      expect(await pragma("foreign_keys")).toBe(1);
      expect(await pragma("busy_timeout")).toBe(5000);
      expect(await pragma("synchronous")).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it("opens the same file again without migrating twice, keeping its rows", async () => {
    const file = path.join(tempDir, "reopen.db");
    const first = await openDatabase(file);
    await first.insertInto("settings").values({ name: "kept", value: "yes" }).execute();
    await first.destroy();
    const again = await openDatabase(file);
    try {
      expect(await again.selectFrom("settings").selectAll().execute()).toEqual([{ name: "kept", value: "yes" }]);
    } finally {
      await again.destroy();
    }
  });

  it("keeps answering correctly past the statement cache's size", async () => {
    const db = await openDatabase(path.join(tempDir, "many.db"));
    try {
      // 250 distinct statements, then the first ones again after they were evicted.
      for (let i = 0; i < 250; i++) {
        const { rows } = await sql<{ n: number }>`SELECT ${sql.lit(i)} AS n`.execute(db);
        expect(rows).toEqual([{ n: i }]);
      }
      for (let i = 0; i < 3; i++) {
        const { rows } = await sql<{ n: number }>`SELECT ${sql.lit(i)} AS n`.execute(db);
        expect(rows).toEqual([{ n: i }]);
      }
    } finally {
      await db.destroy();
    }
  });

  it("names the migration that failed", async () => {
    const file = path.join(tempDir, "broken.db");
    const raw = connectDatabase(file);
    // A table in the way of the first migration.
    await sql`CREATE TABLE requests (note TEXT)`.execute(raw);
    await expect(migrate(raw)).rejects.toThrow(/^Database migration 0001_initial failed: .*requests/);
    await raw.destroy();
  });

  it("opens an in-memory database without touching the disk", async () => {
    const db = await openDatabase(":memory:");
    try {
      expect(await db.selectFrom("requests").selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});

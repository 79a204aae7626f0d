// Test helper: points the app's own db() singleton at a fresh database (a SQLite file in a temp dir, or a
// PostgreSQL database in the PostgreSQL run: lib/testing/test-database.ts) for one test file
// (vitest runs each file in its own worker), and closes and removes it afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/lib/db/schema";
import { endPresence } from "@/lib/db/server-presence";
import { freshDatabaseUrl } from "./test-database";

const dbHolder = globalThis as typeof globalThis & { __identifyConsoleDb?: { kysely: Kysely<Database> } };

export function withTempAppDatabase(prefix: string): void {
  const savedDatabaseUrl = process.env.DATABASE_URL;
  let tempDir = "";
  beforeAll(async () => {
    if (dbHolder.__identifyConsoleDb)
      throw new Error("Another database connection is already open in this worker");
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    process.env.DATABASE_URL = await freshDatabaseUrl(tempDir);
  });
  afterAll(async () => {
    const connection = dbHolder.__identifyConsoleDb;
    delete dbHolder.__identifyConsoleDb;
    await connection?.kysely.destroy();
    await endPresence();
    if (savedDatabaseUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedDatabaseUrl;
    fs.rmSync(tempDir, { recursive: true, force: true });
  });
}

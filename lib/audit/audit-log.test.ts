import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/schema";
import { audit, listAudit, listAuditOf } from "./audit-log";

// The app's own db() singleton on a SQLite file in a temp dir.

const savedDatabaseUrl = process.env.DATABASE_URL;
const dbHolder = globalThis as typeof globalThis & { __identifyConsoleDb?: { kysely: Kysely<Database> } };
let tempDir: string;

beforeAll(() => {
  if (dbHolder.__identifyConsoleDb) throw new Error("Another database connection is already open in this worker");
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-log-test-"));
  process.env.DATABASE_URL = `file:${path.join(tempDir, "test.db")}`;
});

afterAll(async () => {
  const connection = dbHolder.__identifyConsoleDb;
  delete dbHolder.__identifyConsoleDb;
  await connection?.kysely.destroy();
  if (savedDatabaseUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedDatabaseUrl;
  fs.rmSync(tempDir, { recursive: true, force: true });
});

describe("audit log", () => {
  it("records who did what to what, with details, and lists it newest first", async () => {
    const before = Date.now();
    await audit("admin@example.com", "environment.created", "env-1", { name: "Staging", production: false });
    await audit("admin@example.com", "history.exported", null);
    await audit("ops@example.com", "environment.deleted", "env-1", { name: "Staging" });
    await audit("admin@example.com", "user.created", "user-9", { role: "viewer", count: 1, note: null });

    const entries = await listAudit();
    expect(entries.map((entry) => [entry.actor, entry.action, entry.target])).toEqual([
      ["admin@example.com", "user.created", "user-9"],
      ["ops@example.com", "environment.deleted", "env-1"],
      ["admin@example.com", "history.exported", null],
      ["admin@example.com", "environment.created", "env-1"],
    ]);
    expect(entries.map((entry) => JSON.parse(entry.details) as unknown)).toEqual([
      { role: "viewer", count: 1, note: null },
      { name: "Staging" },
      {},
      { name: "Staging", production: false },
    ]);
    for (const entry of entries) {
      expect(entry.at).toBeGreaterThanOrEqual(before);
      expect(entry.at).toBeLessThanOrEqual(Date.now());
    }

    expect((await listAudit(2)).map((entry) => entry.action)).toEqual(["user.created", "environment.deleted"]);
  });

  it("lists the entries about one target, newest first", async () => {
    expect((await listAuditOf("env-1")).map((entry) => entry.action)).toEqual(["environment.deleted", "environment.created"]);
    expect((await listAuditOf("env-1", 1)).map((entry) => entry.action)).toEqual(["environment.deleted"]);
    expect(await listAuditOf("nobody")).toEqual([]);
  });

  it("keeps the last 200 entries in a default listing", async () => {
    for (let i = 0; i < 200; i++) await audit("bulk@example.com", "history.exported", "bulk");
    expect(await listAudit()).toHaveLength(200);
    expect(await listAuditOf("bulk")).toHaveLength(200);
    expect((await listAudit()).every((entry) => entry.actor === "bulk@example.com")).toBe(true);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open";
import type { Database } from "@/lib/db/schema";
import { createSqliteStore, deleteSandboxUser, hasSandboxUser, purgeSandboxProfilesOlderThan } from "./sqlite-store";

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2025, 5, 1);
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();

let tempDir: string;
let db: Kysely<Database>;
let counter = 0;

beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-store-test-"));
});
beforeEach(async () => {
  db = await openDatabase(path.join(tempDir, `sandbox-${++counter}.db`));
});
afterEach(async () => {
  await db.destroy();
});
afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

async function plant() {
  const store = createSqliteStore(async () => db);
  await store.saveUser({ user_id: "old_user", metadata: { email: "old@example.com" }, company_id: "co_old", updated_at: daysAgo(31) });
  await store.saveUser({ user_id: "new_user", metadata: { email: "new@example.com" }, company_id: "co_new", updated_at: daysAgo(29) });
  await store.saveCompany({ company_id: "co_old", metadata: {}, updated_at: daysAgo(40) });
  await store.saveCompany({ company_id: "co_new", metadata: {}, updated_at: daysAgo(1) });
  return store;
}

describe("sandbox profiles in SQLite", () => {
  it("retention purges users and companies unchanged since the cut-off, and keeps newer ones", async () => {
    const store = await plant();
    expect(await purgeSandboxProfilesOlderThan(db, NOW - 30 * DAY)).toBe(2);
    expect(await store.getUser("old_user")).toBeUndefined();
    expect(await store.getCompany("co_old")).toBeUndefined();
    expect((await store.getUser("new_user"))?.metadata).toEqual({ email: "new@example.com" });
    expect(await store.getCompany("co_new")).toBeDefined();
  });

  it("erasure deletes the one user's profile and nobody else's", async () => {
    const store = await plant();
    expect(await hasSandboxUser(db, "old_user")).toBe(true);
    expect(await deleteSandboxUser(db, "old_user")).toBe(true);
    expect(await hasSandboxUser(db, "old_user")).toBe(false);
    expect(await store.getUser("old_user")).toBeUndefined();
    expect(await store.getUser("new_user")).toBeDefined();
    expect(await deleteSandboxUser(db, "nobody")).toBe(false);
  });
});

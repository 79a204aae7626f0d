import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openFreshDatabase } from "@/lib/testing/test-database";
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
  db = await openFreshDatabase(tempDir, `sandbox-${++counter}.db`);
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

describe("the SQLite profile store", () => {
  it("overwrites a saved user and company on a second save, keeping every metadata type", async () => {
    const store = createSqliteStore(async () => db);
    await store.saveUser({ user_id: "u1", metadata: { plan: "free" }, company_id: null, updated_at: daysAgo(2) });
    const metadata = { plan: "pro", seats: 3, beta: false, gone: null };
    await store.saveUser({ user_id: "u1", metadata, company_id: "c1", updated_at: daysAgo(1) });
    expect(await store.getUser("u1")).toStrictEqual({
      user_id: "u1",
      metadata,
      company_id: "c1",
      updated_at: daysAgo(1),
    });
    await store.saveCompany({ company_id: "c1", metadata: { name: "Old" }, updated_at: daysAgo(2) });
    await store.saveCompany({ company_id: "c1", metadata: { name: "Acme", size: 10 }, updated_at: daysAgo(1) });
    expect(await store.getCompany("c1")).toStrictEqual({
      company_id: "c1",
      metadata: { name: "Acme", size: 10 },
      updated_at: daysAgo(1),
    });
    expect(await store.getCompany("c2")).toBeUndefined();
  });

  it("lists the users of one company in id order", async () => {
    const store = createSqliteStore(async () => db);
    for (const [userId, companyId] of [["u3", "c1"], ["u1", "c1"], ["u2", "c2"], ["u0", null]] as const) {
      await store.saveUser({ user_id: userId, metadata: {}, company_id: companyId, updated_at: daysAgo(0) });
    }
    expect(await store.listUsersOfCompany("c1")).toEqual(["u1", "u3"]);
    expect(await store.listUsersOfCompany("c3")).toEqual([]);
  });

  it("keeps a profile changed exactly at the cut-off", async () => {
    const store = createSqliteStore(async () => db);
    await store.saveUser({ user_id: "edge", metadata: {}, company_id: null, updated_at: daysAgo(30) });
    await store.saveCompany({ company_id: "edge", metadata: {}, updated_at: daysAgo(30) });
    expect(await purgeSandboxProfilesOlderThan(db, NOW - 30 * DAY)).toBe(0);
    expect(await store.getUser("edge")).toBeDefined();
    expect(await purgeSandboxProfilesOlderThan(db, NOW - 30 * DAY + 1)).toBe(2);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { openFreshDatabase } from "@/lib/testing/test-database";
import type { Database } from "@/lib/db/schema";
import { changeStaff, emailTaken, findStaff, hasActiveAdmin, listStaff } from "./users";

let database: Kysely<Database>;

async function addUser(id: string, role: string, banned = 0, createdAt = "2025-01-01T00:00:00.000Z") {
  await database
    .insertInto("user")
    .values({ id, name: id, email: `${id}@Example.test`, role, banned, banReason: null, banExpires: null, createdAt, updatedAt: createdAt, emailVerified: 0 } as never)
    .execute();
}

beforeEach(async () => {
  database = await openFreshDatabase("", ":memory:");
  await addUser("ann", "admin");
  await addUser("bob", "admin");
  await addUser("vic", "viewer");
});
afterEach(async () => {
  await database.destroy();
});

const actor = (id: string) => ({ id, email: `${id}@Example.test` });
const activeAdmins = async () =>
  (await listStaff(0, 50, database)).users.filter((user) => user.role === "admin" && user.active).map((user) => user.id);

describe("changeStaff", () => {
  it("of two admins demoting each other at once, exactly one succeeds", async () => {
    const results = await Promise.all([
      changeStaff(actor("ann"), "bob", { role: "viewer" }, database),
      changeStaff(actor("bob"), "ann", { role: "viewer" }, database),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toEqual({ ok: false, reason: "last_admin" });
    expect(await activeAdmins()).toHaveLength(1);
  });

  it("of two admins deactivating each other at once, exactly one succeeds", async () => {
    const results = await Promise.all([
      changeStaff(actor("ann"), "bob", { active: false }, database),
      changeStaff(actor("bob"), "ann", { active: false }, database),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await activeAdmins()).toHaveLength(1);
  });

  it("refuses to demote or deactivate the last active admin, and audits what it did", async () => {
    await addUser("dee", "admin", 1);
    expect(await changeStaff(actor("ann"), "bob", { role: "operator" }, database)).toMatchObject({ ok: true });
    // ann is the only active admin left (dee is deactivated); a second admin, now demoted, can't act.
    expect(await changeStaff(actor("bob"), "ann", { active: false }, database)).toEqual({ ok: false, reason: "last_admin" });
    expect(await changeStaff(actor("bob"), "vic", { role: "operator" }, database)).toEqual({ ok: false, reason: "actor_not_admin" });
    const log = await database.selectFrom("audit_log").select(["actor", "action", "target", "details"]).execute();
    expect(log).toEqual([
      { actor: "ann@Example.test", action: "user.role_changed", target: "bob@Example.test", details: '{"from":"admin","to":"operator"}' },
    ]);
  });

  it("ends a deactivated account's sessions", async () => {
    await database.insertInto("session").values({ id: "s1", userId: "vic", token: "t", expiresAt: "2999-01-01", createdAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-01-01T00:00:00.000Z" } as never).execute();
    expect(await changeStaff(actor("ann"), "vic", { active: false }, database)).toMatchObject({ ok: true, user: { active: false } });
    expect(await database.selectFrom("session").select("id").execute()).toEqual([]);
    expect(await changeStaff(actor("ann"), "nobody", { active: false }, database)).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("listStaff and emailTaken", () => {
  it("pages past any fixed limit, and finds an email on any page", async () => {
    for (let i = 0; i < 520; i++) await addUser(`u${String(i).padStart(3, "0")}`, "viewer", 0, `2025-02-01T00:00:00.${String(i).padStart(3, "0")}Z`);
    const first = await listStaff(0, 200, database);
    expect(first).toMatchObject({ total: 523, nextOffset: 200 });
    const last = await listStaff(500, 200, database);
    expect(last.users).toHaveLength(23);
    expect(last.nextOffset).toBeNull();
    expect(last.users.at(-1)?.id).toBe("u519");
    expect(await emailTaken("U519@example.TEST", database)).toBe(true);
    expect(await emailTaken("u520@example.test", database)).toBe(false);
  });
});

/** The stored row, its flag as a boolean and its date as ISO text: 0/1 and text in SQLite, boolean and timestamptz in PostgreSQL. */
async function userRow(id: string) {
  const row = await database.selectFrom("user").select(["role", "banned", "banReason", "banExpires", "updatedAt"]).where("id", "=", id).executeTakeFirstOrThrow();
  return { ...row, banned: row.banned === null ? null : Boolean(row.banned), updatedAt: new Date(row.updatedAt).toISOString() };
}
const auditLog = () => database.selectFrom("audit_log").select(["actor", "action", "target", "details"]).orderBy("id").execute();

describe("findStaff and listStaff", () => {
  it("show each account as the Users page does", async () => {
    await addUser("dee", "owner", 1, "2025-03-04T05:06:07.000Z");
    expect(await findStaff("dee", database)).toEqual({
      id: "dee",
      name: "dee",
      email: "dee@Example.test",
      role: "viewer",
      active: false,
      createdAt: "2025-03-04T05:06:07.000Z",
    });
    expect(await findStaff("vic", database)).toMatchObject({ role: "viewer", active: true });
    expect(await findStaff("nobody", database)).toBeNull();
  });

  it("page oldest first, with the next offset only while more remain", async () => {
    await addUser("aaa", "viewer", 0, "2024-12-31T00:00:00.000Z");
    expect(await listStaff(0, 2, database)).toMatchObject({ users: [{ id: "aaa" }, { id: "ann" }], total: 4, nextOffset: 2 });
    expect(await listStaff(2, 2, database)).toMatchObject({ users: [{ id: "bob" }, { id: "vic" }], total: 4, nextOffset: null });
    expect(await listStaff(1, 2, database)).toMatchObject({ total: 4, nextOffset: 3 });
    expect((await listStaff(undefined, undefined, database)).users).toHaveLength(4);
  });

  it("find an email whatever its case and surrounding spaces", async () => {
    expect(await emailTaken("  ANN@example.test ", database)).toBe(true);
    expect(await emailTaken("an@example.test", database)).toBe(false);
  });
});

describe("hasActiveAdmin", () => {
  it("is true while an admin can sign in", async () => {
    expect(await hasActiveAdmin(database)).toBe(true);
    await database.updateTable("user").set({ banned: 1 }).where("id", "=", "ann").execute();
    expect(await hasActiveAdmin(database)).toBe(true);
    await database.updateTable("user").set({ banned: 1 }).where("id", "=", "bob").execute();
    expect(await hasActiveAdmin(database)).toBe(false);
    await database.updateTable("user").set({ banned: null }).where("id", "=", "bob").execute();
    expect(await hasActiveAdmin(database)).toBe(true);
  });
});

describe("changeStaff records", () => {
  it("a deactivation with who did it, and a reactivation that clears it", async () => {
    expect(await changeStaff(actor("ann"), "vic", { active: false }, database)).toEqual({
      ok: true,
      user: { id: "vic", name: "vic", email: "vic@Example.test", role: "viewer", active: false, createdAt: "2025-01-01T00:00:00.000Z" },
    });
    expect(await userRow("vic")).toMatchObject({ role: "viewer", banned: true, banReason: "Deactivated by ann@Example.test", banExpires: null });
    expect((await userRow("vic")).updatedAt).not.toBe("2025-01-01T00:00:00.000Z");
    expect(await changeStaff(actor("ann"), "vic", { active: true }, database)).toMatchObject({ ok: true, user: { active: true } });
    expect(await userRow("vic")).toMatchObject({ banned: false, banReason: null });
    expect(await auditLog()).toEqual([
      { actor: "ann@Example.test", action: "user.deactivated", target: "vic@Example.test", details: "{}" },
      { actor: "ann@Example.test", action: "user.reactivated", target: "vic@Example.test", details: "{}" },
    ]);
  });

  it("a role change and a deactivation at once as two entries, and keeps other accounts' sessions", async () => {
    await database.insertInto("session").values({ id: "s-bob", userId: "bob", token: "tb", expiresAt: "2999-01-01", createdAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-01-01T00:00:00.000Z" } as never).execute();
    await database.insertInto("session").values({ id: "s-vic", userId: "vic", token: "tv", expiresAt: "2999-01-01", createdAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-01-01T00:00:00.000Z" } as never).execute();
    expect(await changeStaff(actor("ann"), "vic", { role: "operator", active: false }, database)).toMatchObject({
      ok: true,
      user: { role: "operator", active: false },
    });
    expect(await userRow("vic")).toMatchObject({ role: "operator", banned: true });
    expect(await database.selectFrom("session").select("id").execute()).toEqual([{ id: "s-bob" }]);
    expect(await auditLog()).toEqual([
      { actor: "ann@Example.test", action: "user.role_changed", target: "vic@Example.test", details: '{"from":"viewer","to":"operator"}' },
      { actor: "ann@Example.test", action: "user.deactivated", target: "vic@Example.test", details: "{}" },
    ]);
  });

  it("nothing when nothing changes, and keeps the sessions of a role change", async () => {
    await database.insertInto("session").values({ id: "s-vic", userId: "vic", token: "tv", expiresAt: "2999-01-01", createdAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-01-01T00:00:00.000Z" } as never).execute();
    const before = await userRow("vic");
    expect(await changeStaff(actor("ann"), "vic", { role: "viewer", active: true }, database)).toMatchObject({ ok: true, user: { role: "viewer", active: true } });
    expect(await userRow("vic")).toEqual(before);
    expect(await auditLog()).toEqual([]);
    expect(await changeStaff(actor("ann"), "vic", { role: "admin" }, database)).toMatchObject({ ok: true, user: { role: "admin", active: true } });
    expect(await userRow("vic")).toMatchObject({ role: "admin", banned: false, banReason: null });
    expect(await database.selectFrom("session").select("id").execute()).toEqual([{ id: "s-vic" }]);
  });

  it("lets the last active admin change what keeps them an admin, and a deactivated admin be demoted", async () => {
    await database.updateTable("user").set({ banned: 1 }).where("id", "=", "bob").execute();
    expect(await changeStaff(actor("ann"), "ann", { role: "admin", active: true }, database)).toMatchObject({ ok: true });
    expect(await changeStaff(actor("ann"), "bob", { role: "viewer" }, database)).toMatchObject({ ok: true, user: { role: "viewer", active: false } });
    expect(await changeStaff(actor("ann"), "ann", { role: "operator" }, database)).toEqual({ ok: false, reason: "last_admin" });
  });

  it("refuses an actor who is no longer an active admin", async () => {
    await database.updateTable("user").set({ banned: 1 }).where("id", "=", "bob").execute();
    expect(await changeStaff(actor("bob"), "vic", { role: "operator" }, database)).toEqual({ ok: false, reason: "actor_not_admin" });
    expect(await changeStaff(actor("gone"), "vic", { role: "operator" }, database)).toEqual({ ok: false, reason: "actor_not_admin" });
    expect(await userRow("vic")).toMatchObject({ role: "viewer" });
  });

  it("with no active admin left at all, names the actor as the problem, not the last admin", async () => {
    await database.updateTable("user").set({ banned: 1 }).where("role", "=", "admin").execute();
    expect(await changeStaff(actor("bob"), "vic", { role: "operator" }, database)).toEqual({ ok: false, reason: "actor_not_admin" });
    expect(await changeStaff(actor("bob"), "ann", { role: "viewer" }, database)).toEqual({ ok: false, reason: "actor_not_admin" });
  });
});

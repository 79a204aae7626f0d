import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { openDatabase } from "@/lib/db/open";
import type { Database } from "@/lib/db/schema";
import { changeStaff, emailTaken, listStaff } from "./users";

let database: Kysely<Database>;

async function addUser(id: string, role: string, banned = 0, createdAt = "2025-01-01T00:00:00.000Z") {
  await database
    .insertInto("user")
    .values({ id, name: id, email: `${id}@Example.test`, role, banned, banReason: null, banExpires: null, createdAt, updatedAt: createdAt, emailVerified: 0 } as never)
    .execute();
}

beforeEach(async () => {
  database = await openDatabase(":memory:");
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
    await database.insertInto("session").values({ id: "s1", userId: "vic", token: "t", expiresAt: "2999-01-01", createdAt: "x", updatedAt: "x" } as never).execute();
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

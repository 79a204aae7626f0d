import "server-only";
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { immediateTransaction } from "@/lib/db/immediate-transaction";
import { isPostgres } from "@/lib/db/dialect";
import type { Database } from "@/lib/db/schema";
import { asRole, type Role } from "./roles";
import type { StaffPage, StaffUser } from "./schemas";

export type { StaffPage, StaffUser };

export const STAFF_PAGE_SIZE = 50;

const storedUser = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string().nullable(),
  banned: z.union([z.number(), z.boolean()]).nullable(),
  createdAt: z.coerce.date(),
});

function toStaff(row: unknown): StaffUser {
  const user = storedUser.parse(row);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: asRole(user.role),
    active: !user.banned,
    createdAt: user.createdAt.toISOString(),
  };
}

const COLUMNS = ["id", "name", "email", "role", "banned", "createdAt"] as const;

/** One page of staff accounts, oldest first. */
export async function listStaff(offset = 0, limit = STAFF_PAGE_SIZE, database?: Kysely<Database>): Promise<StaffPage> {
  const source = database ?? (await db());
  const rows = await source.selectFrom("user").select(COLUMNS).orderBy("createdAt").orderBy("id").limit(limit).offset(offset).execute();
  const { total } = await source.selectFrom("user").select(sql<number>`count(*)`.as("total")).executeTakeFirstOrThrow();
  const end = offset + rows.length;
  return { users: rows.map(toStaff), total: Number(total), nextOffset: end < Number(total) ? end : null };
}

export async function findStaff(id: string, database?: Kysely<Database>): Promise<StaffUser | null> {
  const row = await (database ?? (await db())).selectFrom("user").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return row ? toStaff(row) : null;
}

export async function emailTaken(email: string, database?: Kysely<Database>): Promise<boolean> {
  const row = await (database ?? (await db()))
    .selectFrom("user")
    .select("id")
    .where(sql<string>`lower("email")`, "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

/** Active admins other than `exceptId`. */
async function otherActiveAdmins(tx: Kysely<Database>, exceptId: string): Promise<number> {
  const { count } = await tx
    .selectFrom("user")
    .select(sql<number>`count(*)`.as("count"))
    .where("role", "=", "admin")
    // A literal, not a bound value: SQLite stores the flag as 0/1, PostgreSQL as a boolean.
    .where("banned", "is not", sql.lit(true))
    .where("id", "!=", exceptId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

export type StaffChange = { role?: Role; active?: boolean };
export type StaffChangeResult =
  | { ok: true; user: StaffUser }
  | { ok: false; reason: "not_found" | "last_admin" | "actor_not_admin" };

type AuditRow = { action: "user.role_changed" | "user.deactivated" | "user.reactivated"; details: Record<string, string> };

/**
 * Changes a staff member's role or active state in one IMMEDIATE transaction with the rule that at least
 * one active admin stays: of two admins demoting each other at once, the second finds the first's change
 * already committed. A deactivation also ends the account's sessions. Every change is audited in the same
 * transaction.
 */
export async function changeStaff(
  actor: { id: string; email: string },
  id: string,
  change: StaffChange,
  database?: Kysely<Database>,
): Promise<StaffChangeResult> {
  return immediateTransaction(database ?? (await db()), async (tx) => {
    const target = await findStaff(id, tx);
    if (!target) return { ok: false, reason: "not_found" };
    const role = change.role ?? target.role;
    const active = change.active ?? target.active;
    const staysAdmin = role === "admin" && active;
    if (target.role === "admin" && target.active && !staysAdmin && (await otherActiveAdmins(tx, id)) === 0) {
      return { ok: false, reason: "last_admin" };
    }
    // The actor's own role may have changed since the request's session was read.
    const self = await findStaff(actor.id, tx);
    if (!self || self.role !== "admin" || !self.active) return { ok: false, reason: "actor_not_admin" };

    const audits: AuditRow[] = [];
    if (role !== target.role) audits.push({ action: "user.role_changed", details: { from: target.role, to: role } });
    if (!active && target.active) audits.push({ action: "user.deactivated", details: {} });
    if (active && !target.active) audits.push({ action: "user.reactivated", details: {} });
    if (audits.length === 0) return { ok: true, user: target };

    const now = isPostgres(tx) ? new Date() : new Date().toISOString();
    await tx
      .updateTable("user")
      .set({
        role,
        banned: sql.lit(!active),
        banReason: active ? null : `Deactivated by ${actor.email}`,
        banExpires: null,
        updatedAt: now,
      })
      .where("id", "=", id)
      .execute();
    if (!active) await tx.deleteFrom("session").where("userId", "=", id).execute();
    const at = Date.now();
    for (const entry of audits) {
      await tx
        .insertInto("audit_log")
        .values({ at, actor: actor.email, action: entry.action, target: target.email, details: JSON.stringify(entry.details) })
        .execute();
    }
    return { ok: true, user: { ...target, role, active } };
  });
}

/** Whether any admin can sign in: until one can, single sign-on creates no accounts. */
export async function hasActiveAdmin(database?: Kysely<Database>): Promise<boolean> {
  return (await otherActiveAdmins(database ?? (await db()), "")) > 0;
}

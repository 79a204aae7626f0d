import "server-only";
import { db } from "@/lib/db/client";

export type AuditAction =
  | "user.created"
  | "user.role_changed"
  | "user.deactivated"
  | "user.reactivated"
  | "environment.created"
  | "environment.updated"
  | "environment.key_rotated"
  | "environment.deleted"
  | "environment.default_changed"
  | "history.user_erased"
  | "history.exported";

/** Records an administrative change. Details never hold a key: callers pass names and counts only. */
export async function audit(actor: string, action: AuditAction, target: string | null, details: Record<string, string | number | boolean | null> = {}) {
  await (await db())
    .insertInto("audit_log")
    .values({ at: Date.now(), actor, action, target, details: JSON.stringify(details) })
    .execute();
}

export async function listAudit(limit = 200) {
  return (await db()).selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(limit).execute();
}

/** The entries about one target (e.g. an erased user's hashed id), newest first. */
export async function listAuditOf(target: string, limit = 200) {
  return (await db()).selectFrom("audit_log").selectAll().where("target", "=", target).orderBy("id", "desc").limit(limit).execute();
}

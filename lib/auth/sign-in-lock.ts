import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { immediateTransaction } from "@/lib/db/immediate-transaction";

/**
 * A second limit on password sign-in, per account and whatever the address: after FREE_FAILURES wrong
 * passwords within WINDOW_MS the account is locked for 1 minute, then 2, 4, ... up to 30 minutes; a
 * successful sign-in clears it. Each attempt is counted before the password is checked (and refunded when
 * the answer wasn't "wrong password"), so a burst of parallel guesses can't all slip past the check.
 */
export const FREE_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const FIRST_LOCK_MS = 60_000;
const LONGEST_LOCK_MS = 30 * 60_000;
// A lockout long past no longer makes the next one longer.
const LOCKOUTS_FORGOTTEN_AFTER_MS = 24 * 60 * 60_000;

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function lockDuration(lockouts: number): number {
  return Math.min(FIRST_LOCK_MS * 2 ** Math.max(0, lockouts - 1), LONGEST_LOCK_MS);
}

export const accountKey = (email: string) => email.trim().toLowerCase();

/** Counts an attempt for the account, or refuses it while the account is locked. */
export async function beginAttempt(database: Kysely<Database>, email: string, now = Date.now()): Promise<AttemptVerdict> {
  const key = accountKey(email);
  return immediateTransaction(database, async (tx) => {
    const row = await tx.selectFrom("sign_in_lockouts").selectAll().where("email", "=", key).executeTakeFirst();
    if (row && row.locked_until > now) {
      return { allowed: false, retryAfterSeconds: Math.ceil((row.locked_until - now) / 1000) };
    }
    const fresh = !row || now - row.window_start >= WINDOW_MS;
    const lockouts = row && now - row.locked_until < LOCKOUTS_FORGOTTEN_AFTER_MS ? row.lockouts : 0;
    const failures = fresh ? 0 : row.failures;
    if (failures >= FREE_FAILURES) {
      const until = now + lockDuration(lockouts + 1);
      await tx
        .updateTable("sign_in_lockouts")
        .set({ failures: 0, window_start: now, locked_until: until, lockouts: lockouts + 1 })
        .where("email", "=", key)
        .execute();
      return { allowed: false, retryAfterSeconds: Math.ceil((until - now) / 1000) };
    }
    await tx
      .insertInto("sign_in_lockouts")
      .values({ email: key, failures: failures + 1, window_start: fresh ? now : row.window_start, locked_until: row?.locked_until ?? 0, lockouts })
      .onConflict((conflict) =>
        conflict.column("email").doUpdateSet({
          failures: failures + 1,
          window_start: fresh ? now : row.window_start,
          lockouts,
        }),
      )
      .execute();
    return { allowed: true };
  });
}

/** After the answer: success clears the account's record, anything but a wrong password refunds the attempt. */
export async function finishAttempt(database: Kysely<Database>, email: string, outcome: "signed-in" | "wrong-password" | "other"): Promise<void> {
  const key = accountKey(email);
  if (outcome === "signed-in") {
    await database.deleteFrom("sign_in_lockouts").where("email", "=", key).execute();
  } else if (outcome === "other") {
    await database
      .updateTable("sign_in_lockouts")
      .set((eb) => ({ failures: eb("failures", "-", 1) }))
      .where("email", "=", key)
      .where("failures", ">", 0)
      .execute();
  }
}

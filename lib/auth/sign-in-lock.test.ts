import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { openFreshDatabase } from "@/lib/testing/test-database";
import type { Database } from "@/lib/db/schema";
import { beginAttempt, finishAttempt, lockDuration } from "./sign-in-lock";
import { accountLockedMessage } from "./wait-in-words";

let database: Kysely<Database>;
beforeEach(async () => {
  database = await openFreshDatabase("", ":memory:");
});
afterEach(async () => {
  await database.destroy();
});

const MINUTE = 60_000;

async function fail(email: string, now: number) {
  const verdict = await beginAttempt(database, email, now);
  if (verdict.allowed) await finishAttempt(database, email, "wrong-password");
  return verdict;
}

describe("per-account sign-in lock", () => {
  it("locks after 5 wrong passwords, for 1 minute, whatever the email's case", async () => {
    const now = 1_000_000;
    for (let i = 0; i < 5; i++) expect(await fail(i % 2 ? "Jo@Example.com" : "jo@example.com", now + i)).toEqual({ allowed: true });
    expect(await beginAttempt(database, "JO@example.com", now + 10)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    // The right password is refused too while locked.
    expect(await beginAttempt(database, "jo@example.com", now + 10 + 30_000)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(await beginAttempt(database, "jo@example.com", now + 10 + MINUTE)).toEqual({ allowed: true });
  });

  it("doubles the lock each time, up to 30 minutes, and a success resets it", async () => {
    let now = 5_000_000;
    const waits: number[] = [];
    for (let lock = 0; lock < 7; lock++) {
      for (let i = 0; i < 5; i++) await fail("a@b.test", now);
      const verdict = await beginAttempt(database, "a@b.test", now);
      if (verdict.allowed) throw new Error("expected a lock");
      waits.push(verdict.retryAfterSeconds / 60);
      now += verdict.retryAfterSeconds * 1000;
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30]);

    expect(await beginAttempt(database, "a@b.test", now)).toEqual({ allowed: true });
    await finishAttempt(database, "a@b.test", "signed-in");
    for (let i = 0; i < 5; i++) await fail("a@b.test", now);
    expect(await beginAttempt(database, "a@b.test", now)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("counts attempts before the answer, so parallel guesses can't all get through", async () => {
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => beginAttempt(database, "p@b.test", 1)));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(5);
  });

  it("refunds attempts that weren't a wrong password, and forgets failures after 15 minutes", async () => {
    for (let i = 0; i < 10; i++) {
      expect(await beginAttempt(database, "r@b.test", 1)).toEqual({ allowed: true });
      await finishAttempt(database, "r@b.test", "other");
    }
    for (let i = 0; i < 5; i++) await fail("w@b.test", 1);
    expect(await beginAttempt(database, "w@b.test", 1 + 15 * MINUTE)).toEqual({ allowed: true });
  });

  it("counts an email with spaces around it as the same account", async () => {
    for (let i = 0; i < 5; i++) await fail(" s@b.test ", 1);
    expect(await beginAttempt(database, "s@b.test", 2)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("keeps other accounts open", async () => {
    for (let i = 0; i < 6; i++) await fail("x@b.test", 1);
    expect(await beginAttempt(database, "y@b.test", 2)).toEqual({ allowed: true });
  });

  it("forgets a lockout a day after it ended, and not before", async () => {
    const lockOnce = async (email: string, now: number) => {
      for (let i = 0; i < 5; i++) await fail(email, now);
      return beginAttempt(database, email, now);
    };
    const start = 10_000_000;
    for (const email of ["early@b.test", "late@b.test"]) {
      expect(await lockOnce(email, start)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    }
    const unlocked = start + MINUTE;
    expect(await lockOnce("early@b.test", unlocked + 24 * 60 * MINUTE - 1)).toEqual({ allowed: false, retryAfterSeconds: 120 });
    expect(await lockOnce("late@b.test", unlocked + 24 * 60 * MINUTE)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("counts failures within 15 minutes of the first, and only wrong passwords", async () => {
    for (let i = 0; i < 4; i++) await fail("c@b.test", 1);
    expect(await fail("c@b.test", 15 * MINUTE)).toEqual({ allowed: true });
    expect(await beginAttempt(database, "c@b.test", 15 * MINUTE)).toEqual({ allowed: false, retryAfterSeconds: 60 });

    // A refund never takes the count below nothing.
    await finishAttempt(database, "d@b.test", "other");
    expect(await beginAttempt(database, "d@b.test", 1)).toEqual({ allowed: true });
    await finishAttempt(database, "d@b.test", "other");
    await finishAttempt(database, "d@b.test", "other");
    const row = await database.selectFrom("sign_in_lockouts").selectAll().where("email", "=", "d@b.test").executeTakeFirstOrThrow();
    expect(row).toEqual({ email: "d@b.test", failures: 0, window_start: 1, locked_until: 0, lockouts: 0 });
  });

  it("words the wait", () => {
    expect(accountLockedMessage(120)).toBe("Too many attempts for this account. Try again in 2 minutes.");
    expect(accountLockedMessage(61)).toBe("Too many attempts for this account. Try again in 2 minutes.");
    expect(accountLockedMessage(60)).toBe("Too many attempts for this account. Try again in 1 minute.");
    expect(accountLockedMessage(5)).toBe("Too many attempts for this account. Try again in 5 seconds.");
    expect(lockDuration(1)).toBe(MINUTE);
    expect(lockDuration(0)).toBe(MINUTE);
    expect(lockDuration(5)).toBe(16 * MINUTE);
    expect(lockDuration(6)).toBe(30 * MINUTE);
  });
});

import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import { audit } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import { inTurnAcrossServers } from "@/lib/db/one-server";
import { env } from "@/lib/env";
import { auth } from "./auth";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function hasUsers(): Promise<boolean> {
  const row = await (await db()).selectFrom("user").select(sql<number>`count(*)`.as("count")).executeTakeFirstOrThrow();
  return Number(row.count) > 0;
}

/**
 * At start, with no users yet: ADMIN_EMAIL and ADMIN_PASSWORD create the first admin; without them a
 * one-time set-up link is printed, so a fresh instance can't be claimed by whoever finds it first.
 */
export async function ensureFirstAdmin(baseUrl: string): Promise<void> {
  // Servers starting together on one PostgreSQL database take turns: the first makes the admin, the others see it.
  await inTurnAcrossServers(await db(), "first-admin", () => makeFirstAdmin(baseUrl));
}

async function makeFirstAdmin(baseUrl: string): Promise<void> {
  if (await hasUsers()) return;
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = env();
  if (ADMIN_EMAIL && ADMIN_PASSWORD) {
    await auth().api.createUser({ body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, name: "Admin", role: "admin" } });
    await audit("system", "user.created", ADMIN_EMAIL, { role: "admin", via: "ADMIN_EMAIL" });
    console.log(`Created the first admin, ${ADMIN_EMAIL}, from ADMIN_EMAIL and ADMIN_PASSWORD.`);
    return;
  }
  const token = randomBytes(24).toString("base64url");
  const database = await db();
  // Only the newest link works: an older one may sit in an old log.
  await database.deleteFrom("setup_tokens").where("used_at", "is", null).execute();
  await database.insertInto("setup_tokens").values({ token_hash: hash(token), created_at: Date.now(), used_at: null }).execute();
  console.log(`\nNo staff accounts yet. Create the first admin (this link works once):\n  ${baseUrl}/setup?token=${token}\n`);
}

/** Spends a set-up token; true only once, and only while there are no users. */
export async function claimSetupToken(token: string): Promise<boolean> {
  if (await hasUsers()) return false;
  const database = await db();
  const wanted = Buffer.from(hash(token));
  const rows = await database.selectFrom("setup_tokens").selectAll().where("used_at", "is", null).execute();
  const match = rows.find((row) => {
    const stored = Buffer.from(row.token_hash);
    return stored.length === wanted.length && timingSafeEqual(stored, wanted);
  });
  if (!match) return false;
  const spent = await database
    .updateTable("setup_tokens")
    .set({ used_at: Date.now() })
    .where("token_hash", "=", match.token_hash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1;
}

import "server-only";
import type { Kysely } from "kysely";
import { db } from "@/lib/db/client";
import type { Database } from "@/lib/db/schema";
import { eraseKnownUser } from "@/lib/profiles/store";
import { deleteSandboxUser, hasSandboxUser } from "@/lib/sandbox/sqlite-store";
import { countForUser, purgeUser } from "./queries";

// Erasure for a deletion request: one user's history rows, their known profile, and the built-in sandbox's
// profile of them.

/** What an erasure of this user would delete. */
export async function erasurePreview(
  userId: string,
  database?: Kysely<Database>,
): Promise<{ count: number; sandboxProfile: boolean }> {
  const source = database ?? (await db());
  return { count: await countForUser(source, userId), sandboxProfile: await hasSandboxUser(source, userId) };
}

/** Deletes this user's history rows and sandbox profile; says how many rows went and whether a profile did. */
export async function eraseUser(
  userId: string,
  database?: Kysely<Database>,
): Promise<{ deleted: number; sandboxProfileDeleted: boolean }> {
  const source = database ?? (await db());
  const deleted = await purgeUser(source, userId);
  await eraseKnownUser(source, userId);
  return { deleted, sandboxProfileDeleted: await deleteSandboxUser(source, userId) };
}

import "server-only";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "@/lib/db/schema";
import type { CompanyProfile, ProfileStore, UserProfile } from "./types";

const metadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** Sandbox profiles kept in the app's own database, so they survive a restart. */
export function createSqliteStore(database: () => Promise<Kysely<Database>>): ProfileStore {
  return {
    async getUser(userId) {
      const row = await (
        await database()
      )
        .selectFrom("sandbox_users")
        .selectAll()
        .where("user_id", "=", userId)
        .executeTakeFirst();
      if (!row) return undefined;
      return { ...row, metadata: metadataSchema.parse(JSON.parse(row.metadata)) } satisfies UserProfile;
    },
    async saveUser(profile) {
      const values = { ...profile, metadata: JSON.stringify(profile.metadata) };
      await (
        await database()
      )
        .insertInto("sandbox_users")
        .values(values)
        .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
        .execute();
    },
    async getCompany(companyId) {
      const row = await (
        await database()
      )
        .selectFrom("sandbox_companies")
        .selectAll()
        .where("company_id", "=", companyId)
        .executeTakeFirst();
      if (!row) return undefined;
      return { ...row, metadata: metadataSchema.parse(JSON.parse(row.metadata)) } satisfies CompanyProfile;
    },
    async saveCompany(profile) {
      const values = { ...profile, metadata: JSON.stringify(profile.metadata) };
      await (
        await database()
      )
        .insertInto("sandbox_companies")
        .values(values)
        .onConflict((oc) => oc.column("company_id").doUpdateSet(values))
        .execute();
    },
    async listUsersOfCompany(companyId) {
      const rows = await (
        await database()
      )
        .selectFrom("sandbox_users")
        .select("user_id")
        .where("company_id", "=", companyId)
        .orderBy("user_id")
        .execute();
      return rows.map((row) => row.user_id);
    },
  };
}

/** Erasure: whether the built-in sandbox keeps a profile of this user (shown before erasing). */
export async function hasSandboxUser(database: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await database.selectFrom("sandbox_users").select("user_id").where("user_id", "=", userId).executeTakeFirst();
  return row !== undefined;
}

/** Erasure: the built-in sandbox's profile of one user goes with their history. */
export async function deleteSandboxUser(database: Kysely<Database>, userId: string): Promise<boolean> {
  const result = await database.deleteFrom("sandbox_users").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Retention: sandbox profiles last changed before the cut-off go, like history rows. */
export async function purgeSandboxProfilesOlderThan(database: Kysely<Database>, cutoffMs: number): Promise<number> {
  // updated_at is ISO 8601 from toISOString(), so text order is time order.
  const cutoff = new Date(cutoffMs).toISOString();
  const users = await database.deleteFrom("sandbox_users").where("updated_at", "<", cutoff).executeTakeFirst();
  const companies = await database.deleteFrom("sandbox_companies").where("updated_at", "<", cutoff).executeTakeFirst();
  return Number(users.numDeletedRows) + Number(companies.numDeletedRows);
}

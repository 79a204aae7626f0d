import "server-only";
import { sql, type Kysely, type Transaction } from "kysely";
import { isPostgres } from "@/lib/db/dialect";
import type { Database } from "@/lib/db/schema";
import { changesOf, propertyRow, type AcceptedSend, type PropertyChange } from "./fold";

type SetChange = Extract<PropertyChange, { kind: "set" }>;

// The one owner of the known-profile tables: writes one accepted send at a time, in accepted order.

type Writer = Kysely<Database> | Transaction<Database>;

/**
 * Folds one accepted send into the known profiles and the type registry, in one transaction. A change older
 * than the one on record (two sends of one user finishing at once) does not overwrite the newer one.
 */
export async function applySend(database: Kysely<Database>, send: AcceptedSend): Promise<void> {
  await database.transaction().execute((trx) => writeSend(trx, send));
}

/** The same, inside a transaction the caller holds (the rebuild writes every send in one). */
export async function writeSend(trx: Writer, send: AcceptedSend): Promise<void> {
  // SQLite's scalar max/min are PostgreSQL's greatest/least.
  const [larger, smaller] = isPostgres(trx) ? [sql.raw("greatest"), sql.raw("least")] : [sql.raw("max"), sql.raw("min")];
  const changes = changesOf(send);
  const at = send.acceptedAt;
  const env = send.environmentId;
  if (changes.user) {
    await trx
      .insertInto("profile_users")
      .values({
        environment_id: env,
        user_id: changes.user.userId,
        company_id: changes.user.companyId,
        last_sent_at: at,
        last_history_id: send.historyId,
      })
      .onConflict((conflict) =>
        conflict.columns(["environment_id", "user_id"]).doUpdateSet({
          // A send without a company leaves the user where they are; an older send moves no one.
          company_id: sql<string | null>`case when excluded.last_sent_at >= profile_users.last_sent_at
            then coalesce(excluded.company_id, profile_users.company_id) else profile_users.company_id end`,
          last_history_id: sql<string>`case when excluded.last_sent_at >= profile_users.last_sent_at
            then excluded.last_history_id else profile_users.last_history_id end`,
          last_sent_at: sql<number>`${larger}(excluded.last_sent_at, profile_users.last_sent_at)`,
        }),
      )
      .execute();
  }
  if (changes.company) {
    await trx
      .insertInto("profile_companies")
      .values({ environment_id: env, company_id: changes.company.companyId, last_sent_at: at, last_history_id: send.historyId })
      .onConflict((conflict) =>
        conflict.columns(["environment_id", "company_id"]).doUpdateSet({
          last_history_id: sql<string>`case when excluded.last_sent_at >= profile_companies.last_sent_at
            then excluded.last_history_id else profile_companies.last_history_id end`,
          last_sent_at: sql<number>`${larger}(excluded.last_sent_at, profile_companies.last_sent_at)`,
        }),
      )
      .execute();
  }
  // One statement per table for all of a send's properties: a send's cost must not grow a query per row.
  const sets = changes.properties.filter((change): change is SetChange => change.kind === "set");
  if (sets.length > 0) {
    await trx
      .insertInto("profile_properties")
      .values(sets.map((change) => propertyRow(send, change)))
      .onConflict((conflict) =>
        conflict
          .columns(["environment_id", "grp", "owner_id", "name"])
          .doUpdateSet({
            value: (eb) => eb.ref("excluded.value"),
            type: (eb) => eb.ref("excluded.type"),
            changed_at: (eb) => eb.ref("excluded.changed_at"),
            changed_by: (eb) => eb.ref("excluded.changed_by"),
            history_id: (eb) => eb.ref("excluded.history_id"),
          })
          .where("excluded.changed_at", ">=", (eb) => eb.ref("profile_properties.changed_at")),
      )
      .execute();
    await trx
      .insertInto("property_types")
      .values(
        sets.map((change) => ({
          environment_id: env,
          grp: change.group,
          name: change.name,
          type: change.type,
          count: 1,
          first_sent_at: at,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(["environment_id", "grp", "name", "type"]).doUpdateSet({
          count: sql<number>`property_types.count + 1`,
          first_sent_at: sql<number>`${smaller}(property_types.first_sent_at, excluded.first_sent_at)`,
        }),
      )
      .execute();
  }
  for (const change of changes.properties) {
    if (change.kind !== "remove") continue;
    await trx
      .deleteFrom("profile_properties")
      .where("environment_id", "=", env)
      .where("grp", "=", change.group)
      .where("owner_id", "=", change.ownerId)
      .where("name", "=", change.name)
      .where("changed_at", "<=", at)
      .execute();
  }
}

/** Empties every known-profile table (before a rebuild). */
export async function clearProfiles(trx: Writer): Promise<void> {
  for (const table of ["profile_properties", "profile_users", "profile_companies", "property_types"] as const) {
    await trx.deleteFrom(table).execute();
  }
}

/** A deletion request: this user's known profile goes in every environment (the registry keeps no ids). */
export async function eraseKnownUser(database: Writer, userId: string): Promise<void> {
  await database.deleteFrom("profile_properties").where("grp", "=", "user").where("owner_id", "=", userId).execute();
  await database.deleteFrom("profile_users").where("user_id", "=", userId).execute();
}

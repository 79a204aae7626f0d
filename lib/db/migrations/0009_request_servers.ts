import type { Kysely } from "kysely";

// Which server wrote a pending row: with several servers on PostgreSQL, a row whose server is gone (its
// presence lock released, lib/db/server-presence.ts) is marked "outcome unknown" at once by another.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("requests").addColumn("server_id", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("requests").dropColumn("server_id").execute();
}

import type { Kysely } from "kysely";

// What several servers on one database share (PostgreSQL; the tables exist on SQLite too, unused there):
// - upstream_turns: the per-key pace counted in the database (lib/userpilot/shared-pace.ts). A row is one
//   request's turn; it counts against the key's limit until `returns_at` (a window after its answer, or,
//   while in flight, after its lease so a server that dies gives its turns back).
// - bulk_jobs.lease_owner / lease_until: the one server running a job (lib/bulk/job-lease.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("upstream_turns")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("key_hash", "text", (col) => col.notNull())
    .addColumn("taken_at", "bigint", (col) => col.notNull())
    .addColumn("returns_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("upstream_turns_key").on("upstream_turns").columns(["key_hash", "returns_at"]).execute();

  await db.schema.alterTable("bulk_jobs").addColumn("lease_owner", "text").execute();
  await db.schema.alterTable("bulk_jobs").addColumn("lease_until", "bigint").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("bulk_jobs").dropColumn("lease_until").execute();
  await db.schema.alterTable("bulk_jobs").dropColumn("lease_owner").execute();
  await db.schema.dropTable("upstream_turns").execute();
}

import type { Kysely } from "kysely";

// Failed password sign-ins per account (lower-cased email), kept in the database so a restart doesn't
// reset a lockout.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sign_in_lockouts")
    .addColumn("email", "text", (col) => col.primaryKey())
    .addColumn("failures", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("window_start", "bigint", (col) => col.notNull())
    .addColumn("locked_until", "bigint", (col) => col.notNull().defaultTo(0))
    .addColumn("lockouts", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("sign_in_lockouts").execute();
}

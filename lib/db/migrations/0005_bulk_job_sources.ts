import type { Kysely } from "kysely";

// A job keeps the file it came from (its headers) and every row's cells, skipped rows too, so the results
// file has the original columns for every line of the file.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("bulk_jobs").addColumn("source_json", "text").execute();
  await db.schema
    .alterTable("bulk_jobs")
    .addColumn("skipped_rows", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("bulk_job_rows").addColumn("cells_json", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("bulk_job_rows").dropColumn("cells_json").execute();
  await db.schema.alterTable("bulk_jobs").dropColumn("skipped_rows").execute();
  await db.schema.alterTable("bulk_jobs").dropColumn("source_json").execute();
}

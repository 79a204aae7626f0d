import type { Kysely } from "kysely";

// Bulk jobs and their rows, kept so a job outlives the browser tab and a restart; the history row of each
// send carries its job.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("bulk_jobs")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addColumn("started_by", "text", (col) => col.notNull())
    .addColumn("environment_id", "text")
    .addColumn("environment", "text", (col) => col.notNull())
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("mode", "text", (col) => col.notNull())
    .addColumn("state", "text", (col) => col.notNull())
    .addColumn("state_reason", "text")
    .addColumn("retry_of", "text")
    .addColumn("total_rows", "integer", (col) => col.notNull())
    // Kept with each row's outcome, so a list of jobs needs no count over their rows.
    .addColumn("sent_rows", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("failed_rows", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("finished_at", "bigint")
    // Bulk API mode: Userpilot's job of the chunk being processed.
    .addColumn("upstream_job", "text")
    .execute();
  await db.schema.createIndex("bulk_jobs_created").on("bulk_jobs").columns(["created_at", "id"]).execute();
  await db.schema.createIndex("bulk_jobs_state").on("bulk_jobs").column("state").execute();

  await db.schema
    .createTable("bulk_job_rows")
    .addColumn("job_id", "text", (col) => col.notNull().references("bulk_jobs.id").onDelete("cascade"))
    .addColumn("idx", "integer", (col) => col.notNull())
    .addColumn("line", "integer", (col) => col.notNull())
    .addColumn("record_id", "text", (col) => col.notNull())
    .addColumn("values_json", "text", (col) => col.notNull())
    .addColumn("state", "text", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("http_status", "integer")
    .addColumn("message", "text")
    .addColumn("history_id", "text")
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("bulk_job_rows_pk", ["job_id", "idx"])
    .execute();
  await db.schema
    .createIndex("bulk_job_rows_state")
    .on("bulk_job_rows")
    .columns(["job_id", "state", "idx"])
    .execute();

  await db.schema.alterTable("requests").addColumn("job_id", "text").execute();
  await db.schema.createIndex("requests_job_created").on("requests").columns(["job_id", "created_at", "id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("requests_job_created").execute();
  await db.schema.alterTable("requests").dropColumn("job_id").execute();
  await db.schema.dropTable("bulk_job_rows").execute();
  await db.schema.dropTable("bulk_jobs").execute();
}

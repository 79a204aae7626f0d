import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("requests")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addColumn("environment", "text", (col) => col.notNull())
    .addColumn("sent_by", "text")
    .addColumn("source", "text", (col) => col.notNull())
    .addColumn("replay_of", "text")
    .addColumn("user_id", "text", (col) => col.notNull())
    .addColumn("company_id", "text")
    .addColumn("property_count", "integer", (col) => col.notNull())
    .addColumn("form_values", "text", (col) => col.notNull())
    .addColumn("request_body", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("outcome", "text", (col) => col.notNull())
    .addColumn("status_code", "integer")
    .addColumn("response_body", "text")
    .addColumn("upstream_request_id", "text")
    .addColumn("latency_ms", "integer")
    .addColumn("attempts", "text", (col) => col.notNull().defaultTo("[]"))
    .addColumn("error_message", "text")
    .execute();

  // Every list query orders by (created_at, id) after one optional equality filter.
  await db.schema.createIndex("requests_created").on("requests").columns(["created_at", "id"]).execute();
  await db.schema
    .createIndex("requests_user_created")
    .on("requests")
    .columns(["user_id", "created_at", "id"])
    .execute();
  await db.schema
    .createIndex("requests_company_created")
    .on("requests")
    .columns(["company_id", "created_at", "id"])
    .execute();
  await db.schema
    .createIndex("requests_outcome_created")
    .on("requests")
    .columns(["outcome", "created_at", "id"])
    .execute();
  await db.schema.createIndex("requests_replay_of").on("requests").column("replay_of").execute();

  await db.schema
    .createTable("sandbox_users")
    .addColumn("user_id", "text", (col) => col.primaryKey())
    .addColumn("metadata", "text", (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("company_id", "text")
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("sandbox_users_company").on("sandbox_users").column("company_id").execute();

  await db.schema
    .createTable("sandbox_companies")
    .addColumn("company_id", "text", (col) => col.primaryKey())
    .addColumn("metadata", "text", (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("sandbox_companies").execute();
  await db.schema.dropTable("sandbox_users").execute();
  await db.schema.dropTable("requests").execute();
}

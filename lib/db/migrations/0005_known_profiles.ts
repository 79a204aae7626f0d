import type { Kysely } from "kysely";

// Known profiles: what this console sent and Userpilot accepted, folded in accepted order, per environment;
// and the type registry (how often each property name was sent as each type). Kept up to date on each
// accepted send, rebuilt from the history by `npm run profiles:rebuild`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("profile_users")
    .addColumn("environment_id", "text", (col) => col.notNull())
    .addColumn("user_id", "text", (col) => col.notNull())
    .addColumn("company_id", "text")
    .addColumn("last_sent_at", "bigint", (col) => col.notNull())
    .addColumn("last_history_id", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("profile_users_pk", ["environment_id", "user_id"])
    .execute();
  // A company's known members.
  await db.schema
    .createIndex("profile_users_company")
    .on("profile_users")
    .columns(["environment_id", "company_id", "user_id"])
    .execute();

  await db.schema
    .createTable("profile_companies")
    .addColumn("environment_id", "text", (col) => col.notNull())
    .addColumn("company_id", "text", (col) => col.notNull())
    .addColumn("last_sent_at", "bigint", (col) => col.notNull())
    .addColumn("last_history_id", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("profile_companies_pk", ["environment_id", "company_id"])
    .execute();

  // One table for both groups' properties: owner_id is the user id or the company id.
  await db.schema
    .createTable("profile_properties")
    .addColumn("environment_id", "text", (col) => col.notNull())
    .addColumn("grp", "text", (col) => col.notNull())
    .addColumn("owner_id", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("value", "text", (col) => col.notNull())
    .addColumn("type", "text", (col) => col.notNull())
    .addColumn("changed_at", "bigint", (col) => col.notNull())
    .addColumn("changed_by", "text")
    .addColumn("history_id", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("profile_properties_pk", ["environment_id", "grp", "owner_id", "name"])
    .execute();

  await db.schema
    .createTable("property_types")
    .addColumn("environment_id", "text", (col) => col.notNull())
    .addColumn("grp", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("type", "text", (col) => col.notNull())
    .addColumn("count", "integer", (col) => col.notNull())
    .addColumn("first_sent_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("property_types_pk", ["environment_id", "grp", "name", "type"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("property_types").execute();
  await db.schema.dropTable("profile_properties").execute();
  await db.schema.dropTable("profile_companies").execute();
  await db.schema.dropIndex("profile_users_company").execute();
  await db.schema.dropTable("profile_users").execute();
}

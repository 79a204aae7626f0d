import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect";

// The auth tables follow the auth library's (better-auth) schema for SQLite, with its admin plugin's fields.
const AUTH_TABLES = [
  `create table "user" ("id" text not null primary key, "name" text not null, "email" text not null unique, "emailVerified" integer not null, "image" text, "createdAt" date not null, "updatedAt" date not null, "role" text, "banned" integer, "banReason" text, "banExpires" date)`,
  `create table "session" ("id" text not null primary key, "expiresAt" date not null, "token" text not null unique, "createdAt" date not null, "updatedAt" date not null, "ipAddress" text, "userAgent" text, "userId" text not null references "user" ("id") on delete cascade, "impersonatedBy" text)`,
  `create table "account" ("id" text not null primary key, "accountId" text not null, "providerId" text not null, "userId" text not null references "user" ("id") on delete cascade, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" date, "refreshTokenExpiresAt" date, "scope" text, "password" text, "createdAt" date not null, "updatedAt" date not null)`,
  `create table "verification" ("id" text not null primary key, "identifier" text not null, "value" text not null, "expiresAt" date not null, "createdAt" date not null, "updatedAt" date not null)`,
  `create table "rateLimit" ("id" text not null primary key, "key" text not null unique, "count" integer not null, "lastRequest" bigint not null)`,
  `create index "session_userId_idx" on "session" ("userId")`,
  `create index "account_userId_idx" on "account" ("userId")`,
  `create index "verification_identifier_idx" on "verification" ("identifier")`,
];

// The same tables in PostgreSQL's types: the auth library writes booleans and dates as such there.
const postgresAuthTable = (statement: string) =>
  statement
    .replace(/"(emailVerified|banned)" integer/g, '"$1" boolean')
    .replace(/ date( not null)?([,)])/g, " timestamptz$1$2");

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  for (const statement of AUTH_TABLES) await sql.raw(postgres ? postgresAuthTable(statement) : statement).execute(db);

  await db.schema
    .createTable("environments")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("name", "text", (col) => col.notNull().unique())
    .addColumn("region", "text", (col) => col.notNull())
    .addColumn("base_url", "text")
    .addColumn("is_production", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("key_ciphertext", "text", (col) => col.notNull())
    .addColumn("key_last4", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("settings")
    .addColumn("name", "text", (col) => col.primaryKey())
    .addColumn("value", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", postgres ? "serial" : "integer", (col) => (postgres ? col.primaryKey() : col.primaryKey().autoIncrement()))
    .addColumn("at", "bigint", (col) => col.notNull())
    .addColumn("actor", "text", (col) => col.notNull())
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("target", "text")
    .addColumn("details", "text", (col) => col.notNull().defaultTo("{}"))
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();

  await db.schema
    .createTable("setup_tokens")
    .addColumn("token_hash", "text", (col) => col.primaryKey())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("used_at", "bigint")
    .execute();

  await db.schema.alterTable("requests").addColumn("environment_id", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["setup_tokens", "audit_log", "settings", "environments", "rateLimit", "verification", "account", "session", "user"]) {
    await db.schema.dropTable(table).execute();
  }
}

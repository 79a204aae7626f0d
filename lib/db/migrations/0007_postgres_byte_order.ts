import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect";

// The history's filters and cursors compare ids as SQLite does, byte by byte: a prefix is the range
// [prefix, prefix + U+10FFFF), and pages go by (created_at, id). PostgreSQL's default collation sorts by
// language rules (it may skip punctuation), so these columns compare in byte order there too. SQLite: nothing.
const BYTE_ORDER_COLUMNS = ["id", "user_id", "company_id"] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const column of BYTE_ORDER_COLUMNS) {
    await sql`alter table requests alter column ${sql.ref(column)} type text collate "C"`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const column of BYTE_ORDER_COLUMNS) {
    await sql`alter table requests alter column ${sql.ref(column)} type text collate "default"`.execute(db);
  }
}

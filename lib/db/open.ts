import "server-only";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator } from "kysely";
import { migrationProvider } from "./migrations";
import { queuedSqliteDialect } from "./queued-sqlite-dialect";
import type { Database } from "./schema";

/** Opens (creating if needed) a SQLite database file and brings its schema up to date. */
export async function openDatabase(file: string): Promise<Kysely<Database>> {
  const db = connectDatabase(file);
  await migrate(db);
  return db;
}

/** Opens the file without touching its schema; `migrate` before use. */
export function connectDatabase(file: string): Kysely<Database> {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  // Each send writes its row twice; checkpointing every 4,000 WAL pages instead of 1,000 copies the pages
  // those writes share once instead of four times, and blocks the event loop a quarter as often
  // (docs/performance.md). The WAL then peaks near 16 MB instead of 4 MB.
  sqlite.pragma("wal_autocheckpoint = 4000");
  // Concurrent sends from several requests wait for the write lock instead of failing.
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  return new Kysely<Database>({ dialect: queuedSqliteDialect(withStatementCache(sqlite)) });
}

const STATEMENT_CACHE_SIZE = 200;

/**
 * Kysely prepares every query anew, and SQLite parsing and planning the same SQL again costs more than
 * running it. Statements are keyed by their SQL (values are bound, never inlined); Kysely runs them with
 * all() and run(), which finish before anything else can use the same statement.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        const oldest = cache.keys().next();
        if (cache.size >= STATEMENT_CACHE_SIZE && !oldest.done) cache.delete(oldest.value);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}

import "server-only";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, type KyselyConfig, Migrator, PostgresDialect } from "kysely";
import pg from "pg";
import { migrationState } from "./migration-state";
import { migrationProvider } from "./migrations";
import { queuedSqliteDialect } from "./queued-sqlite-dialect";
import type { Database } from "./schema";

/**
 * Opens a SQLite file (created if needed) or, for a postgres:// URL, a PostgreSQL database, and brings its
 * schema up to date.
 */
export async function openDatabase(location: string): Promise<Kysely<Database>> {
  const db = connectDatabase(location);
  await migrate(db);
  return db;
}

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);

/** Opens a SQLite file path or a postgres:// URL without touching its schema; `migrate` before use. */
export function connectDatabase(location: string, options: Pick<KyselyConfig, "log"> = {}): Kysely<Database> {
  return isPostgresUrl(location) ? connectPostgres(location, options) : connectSqlite(location, options);
}

const POSTGRES_BIGINT = 20;
const POOL_SIZE = 10;

function connectPostgres(url: string, options: Pick<KyselyConfig, "log">): Kysely<Database> {
  // Times and counts are bigint columns; every one of them fits in a JS number, which the stores expect.
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === POSTGRES_BIGINT ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, types });
  // An idle client losing its server (a restart, a failover) must not take the process down with it.
  pool.on("error", (error) => console.error(`PostgreSQL: ${error.message}`));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...options });
}

function connectSqlite(file: string, options: Pick<KyselyConfig, "log">): Kysely<Database> {
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
  return new Kysely<Database>({ dialect: queuedSqliteDialect(withStatementCache(sqlite)), ...options });
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

/** Brings the schema up to date; on PostgreSQL under an advisory lock, so servers starting together wait their turn. */
export async function migrate(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  // Kysely refuses a database with migrations it doesn't know; during a rolling deploy that is an older
  // server restarting after a newer one migrated, and since migrations are additive it can run as it is.
  if (error && !failed && (await isAhead(db))) return;
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}

async function isAhead(db: Kysely<Database>): Promise<boolean> {
  try {
    return (await migrationState(db)).state === "ahead";
  } catch {
    return false;
  }
}

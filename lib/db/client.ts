import "server-only";
import type { Kysely } from "kysely";
import { databaseKind, env, sqlitePath } from "@/lib/env";
import { connectDatabase, migrate } from "./open";
import type { Database } from "./schema";

type Connection = { kysely: Kysely<Database>; ready: Promise<Kysely<Database>> };

// One connection per server process; Next may evaluate this module in several bundles, so it lives on
// globalThis.
const holder = globalThis as typeof globalThis & { __identifyConsoleDb?: Connection };

function connection(): Connection {
  if (!holder.__identifyConsoleDb) {
    const config = env();
    const kysely = connectDatabase(databaseKind(config) === "postgres" ? config.DATABASE_URL : sqlitePath(config));
    holder.__identifyConsoleDb = { kysely, ready: migrate(kysely).then(() => kysely) };
  }
  return holder.__identifyConsoleDb;
}

/** The database, once its migrations have run. */
export function db(): Promise<Kysely<Database>> {
  return connection().ready;
}

/**
 * The same connection without waiting, for libraries that need an instance up front (the auth library);
 * the server runs the migrations at start, before it answers any request.
 */
export function databaseNow(): Kysely<Database> {
  return connection().kysely;
}

// Test helper: a fresh, empty database for one test or test file, on whichever kind this run tests.
// `npm test` runs the store tests twice: on SQLite files, then with TEST_DATABASE_KIND=postgres on the
// PostgreSQL server TEST_DATABASE_URL names (vitest.postgres.config.mts), each database a copy of one
// migrated template (lib/testing/postgres-global-setup.ts), so a fresh one costs milliseconds.
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { openDatabase } from "@/lib/db/open";
import type { Database } from "@/lib/db/schema";
import { runOn, urlWithDatabase } from "./postgres-admin";

export type TestDatabaseKind = "sqlite" | "postgres";

export const TEST_DATABASE_PREFIX = "ict_";
export const TEMPLATE_DATABASE = `${TEST_DATABASE_PREFIX}template`;

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.TEST_DATABASE_KIND === "postgres" ? "postgres" : "sqlite";
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_KIND=postgres needs TEST_DATABASE_URL (postgres://user@host:port/database)");
  return url;
}

/** The test server's URL with another database name. */
export function databaseUrlNamed(name: string): string {
  return urlWithDatabase(serverUrl(), name);
}

/** Runs `statement` on the test server's maintenance connection. */
export async function onServer(statement: string): Promise<void> {
  await runOn(serverUrl(), statement);
}

/**
 * A new database's DATABASE_URL: `file:<dir>/<file>` on SQLite (the file is made on first use), or a new
 * PostgreSQL database, already migrated (a copy of the template).
 */
export async function freshDatabaseUrl(dir: string, file = "test.db"): Promise<string> {
  if (testDatabaseKind() === "sqlite") return file === ":memory:" ? "file::memory:" : `file:${path.join(dir, file)}`;
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(6).toString("hex")}`;
  await onServer(`create database "${name}" template "${TEMPLATE_DATABASE}"`);
  return databaseUrlNamed(name);
}

/** The location openDatabase takes for a DATABASE_URL: the file's path, or the URL itself. */
export function locationOf(databaseUrl: string): string {
  return databaseUrl.startsWith("file:") ? databaseUrl.slice("file:".length) : databaseUrl;
}

/** A fresh database, opened and migrated. */
export async function openFreshDatabase(dir: string, file = "test.db"): Promise<Kysely<Database>> {
  return openDatabase(locationOf(await freshDatabaseUrl(dir, file)));
}

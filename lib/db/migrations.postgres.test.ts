// PostgreSQL only (*.postgres.test.ts: vitest.postgres.config.mts): the migrations on an empty PostgreSQL database, as several
// servers starting at once run them, and the schema they make compared with SQLite's.
import { randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { databaseUrlNamed, onServer, TEST_DATABASE_PREFIX } from "@/lib/testing/test-database";
import { migrationProvider } from "./migrations";
import { connectDatabase, migrate, openDatabase } from "./open";
import type { Database } from "./schema";

/** A new database with nothing in it (not a copy of the migrated template). */
async function emptyDatabaseUrl(): Promise<string> {
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_empty_${randomBytes(4).toString("hex")}`;
  await onServer(`create database "${name}"`);
  return databaseUrlNamed(name);
}

type Column = { table: string; column: string };

async function postgresColumns(database: Kysely<Database>): Promise<Column[]> {
  const { rows } = await sql<Column>`
    select c.table_name as "table", c.column_name as "column"
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(database);
  return rows;
}

async function sqliteColumns(database: Kysely<Database>): Promise<Column[]> {
  const { rows } = await sql<Column>`
    select m.name as "table", p.name as "column"
    from sqlite_master m, pragma_table_info(m.name) p
    where m.type = 'table' and m.name not like 'sqlite_%'`.execute(database);
  return rows;
}

const tablesOf = (columns: Column[]) => [...new Set(columns.map((entry) => entry.table))].sort();
const sorted = (columns: Column[]) => columns.map((entry) => `${entry.table}.${entry.column}`).sort();

describe("the migrations on PostgreSQL", () => {
  it("run by two servers at once on one empty database, both succeed and apply each migration once", async () => {
    const url = await emptyDatabaseUrl();
    const first = connectDatabase(url);
    const second = connectDatabase(url);
    try {
      // Kysely's Migrator takes an advisory lock on PostgreSQL: the second waits, then finds nothing to do.
      await expect(Promise.all([migrate(first), migrate(second)])).resolves.toEqual([undefined, undefined]);
      const { rows } = await sql<{ name: string; n: number }>`
        select name, count(*) as n from kysely_migration group by name order by name`.execute(first);
      const expected = Object.keys(await migrationProvider.getMigrations()).sort();
      expect(rows).toEqual(expected.map((name) => ({ name, n: 1 })));
      // Every table is there once, usable by both.
      expect(tablesOf(await postgresColumns(second))).toContain("requests");
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });

  it("make every table and column the SQLite migrations make", async () => {
    const postgres = await openDatabase(await emptyDatabaseUrl());
    const sqlite = await openDatabase(":memory:");
    try {
      const onPostgres = await postgresColumns(postgres);
      const onSqlite = await sqliteColumns(sqlite);
      expect(tablesOf(onSqlite)).toEqual(expect.arrayContaining(["requests", "user", "session", "bulk_jobs", "profile_users"]));
      expect(tablesOf(onPostgres)).toEqual(tablesOf(onSqlite));
      expect(sorted(onPostgres)).toEqual(sorted(onSqlite));
    } finally {
      await Promise.all([postgres.destroy(), sqlite.destroy()]);
    }
  });
});

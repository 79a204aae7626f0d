import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type pg from "pg";
import { urlWithDatabase, withClient } from "../../lib/testing/postgres-admin";

/**
 * The end-to-end run's database, on either kind. Specs name a database by a file path, as on SQLite; with
 * E2E_DATABASE_URL (a PostgreSQL server's URL, set by scripts/test.mjs for its PostgreSQL run) each
 * distinct path maps to a database of its own on that server, with a name derived from the path, so a
 * server restarted on the same path finds its data.
 */
export const postgresServer: string | undefined = process.env.E2E_DATABASE_URL || undefined;

// Every PostgreSQL database the run makes is listed here, for globalTeardown to drop.
const made = path.resolve("reports/e2e/postgres-databases.txt");

export function databaseName(file: string): string {
  return `e2e_${createHash("sha256").update(path.resolve(file)).digest("hex").slice(0, 24)}`;
}

function serverUrl(database: string): string {
  return urlWithDatabase(postgresServer ?? "", database);
}

/** The DATABASE_URL of the app whose data lives at `file`. */
export function databaseUrlFor(file: string): string {
  return postgresServer ? serverUrl(databaseName(file)) : `file:${file}`;
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>, database = new URL(postgresServer ?? "").pathname.slice(1)): Promise<T> {
  return withClient(serverUrl(database), work);
}

/** Makes `file`'s PostgreSQL database unless it exists (a restart keeps its data); nothing on SQLite. */
export async function ensureDatabase(file: string): Promise<void> {
  if (!postgresServer) return;
  const name = databaseName(file);
  await onServer(async (client) => {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (rowCount) return;
    fs.mkdirSync(path.dirname(made), { recursive: true });
    fs.appendFileSync(made, `${name}\n`);
    await client.query(`create database "${name}"`).catch((error: { code?: string }) => {
      // 42P04: made meanwhile by another process.
      if (error.code !== "42P04") throw error;
    });
  });
}

/** An empty database at `file`: the SQLite file and its companions removed, or the PostgreSQL database made anew. */
export async function freshDatabase(file: string): Promise<void> {
  if (!postgresServer) {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    return;
  }
  await onServer((client) => client.query(`drop database if exists "${databaseName(file)}" with (force)`));
  await ensureDatabase(file);
}

/** Drops every PostgreSQL database this run made (the shared app's stays until the next run makes it anew). */
export async function dropDatabasesMade(keep: string[] = []): Promise<void> {
  if (!postgresServer || !fs.existsSync(made)) return;
  const names = new Set(fs.readFileSync(made, "utf8").split("\n").filter(Boolean));
  for (const name of keep.map(databaseName)) names.delete(name);
  await onServer(async (client) => {
    for (const name of names) await client.query(`drop database if exists "${name}" with (force)`);
  });
  fs.rmSync(made, { force: true });
}

/** Runs one statement on `file`'s database, `?` for each parameter, and returns its rows. */
export async function query<Row>(file: string, statement: string, params: unknown[] = []): Promise<Row[]> {
  if (!postgresServer) {
    const db = new Database(file);
    try {
      const prepared = db.prepare(statement);
      if (prepared.reader) return prepared.all(...params) as Row[];
      prepared.run(...params);
      return [];
    } finally {
      db.close();
    }
  }
  let n = 0;
  const numbered = statement.replace(/\?/g, () => `$${++n}`);
  return onServer(async (client) => (await client.query(numbered, params)).rows as Row[], databaseName(file));
}

/**
 * Everything stored in `file`'s database, to search for what must not be there: on SQLite the raw file
 * and its -wal and -shm companions (deleted rows linger in them), on PostgreSQL every row of every table
 * as text (bytea as hex).
 */
export async function databaseContents(file: string): Promise<{ where: string; content: Buffer }[]> {
  if (!postgresServer)
    return [file, `${file}-wal`, `${file}-shm`]
      .filter((f) => fs.existsSync(f))
      .map((f) => ({ where: f, content: fs.readFileSync(f) }));
  return onServer(async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      "select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE' order by 1",
    );
    const contents: { where: string; content: Buffer }[] = [];
    for (const { name } of tables) {
      const { rows } = await client.query<{ row: string }>(`select t::text as row from ${name} t`);
      contents.push({ where: `${databaseName(file)} ${name}`, content: Buffer.from(rows.map((r) => r.row).join("\n")) });
    }
    return contents;
  }, databaseName(file));
}

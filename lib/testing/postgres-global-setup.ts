// vitest globalSetup of the PostgreSQL run: one migrated template database before the tests, every
// database the run made dropped after them.
import { openDatabase } from "@/lib/db/open";
import { withClient } from "./postgres-admin";
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, databaseUrlNamed, onServer } from "./test-database";

async function dropTestDatabases(): Promise<void> {
  await withClient(process.env.TEST_DATABASE_URL ?? "", async (client) => {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like $1", [
      `${TEST_DATABASE_PREFIX}%`,
    ]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  });
}

export async function setup(): Promise<void> {
  await dropTestDatabases();
  await onServer(`create database "${TEMPLATE_DATABASE}"`);
  const template = await openDatabase(databaseUrlNamed(TEMPLATE_DATABASE));
  await template.destroy();
}

export async function teardown(): Promise<void> {
  await dropTestDatabases();
}

import "server-only";
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import { isPostgres } from "./dialect";
import type { Database } from "./schema";

// Periodic work that several servers on one PostgreSQL database must not all do at once (retention purges):
// whoever holds the task's advisory lock does it, and the others skip this round. SQLite has one server.
const TASK_LOCK_CLASS = 0x1dc1;

export type ServerTask = "history-retention" | "bulk-retention" | "first-admin";

const lockedSchema = z.object({ locked: z.boolean() });

/**
 * Runs `work` unless another server is doing the same task now (then: undefined, nothing done). On
 * PostgreSQL the work runs in a transaction holding the task's lock (pg_try_advisory_xact_lock).
 */
export async function onOneServer<T>(
  database: Kysely<Database>,
  task: ServerTask,
  work: (connection: Kysely<Database>) => Promise<T>,
): Promise<T | undefined> {
  if (!isPostgres(database)) return work(database);
  return database.transaction().execute(async (tx) => {
    const result = await sql`select pg_try_advisory_xact_lock(${TASK_LOCK_CLASS}, hashtext(${task})) as locked`.execute(tx);
    if (!lockedSchema.parse(result.rows[0]).locked) return undefined;
    return work(tx);
  });
}

/**
 * Runs `work` once no other server is doing the same task, waiting for it (the servers take turns); on
 * PostgreSQL a session advisory lock held on one pooled connection while `work` runs (work may use others).
 */
export async function inTurnAcrossServers<T>(
  database: Kysely<Database>,
  task: ServerTask,
  work: () => Promise<T>,
): Promise<T> {
  if (!isPostgres(database)) return work();
  return database.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${TASK_LOCK_CLASS}, hashtext(${task}))`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${TASK_LOCK_CLASS}, hashtext(${task}))`.execute(connection);
    }
  });
}

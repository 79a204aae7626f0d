import "server-only";
import { sql, type Kysely } from "kysely";
import { isPostgres } from "./dialect";
import type { Database } from "./schema";

// One advisory lock for every check-then-write transaction on PostgreSQL: the same serial order SQLite's
// single write lock gives, across every server on the database.
const WRITE_LOCK = 0x1dc0_0001;

/**
 * Runs `work` inside BEGIN IMMEDIATE (on PostgreSQL: a transaction holding one shared advisory lock): the write lock is taken before the first read, so a check and the
 * write that depends on it can't interleave with another writer (another request in this process waits on
 * Kysely's single-connection mutex, another process on SQLite's lock). Throwing rolls back.
 */
export async function immediateTransaction<T>(
  database: Kysely<Database>,
  work: (connection: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (isPostgres(database)) {
    return database.transaction().execute(async (transaction) => {
      await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(transaction);
      return work(transaction);
    });
  }
  return database.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

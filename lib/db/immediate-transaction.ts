import "server-only";
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema";

/**
 * Runs `work` inside BEGIN IMMEDIATE: the write lock is taken before the first read, so a check and the
 * write that depends on it can't interleave with another writer (another request in this process waits on
 * Kysely's single-connection mutex, another process on SQLite's lock). Throwing rolls back.
 */
export async function immediateTransaction<T>(
  database: Kysely<Database>,
  work: (connection: Kysely<Database>) => Promise<T>,
): Promise<T> {
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

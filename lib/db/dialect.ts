import { PostgresAdapter } from "kysely";

type HasExecutor = { getExecutor(): { readonly adapter: unknown } };

/**
 * Whether this connection speaks PostgreSQL. Query code is shared by both dialects; where they must differ
 * (scalar min/max, locking, index hints), the store asks here, in one place per store.
 */
export function isPostgres(database: HasExecutor): boolean {
  return database.getExecutor().adapter instanceof PostgresAdapter;
}

type HasExecutor = { getExecutor(): { readonly adapter: { readonly supportsTransactionalDdl: boolean } } };

/**
 * Whether this connection speaks PostgreSQL. Query code is shared by both dialects; where they must differ
 * (scalar min/max, locking, index hints), the store asks here, in one place per store.
 *
 * Not `instanceof PostgresAdapter`: Next bundles kysely into several chunks, and the one connection (made
 * at start, kept on globalThis) is then seen from chunks whose PostgresAdapter is another class. Of the two
 * dialects the app opens, only PostgreSQL's adapter runs DDL in transactions.
 */
export function isPostgres(database: HasExecutor): boolean {
  return database.getExecutor().adapter.supportsTransactionalDdl;
}

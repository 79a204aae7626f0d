import pg from "pg";

// The benchmarks' PostgreSQL databases: made for a run on the server BENCH_DATABASE_URL (or
// TEST_DATABASE_URL) names, dropped after.

/** The server's URL with another database name. */
export function databaseUrlNamed(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on its own connection (CREATE/DROP DATABASE can't run in a transaction). */
export async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

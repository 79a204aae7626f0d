import pg from "pg";

// The databases tests and benchmarks make and drop on a PostgreSQL server, each statement on a connection
// of its own (CREATE/DROP DATABASE can't run in a transaction).

/** The server's URL with another database name. */
export function urlWithDatabase(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `work` on a new connection to `url`, closed after. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs one statement on its own connection to `url`. */
export async function runOn(url: string, statement: string): Promise<void> {
  await withClient(url, (client) => client.query(statement));
}

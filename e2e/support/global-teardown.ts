import { dropDatabasesMade } from "./database";
import { E2E } from "./settings";

// PostgreSQL runs: the databases of the servers tests started go; the shared app's (still serving) stays
// until the next run makes it anew.
export default async function globalTeardown(): Promise<void> {
  await dropDatabasesMade([E2E.databaseFile]);
}

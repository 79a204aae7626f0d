import "server-only";
import { databaseKind, type DatabaseKind } from "@/lib/env";
import { db } from "./client";
import { migrationState, type MigrationState } from "./migration-state";
import { lastWriteFailure } from "./write-health";

type DatabaseHealth = {
  database: "ok" | "unreachable" | "failing";
  reason: string | null;
  /** Which kind of database, never where it is: the URL can carry a password. */
  kind: DatabaseKind;
  /** Unknown (null) while the database doesn't answer. */
  migrations: MigrationState | null;
};

/**
 * Whether the database answers and took the last history write ("failing" carries the reason in words),
 * which kind it is, and whether its migrations are the ones this build knows.
 */
export async function databaseHealth(): Promise<DatabaseHealth> {
  const kind = databaseKind();
  let migrations: MigrationState;
  try {
    migrations = await migrationState(await db());
  } catch {
    return { database: "unreachable", reason: null, kind, migrations: null };
  }
  const reason = lastWriteFailure();
  return { database: reason === null ? "ok" : "failing", reason, kind, migrations };
}

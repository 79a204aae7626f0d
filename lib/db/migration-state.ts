import "server-only";
import { DEFAULT_MIGRATION_TABLE, sql, type Kysely } from "kysely";
import { z } from "zod";
import { migrationProvider } from "./migrations";

/**
 * Whether the database's applied migrations are the ones this build knows. "ahead" is what an older server
 * sees during a rolling deploy once a newer one has migrated (migrations are additive, so it keeps running);
 * "behind" lists the migrations this build would still apply.
 */
export type MigrationState =
  | { state: "current" }
  | { state: "behind"; pending: string[]; unknown: string[] }
  | { state: "ahead"; unknown: string[] };

const appliedRowsSchema = z.array(z.object({ name: z.string() }));

export async function knownMigrationNames(): Promise<string[]> {
  return Object.keys(await migrationProvider.getMigrations()).sort();
}

/** Compares the migrations recorded in the database with `known` (this build's, by default). */
export async function migrationState<T>(db: Kysely<T>, known?: readonly string[]): Promise<MigrationState> {
  const knownNames = known ?? (await knownMigrationNames());
  const { rows } = await sql`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
  const applied = new Set(appliedRowsSchema.parse(rows).map((row) => row.name));
  const pending = knownNames.filter((name) => !applied.has(name));
  const unknown = [...applied].filter((name) => !knownNames.includes(name)).sort();
  if (pending.length > 0) return { state: "behind", pending, unknown };
  if (unknown.length > 0) return { state: "ahead", unknown };
  return { state: "current" };
}

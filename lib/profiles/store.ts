import "server-only";
import { sql, type Compilable, type Kysely, type Transaction } from "kysely";
import { isPostgres } from "@/lib/db/dialect";
import { rowValues, StatementShapes } from "@/lib/db/statement-shapes";
import type { Database, ProfileCompaniesTable, ProfilePropertiesTable, ProfileUsersTable, PropertyTypesTable } from "@/lib/db/schema";
import { changesOf, propertyRow, type AcceptedSend, type PropertyChange } from "./fold";

type SetChange = Extract<PropertyChange, { kind: "set" }>;
type RemoveChange = Extract<PropertyChange, { kind: "remove" }>;

// The one owner of the known-profile tables: writes accepted sends, several at a time, in accepted order.

type Writer = Kysely<Database> | Transaction<Database>;

// Bound parameters per statement: SQLite allows 32,766, PostgreSQL 65,535; a profile row has at most 9 columns.
const ROWS_PER_STATEMENT = 3000;

/**
 * Folds one accepted send into the known profiles and the type registry, in one transaction. A change older
 * than the one on record (two sends of one user finishing at once) does not overwrite the newer one.
 */
export async function applySend(database: Kysely<Database>, send: AcceptedSend): Promise<void> {
  await database.transaction().execute((trx) => writeSends(trx, [send]));
}

const key = (...parts: string[]) => parts.join("\u0000");

/** Of two rows for one key, the one written last wins unless it is older (the upserts' `>=` below). */
const later = <R>(earlier: R | undefined, next: R, at: (row: R) => number): R =>
  earlier === undefined || at(next) >= at(earlier) ? next : earlier;

/**
 * Several accepted sends (in accepted order) with one statement per table, leaving exactly the rows that
 * writing them one by one leaves (`store.test.ts` holds the two to the same tables): per key, the latest
 * change wins as the upserts below decide it, type counts add up, and a user named twice is written in
 * turns (a send without a company keeps the company the one before it named). A removal of a property
 * another send of the group sets is order-dependent: such a group is written one send at a time.
 */
export async function writeSends(trx: Writer, sends: readonly AcceptedSend[]): Promise<void> {
  const userTurns: Map<string, ProfileUsersTable>[] = [];
  const userSeen = new Map<string, number>();
  const companies = new Map<string, ProfileCompaniesTable>();
  const sets = new Map<string, ProfilePropertiesTable>();
  const removes = new Map<string, { change: RemoveChange; environmentId: string; at: number }>();
  const types = new Map<string, PropertyTypesTable>();
  for (const send of sends) {
    const changes = changesOf(send);
    const env = send.environmentId;
    const at = send.acceptedAt;
    if (changes.user) {
      const id = key(env, changes.user.userId);
      const turn = userSeen.get(id) ?? 0;
      userSeen.set(id, turn + 1);
      (userTurns[turn] ??= new Map()).set(id, {
        environment_id: env,
        user_id: changes.user.userId,
        company_id: changes.user.companyId,
        last_sent_at: at,
        last_history_id: send.historyId,
      });
    }
    if (changes.company) {
      const id = key(env, changes.company.companyId);
      const row = { environment_id: env, company_id: changes.company.companyId, last_sent_at: at, last_history_id: send.historyId };
      companies.set(id, later(companies.get(id), row, (r) => r.last_sent_at));
    }
    for (const change of changes.properties) {
      const id = key(env, change.group, change.ownerId, change.name);
      if (change.kind === "remove") {
        const earlier = removes.get(id);
        removes.set(id, { change, environmentId: env, at: Math.max(at, earlier?.at ?? at) });
        continue;
      }
      sets.set(id, later(sets.get(id), propertyRow(send, change), (r) => r.changed_at));
      countType(types, env, change, at);
    }
  }
  if (sends.length > 1 && [...removes.keys()].some((id) => sets.has(id))) {
    for (const send of sends) await writeSends(trx, [send]);
    return;
  }
  for (const turn of userTurns) await upsertUsers(trx, byKey(turn));
  await upsertCompanies(trx, byKey(companies));
  await upsertProperties(trx, byKey(sets));
  await addTypeCounts(trx, byKey(types));
  for (const { change, environmentId, at } of removes.values()) {
    await trx
      .deleteFrom("profile_properties")
      .where("environment_id", "=", environmentId)
      .where("grp", "=", change.group)
      .where("owner_id", "=", change.ownerId)
      .where("name", "=", change.name)
      .where("changed_at", "<=", at)
      .execute();
  }
}

/**
 * Rows in key order: PostgreSQL locks an upsert's rows in the order given, so two servers' groups touching
 * the same rows lock them in the same order instead of deadlocking.
 */
const byKey = <R>(rows: Map<string, R>): R[] =>
  [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);

function countType(types: Map<string, PropertyTypesTable>, env: string, change: SetChange, at: number): void {
  const id = key(env, change.group, change.name, change.type);
  const counted = types.get(id);
  if (counted) {
    counted.count += 1;
    counted.first_sent_at = Math.min(counted.first_sent_at, at);
  } else {
    types.set(id, { environment_id: env, grp: change.group, name: change.name, type: change.type, count: 1, first_sent_at: at });
  }
}

/**
 * Rows in statements of at most ROWS_PER_STATEMENT, each statement's SQL written by Kysely once per shape and
 * reused (lib/db/statement-shapes.ts): every send runs these.
 */
async function inStatements<R extends object>(
  trx: Writer,
  shapes: StatementShapes,
  rows: readonly R[],
  build: (rows: R[]) => Compilable<unknown>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const batch = rows.slice(start, start + ROWS_PER_STATEMENT);
    await trx.executeQuery(shapes.compiled(trx, batch.length, rowValues(batch), () => build(batch)));
  }
}

// SQLite's scalar max/min are PostgreSQL's greatest/least.
const larger = (trx: Writer) => sql.raw(isPostgres(trx) ? "greatest" : "max");
const smaller = (trx: Writer) => sql.raw(isPostgres(trx) ? "least" : "min");

const upsertUsersShapes = new StatementShapes("the known users' upsert");

/** Rows with distinct keys. */
function upsertUsers(trx: Writer, rows: ProfileUsersTable[]) {
  return inStatements(trx, upsertUsersShapes, rows, (batch) =>
    trx
      .insertInto("profile_users")
      .values(batch)
      .onConflict((conflict) =>
        conflict.columns(["environment_id", "user_id"]).doUpdateSet({
          // A send without a company leaves the user where they are; an older send moves no one.
          company_id: sql<string | null>`case when excluded.last_sent_at >= profile_users.last_sent_at
            then coalesce(excluded.company_id, profile_users.company_id) else profile_users.company_id end`,
          last_history_id: sql<string>`case when excluded.last_sent_at >= profile_users.last_sent_at
            then excluded.last_history_id else profile_users.last_history_id end`,
          last_sent_at: sql<number>`${larger(trx)}(excluded.last_sent_at, profile_users.last_sent_at)`,
        }),
      ),
  );
}

const upsertCompaniesShapes = new StatementShapes("the known companies' upsert");

function upsertCompanies(trx: Writer, rows: ProfileCompaniesTable[]) {
  return inStatements(trx, upsertCompaniesShapes, rows, (batch) =>
    trx
      .insertInto("profile_companies")
      .values(batch)
      .onConflict((conflict) =>
        conflict.columns(["environment_id", "company_id"]).doUpdateSet({
          last_history_id: sql<string>`case when excluded.last_sent_at >= profile_companies.last_sent_at
            then excluded.last_history_id else profile_companies.last_history_id end`,
          last_sent_at: sql<number>`${larger(trx)}(excluded.last_sent_at, profile_companies.last_sent_at)`,
        }),
      ),
  );
}

const upsertPropertiesShapes = new StatementShapes("the known properties' upsert");

function upsertProperties(trx: Writer, rows: ProfilePropertiesTable[]) {
  return inStatements(trx, upsertPropertiesShapes, rows, (batch) =>
    trx
      .insertInto("profile_properties")
      .values(batch)
      .onConflict((conflict) =>
        conflict
          .columns(["environment_id", "grp", "owner_id", "name"])
          .doUpdateSet({
            value: (eb) => eb.ref("excluded.value"),
            type: (eb) => eb.ref("excluded.type"),
            changed_at: (eb) => eb.ref("excluded.changed_at"),
            changed_by: (eb) => eb.ref("excluded.changed_by"),
            history_id: (eb) => eb.ref("excluded.history_id"),
          })
          .where("excluded.changed_at", ">=", (eb) => eb.ref("profile_properties.changed_at")),
      ),
  );
}

const addTypeCountsShapes = new StatementShapes("the type registry's upsert");

function addTypeCounts(trx: Writer, rows: PropertyTypesTable[]) {
  return inStatements(trx, addTypeCountsShapes, rows, (batch) =>
    trx
      .insertInto("property_types")
      .values(batch)
      .onConflict((conflict) =>
        conflict.columns(["environment_id", "grp", "name", "type"]).doUpdateSet({
          count: sql<number>`property_types.count + excluded.count`,
          first_sent_at: sql<number>`${smaller(trx)}(property_types.first_sent_at, excluded.first_sent_at)`,
        }),
      ),
  );
}

/** Empties every known-profile table (before a rebuild). */
export async function clearProfiles(trx: Writer): Promise<void> {
  for (const table of ["profile_properties", "profile_users", "profile_companies", "property_types"] as const) {
    await trx.deleteFrom(table).execute();
  }
}

/** A deletion request: this user's known profile goes in every environment (the registry keeps no ids). */
export async function eraseKnownUser(database: Writer, userId: string): Promise<void> {
  await database.deleteFrom("profile_properties").where("grp", "=", "user").where("owner_id", "=", userId).execute();
  await database.deleteFrom("profile_users").where("user_id", "=", userId).execute();
}

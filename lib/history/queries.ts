import "server-only";
import { CompiledQuery, type Kysely, type SelectQueryBuilder, sql } from "kysely";
import { z } from "zod";
import type { Database } from "@/lib/db/schema";
import { isPostgres } from "@/lib/db/dialect";
import { decodeCursor, encodeCursor } from "./cursor";
import type { HistoryFilters } from "./filters";

const LIST_COLUMNS = [
  "id",
  "created_at",
  "environment",
  "sent_by",
  "source",
  "replay_of",
  "user_id",
  "company_id",
  "property_count",
  "status",
  "outcome",
  "upstream_request_id",
  "latency_ms",
] as const;

export type ListRow = Pick<Database["requests"], (typeof LIST_COLUMNS)[number]>;
type Query<O> = SelectQueryBuilder<Database, "requests", O>;

export type HistoryPage = { rows: ListRow[]; nextCursor: string | null };

// Below this many prefix matches, reading them through the id index and sorting is cheapest (the read
// touches the index alone, see page()); above it, walking the time index and skipping non-matches finds a
// page sooner. docs/performance.md has the measurements.
export const PREFIX_INDEX_THRESHOLD = 30_000;
const MAX_CHAR = "\u{10FFFF}";

/** One page of history, newest first, each filter served by an index (see docs/performance.md). */
export async function listHistory(
  db: Kysely<Database>,
  filters: HistoryFilters,
  options: { cursor?: string; limit: number },
): Promise<HistoryPage> {
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  const take = options.limit + 1;
  const useIdIndex = filters.match === "exact" || (await prefixIsNarrow(db, filters));

  // A user or company matches far fewer rows than an outcome does: read its index whatever the statistics
  // say (without ANALYZE, SQLite may walk every "accepted" row looking for one quiet user's). PostgreSQL
  // keeps statistics and chooses well; hidden there, the outcome would be estimated at 0.5% of the rows and
  // every row of the user read and sorted instead of walking its index until a page matches.
  const outcomeRef =
    useIdIndex && (filters.user || filters.company) && !isPostgres(db) ? withoutIndex(db, "outcome") : sql.ref("outcome");

  const page = (outcome?: string) => {
    // The page's ids first: on (user_id | company_id, created_at, id) that read needs no table row per
    // match, which is what makes a prefix with thousands of matches cheap; then the columns of the page.
    let ids = applyFilters(db, db.selectFrom("requests").select("id"), filters, useIdIndex);
    if (outcome) ids = ids.where(outcomeRef, "=", outcome);
    if (after) {
      ids = ids.where((eb) => eb(eb.refTuple("created_at", "id"), "<", eb.tuple(after.createdAt, after.id)));
    }
    return db
      .selectFrom("requests")
      .select([...LIST_COLUMNS])
      .where("id", "in", ids.orderBy(pageOrder(db, filters, useIdIndex), "desc").orderBy("id", "desc").limit(take))
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
  };

  // Several outcomes: one indexed query each, merged, instead of a sort over every matching row.
  const batches = filters.outcome.length > 0 ? await Promise.all(filters.outcome.map(page)) : [await page()];
  const merged = batches
    .flat()
    .sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, take);

  const hasMore = merged.length > options.limit;
  const rows = merged.slice(0, options.limit);
  const last = rows.at(-1);
  return { rows, nextCursor: hasMore && last ? encodeCursor(last.created_at, last.id) : null };
}

/** The column in an expression the planner can't answer from its index (SQLite's unary +; text || '' on PostgreSQL). */
function withoutIndex(db: Kysely<Database>, column: "outcome" | "user_id" | "company_id") {
  return isPostgres(db) ? sql`(${sql.ref(column)} || '')` : sql`+${sql.ref(column)}`;
}

/**
 * What the page's ids are ordered by. PostgreSQL estimates a prefix's matches as spread evenly over time, so
 * for a narrow prefix whose rows are all old (one bulk import) it would walk the time index through most of
 * the table; ordered by an expression, the page can't come from the time index and is read through the id
 * index, as on SQLite. docs/performance.md, PostgreSQL.
 */
function pageOrder(db: Kysely<Database>, filters: HistoryFilters, useIdIndex: boolean) {
  return useIdIndex && filters.match === "prefix" && isPostgres(db) ? sql`${sql.ref("created_at")} + 0` : sql.ref("created_at");
}

function applyFilters<O>(db: Kysely<Database>, query: Query<O>, filters: HistoryFilters, useIdIndex: boolean): Query<O> {
  let result = query;
  for (const [column, value] of [
    ["user_id", filters.user],
    ["company_id", filters.company],
  ] as const) {
    if (!value) continue;
    if (filters.match === "exact") {
      result = result.where(column, "=", value);
    } else {
      // Keeps the planner off the id index when walking the time index is the better plan.
      const ref = useIdIndex ? sql.ref(column) : withoutIndex(db, column);
      result = result.where(ref, ">=", value).where(ref, "<", `${value}${MAX_CHAR}`);
    }
  }
  if (filters.from !== undefined) result = result.where("created_at", ">=", filters.from);
  if (filters.to !== undefined) result = result.where("created_at", "<=", filters.to);
  if (filters.job) result = result.where("job_id", "=", filters.job);
  return result;
}

async function prefixIsNarrow(db: Kysely<Database>, filters: HistoryFilters): Promise<boolean> {
  const column = filters.user ? "user_id" : filters.company ? "company_id" : undefined;
  const value = filters.user ?? filters.company;
  if (!column || !value) return false;
  const matches = db
    .selectFrom("requests")
    .select(sql<number>`1`.as("one"))
    .where(column, ">=", value)
    .where(column, "<", `${value}${MAX_CHAR}`);
  if (isPostgres(db)) return (await plannedRows(db, matches.compile())) < PREFIX_INDEX_THRESHOLD;
  const { count } = await db
    .selectFrom(matches.limit(PREFIX_INDEX_THRESHOLD).as("matches"))
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(count) < PREFIX_INDEX_THRESHOLD;
}

const explainSchema = z.tuple([z.object({ Plan: z.object({ "Plan Rows": z.number() }) })]);

/**
 * PostgreSQL's estimate of a query's rows, from its column statistics: a prefix's matches within some
 * percent for a fraction of a millisecond, where counting up to the threshold reads 30,000 index entries
 * (docs/performance.md, PostgreSQL). A wrong side of the threshold costs time, never a wrong page.
 */
async function plannedRows(db: Kysely<Database>, query: CompiledQuery): Promise<number> {
  const { rows } = await db.executeQuery<{ "QUERY PLAN": unknown }>(
    CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
  );
  return explainSchema.parse(rows[0]?.["QUERY PLAN"])[0].Plan["Plan Rows"];
}

export async function getRequest(db: Kysely<Database>, id: string) {
  return db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function countForUser(db: Kysely<Database>, userId: string): Promise<number> {
  const { count } = await db
    .selectFrom("requests")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Erasure for a deletion request: every row of one user id. */
export async function purgeUser(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom("requests").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Retention: rows older than the cut-off go. */
export async function purgeOlderThan(db: Kysely<Database>, cutoffMs: number): Promise<number> {
  const result = await db.deleteFrom("requests").where("created_at", "<", cutoffMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Which rows of a stopped server to mark: all pending before a time (one server), or those of servers gone. */
export type InterruptedRows =
  | { startedBefore: number }
  | { serversGone: readonly string[]; unnamedStartedBefore: number };

/** After a crash a pending row can't be finished: say so instead of leaving it pending forever. */
export async function markInterruptedAsUnknown(db: Kysely<Database>, rows: InterruptedRows): Promise<number> {
  const result = await db
    .updateTable("requests")
    .set({
      status: "unknown",
      outcome: "unknown",
      updated_at: Date.now(),
      error_message: "The server stopped while this request was in flight: check Userpilot before resending.",
    })
    .where("outcome", "=", "pending")
    .where((eb) => {
      if ("startedBefore" in rows) return eb("created_at", "<", rows.startedBefore);
      const unnamed = eb.and([eb("server_id", "is", null), eb("created_at", "<", rows.unnamedStartedBefore)]);
      return rows.serversGone.length > 0 ? eb.or([unnamed, eb("server_id", "in", rows.serversGone)]) : unnamed;
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The servers, other than `self`, that have sends pending. */
export async function pendingServers(db: Kysely<Database>, self: string): Promise<string[]> {
  const rows = await db
    .selectFrom("requests")
    .select("server_id")
    .distinct()
    .where("outcome", "=", "pending")
    .where("server_id", "is not", null)
    .where("server_id", "!=", self)
    .execute();
  return rows.flatMap((row) => (row.server_id ? [row.server_id] : []));
}

export async function listReplays(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("requests")
    .select(["id", "created_at", "status"])
    .where("replay_of", "=", id)
    .orderBy("created_at", "desc")
    .limit(20)
    .execute();
}

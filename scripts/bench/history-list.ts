// npm run bench:history – seeds 1,000,000 history rows and times the first page of each history filter.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { openDatabase } from "@/lib/db/open";
import type { Database } from "@/lib/db/schema";
import { historyFiltersSchema, type HistoryFilters, type HistoryFiltersInput } from "@/lib/history/filters";
import { listHistory } from "@/lib/history/queries";
import { type SeedPlan, seedHistory } from "./history-seed";
import { seedHistoryPostgres } from "./history-seed-postgres";
import { machine, machineLine, writeDocSection } from "./perf-doc";
import { markdownTable, ms, summarize, type Summary } from "./stats";
import { runOn, urlWithDatabase } from "@/lib/testing/postgres-admin";

const COMMAND = "npm run bench:history";
const DAY_MS = 24 * 60 * 60 * 1000;
const PAGE = 50;
const WARMUP = 10;
const ITERATIONS = Number(process.env.BENCH_HISTORY_ITERATIONS ?? 200);
/** A slow plan gets fewer iterations instead of stalling the run. */
const CASE_BUDGET_MS = 8_000;
const TARGET_P95_MS = 20;
const WATCHDOG_MS = 15 * 60_000;

const now = Date.now();
const plan: SeedPlan = {
  rows: Number(process.env.BENCH_HISTORY_ROWS ?? 1_000_000),
  users: 10_000,
  companies: 1_000,
  days: 90,
  now,
  seed: 20250101,
  legacyImport: { rows: 20_000, daysAgo: 60 },
};

const iso = (ms: number) => new Date(ms).toISOString();
const last24h = { from: iso(now - DAY_MS) };
const middleDay = { from: iso(now - 46 * DAY_MS), to: iso(now - 45 * DAY_MS) };
const failures = ["bad_request", "unauthorized", "rate_limited", "server_error"] as const;

const CASES: { name: string; input: HistoryFiltersInput }[] = [
  { name: "none", input: {} },
  { name: "outcome: accepted (common)", input: { outcome: "accepted" } },
  { name: "outcome: timeout (rare)", input: { outcome: "timeout" } },
  { name: "outcomes: 4 kinds of failure", input: { outcome: [...failures] } },
  { name: "outcomes: accepted + timeout", input: { outcome: ["accepted", "timeout"] } },
  { name: "user exact (busy: user_000001)", input: { user: "user_000001" } },
  { name: "user exact (quiet: user_009876)", input: { user: "user_009876" } },
  { name: "company exact (company_0042)", input: { company: "company_0042" } },
  { name: "user prefix `user_0001` (100 users)", input: { user: "user_0001", match: "prefix" } },
  { name: "user prefix `user_00012` (10 users)", input: { user: "user_00012", match: "prefix" } },
  { name: "user prefix `user_0099` (near 5000)", input: { user: "user_0099", match: "prefix" } },
  { name: "user prefix `user_` (every row)", input: { user: "user_", match: "prefix" } },
  { name: "user prefix `legacy_` (one old import)", input: { user: "legacy_", match: "prefix" } },
  { name: "company prefix `company_00`", input: { company: "company_00", match: "prefix" } },
  { name: "time: last 24 h", input: last24h },
  { name: "time: one day, 45 days ago", input: middleDay },
  { name: "accepted + user exact (quiet)", input: { outcome: "accepted", user: "user_009876" } },
  { name: "accepted + company exact", input: { outcome: "accepted", company: "company_0042" } },
  {
    name: "accepted + user exact + last 30 days",
    input: { outcome: "accepted", user: "user_000001", from: iso(now - 30 * DAY_MS) },
  },
  {
    name: "failures + company exact + day 45",
    input: { outcome: [...failures], company: "company_0042", ...middleDay },
  },
  {
    name: "timeout + user prefix `user_0001`",
    input: { outcome: "timeout", user: "user_0001", match: "prefix" },
  },
  { name: "user prefix `user_` + last 24 h", input: { user: "user_", match: "prefix", ...last24h } },
];

type Statement = { sql: string; parameters: readonly unknown[] };
/** What runCases needs of one kind of database. */
type Target = {
  open(): Promise<Kysely<Database>>;
  /** A second connection that records every statement, to explain the plans listHistory used. */
  logged(): { db: Kysely<Database>; statements: Statement[] };
  explain(statement: Statement): Promise<string>;
  indexesIn(plan: string): string[];
  countMatches(filters: HistoryFilters): Promise<number>;
  close(): Promise<void>;
};
type CaseResult = {
  name: string;
  summary: Summary;
  rows: number;
  matches: number;
  indexes: string;
  plans: string[];
};

// PostgreSQL too when a server is given: a fresh database is made on it for the run and dropped after.
const POSTGRES_SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
/** "sqlite" or "postgres" runs only that one. */
const ONLY = process.env.BENCH_HISTORY_ONLY;

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`history bench: gave up after ${WATCHDOG_MS / 60_000} minutes`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  if (ONLY !== "postgres") await sqliteRun();
  if (ONLY === "sqlite") return;
  if (POSTGRES_SERVER) await postgresRun(POSTGRES_SERVER);
  else console.log("\nPostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a server to run it)");
}

async function sqliteRun(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-history-"));
  const file = path.join(dir, "history.db");
  try {
    console.log(`Seeding ${plan.rows.toLocaleString("en")} rows into ${file} …`);
    const schemaDb = await openDatabase(file); // creates the schema with the app's own migrations
    await schemaDb.destroy();
    const seedSeconds = seedHistory(file, plan);
    const sizeMb = fs.statSync(file).size / 2 ** 20;
    console.log(`Seeded in ${seedSeconds.toFixed(1)} s (${sizeMb.toFixed(0)} MB)`);

    console.log("\nPhase 1: as the app opens the database today (openDatabase, no ANALYZE statistics)");
    const withoutStats = await runCases(sqliteTarget(file));
    console.log(`\n${resultTable(withoutStats)}`);

    const analyzeStarted = performance.now();
    const raw = new SQLite(file);
    raw.exec("ANALYZE");
    raw.close();
    const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
    console.log(`\nPhase 2: after ANALYZE (${analyzeSeconds.toFixed(1)} s), reopened with openDatabase`);
    const withStats = await runCases(sqliteTarget(file));
    console.log(`\n${resultTable(withStats)}`);

    const missText = missesText([
      ...withoutStats.map((r) => ({ ...r, phase: "no ANALYZE" })),
      ...withStats.map((r) => ({ ...r, phase: "ANALYZE" })),
    ]);
    console.log(`\nTarget: first page p95 < ${TARGET_P95_MS} ms. Misses:\n${missText}`);

    writeDocSection(
      "history",
      [
        "## History list: first page of each filter",
        "",
        `Command: \`${COMMAND}\` (\`scripts/bench/history-list.ts\`). Machine: ${machineLine(machine())}.`,
        "",
        `Data: ${plan.rows.toLocaleString("en")} rows seeded into a fresh SQLite file created by \`openDatabase\` (the real migrations and`,
        `indexes) in ${seedSeconds.toFixed(1)} s, ${sizeMb.toFixed(0)} MB: ${plan.users.toLocaleString("en")} user ids (\`user_000123\`, skewed: the busiest 1% have ~10% of`,
        `the rows, a third of edits repeat the previous user), ${plan.companies.toLocaleString("en")} company ids (1 user in 7 has none), 93% accepted and a`,
        `few percent of each failure, spread over ${plan.days} days, plus one bulk import of ${plan.legacyImport.rows.toLocaleString("en")} \`legacy_…\` users`,
        `${plan.legacyImport.daysAgo} days ago. Each case: \`listHistory(db, filters, { limit: ${PAGE} })\`, ${WARMUP} warm-up calls, then ${ITERATIONS} timed calls`,
        `(fewer if a case takes over ${CASE_BUDGET_MS / 1000} s). "index" is what EXPLAIN QUERY PLAN shows for the list queries; "matches" is`,
        "every row the filter matches. Target: p95 under 20 ms.",
        "",
        "### As the app opens the database today (no `ANALYZE` statistics)",
        "",
        resultTable(withoutStats),
        "",
        `### After \`ANALYZE\` (${analyzeSeconds.toFixed(1)} s on this table)`,
        "",
        resultTable(withStats),
        "",
        "### Cases over the target, with their query plans",
        "",
        missText,
      ].join("\n"),
    );
    console.log("\nWrote the history section of docs/performance.md");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The same rows and cases on a fresh PostgreSQL database made on `server` for this run. */
async function postgresRun(server: string): Promise<void> {
  const name = `bench_history_${process.pid}`;
  const url = urlWithDatabase(server, name);
  await runOn(server, `drop database if exists "${name}"`);
  await runOn(server, `create database "${name}"`);
  try {
    const loadBefore = os.loadavg()[0]!;
    console.log(`\nPostgreSQL: seeding ${plan.rows.toLocaleString("en")} rows into a fresh database …`);
    const schemaDb = await openDatabase(url); // the app's own migrations
    await schemaDb.destroy();
    // The phases are measured as they are, without an autovacuum starting halfway through one.
    await runOn(url, "alter table requests set (autovacuum_enabled = off)");
    const seedSeconds = await seedHistoryPostgres(url, plan);
    const facts = await serverFacts(url);
    console.log(`Seeded in ${seedSeconds.toFixed(1)} s (${facts.size}, ${facts.version})`);

    console.log("\nPhase 1: right after the load and ANALYZE (no VACUUM yet: index-only scans still read the table)");
    const loadPhase1 = os.loadavg()[0]!;
    const afterLoad = await runCases(postgresTarget(url));
    console.log(`\n${resultTable(afterLoad)}`);

    const vacuumStarted = performance.now();
    await runOn(url, "vacuum (analyze) requests");
    const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
    console.log(`\nPhase 2: after VACUUM (${vacuumSeconds.toFixed(1)} s), as autovacuum leaves a table`);
    const loadPhase2 = os.loadavg()[0]!;
    const afterVacuum = await runCases(postgresTarget(url));
    console.log(`\n${resultTable(afterVacuum)}`);
    const loadAfter = os.loadavg()[0]!;

    const missText = missesText([
      ...afterLoad.map((r) => ({ ...r, phase: "after load" })),
      ...afterVacuum.map((r) => ({ ...r, phase: "after VACUUM" })),
    ]);
    console.log(`\nTarget: first page p95 < ${TARGET_P95_MS} ms. Misses:\n${missText}`);
    writeDocSection(
      "postgres-history",
      [
        "### History list on PostgreSQL: first page of each filter",
        "",
        `Command: \`BENCH_DATABASE_URL=postgres://user@host:port/postgres ${COMMAND}\` (or \`TEST_DATABASE_URL\`;`,
        "`BENCH_HISTORY_ONLY=postgres` skips the SQLite part). Machine: " + `${machineLine(machine())}.`,
        `Server: ${facts.version}, on the same machine. Load average (1 min): ${loadBefore.toFixed(2)} at the start,`,
        `${loadPhase1.toFixed(2)} before phase 1, ${loadPhase2.toFixed(2)} before phase 2, ${loadAfter.toFixed(2)} at the end.`,
        "",
        `Data: the same ${plan.rows.toLocaleString("en")} rows as the SQLite section (\`historyRows\` in \`scripts/bench/history-seed.ts\`), in a`,
        "fresh database the app's own migrations created, loaded by `scripts/bench/history-seed-postgres.ts`: indexes",
        "and primary key dropped, batches of 5,000 rows as one `insert … select * from unnest($1::text[], …)` each in one",
        `transaction, then the indexes built again and \`ANALYZE\`: ${seedSeconds.toFixed(1)} s, ${facts.size}. The cases and their measurement are the`,
        "same as above, through the app's own `openDatabase` (pool of 10) and `listHistory`; \"index\" is what",
        "`EXPLAIN (COSTS OFF)` shows for the list queries.",
        "",
        "#### Right after the load (ANALYZE, no VACUUM yet)",
        "",
        resultTable(afterLoad),
        "",
        `#### After \`VACUUM\` (${vacuumSeconds.toFixed(1)} s; autovacuum does the same to a table that took many inserts)`,
        "",
        resultTable(afterVacuum),
        "",
        "#### Cases over the target, with their query plans",
        "",
        missText,
      ].join("\n"),
    );
    console.log("\nWrote the postgres-history section of docs/performance.md");
  } finally {
    if (process.env.BENCH_HISTORY_KEEP) console.log(`Kept the database ${name} (BENCH_HISTORY_KEEP)`);
    else await runOn(server, `drop database if exists "${name}"`);
  }
}

function missesText(results: (CaseResult & { phase: string })[]): string {
  const misses = results.filter((r) => r.summary.p95 > TARGET_P95_MS);
  return misses.length
    ? misses
        .map(
          (r) =>
            `- ${r.phase}, **${r.name}**: p95 ${ms(r.summary.p95)} ms\n${r.plans.map((p) => `  - \`${p}\``).join("\n")}`,
        )
        .join("\n")
    : `None: every first page is under ${TARGET_P95_MS} ms p95.`;
}

async function serverFacts(url: string): Promise<{ version: string; size: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string; size: string }>(
      "select split_part(version(), ' on ', 1) as version, pg_size_pretty(pg_total_relation_size('requests')) as size",
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

async function runCases(target: Target): Promise<CaseResult[]> {
  const db = await target.open();
  const logged = target.logged();
  const results: CaseResult[] = [];
  try {
    for (const testCase of CASES) {
      const filters = historyFiltersSchema.parse(testCase.input);
      for (let i = 0; i < WARMUP; i++) await listHistory(db, filters, { limit: PAGE });
      const samples: number[] = [];
      const caseStarted = performance.now();
      let rows = 0;
      while (
        samples.length < ITERATIONS &&
        (samples.length < 10 || performance.now() - caseStarted < CASE_BUDGET_MS)
      ) {
        const started = performance.now();
        const page = await listHistory(db, filters, { limit: PAGE });
        samples.push(performance.now() - started);
        rows = page.rows.length;
      }
      logged.statements.length = 0;
      await listHistory(logged.db, filters, { limit: PAGE });
      const plans: string[] = [];
      for (const statement of logged.statements.filter((s) => /order by/i.test(s.sql)))
        plans.push(await target.explain(statement));
      const result: CaseResult = {
        name: testCase.name,
        summary: summarize(samples),
        rows,
        matches: await target.countMatches(filters),
        indexes: [...new Set(plans.flatMap(target.indexesIn))].join(", "),
        plans,
      };
      results.push(result);
      const { p50, p95, max, n } = result.summary;
      console.log(
        `  ${testCase.name.padEnd(42)} p50 ${ms(p50).padStart(8)}  p95 ${ms(p95).padStart(8)}  max ${ms(max).padStart(8)} ms  (n=${n})`,
      );
    }
  } finally {
    await logged.db.destroy();
    await db.destroy();
    await target.close();
  }
  return results;
}

function sqliteTarget(file: string): Target {
  const raw = new SQLite(file, { readonly: true });
  return {
    open: () => openDatabase(file),
    logged: () => {
      const statements: Statement[] = [];
      const db = new Kysely<Database>({
        dialect: new SqliteDialect({ database: new SQLite(file, { readonly: true }) }),
        log: (event) => {
          if (event.level === "query") statements.push({ sql: event.query.sql, parameters: event.query.parameters });
        },
      });
      return { db, statements };
    },
    explain: async (statement) => {
      const rows = raw.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.parameters) as {
        detail: string;
      }[];
      return rows.map((row) => row.detail).join("; ");
    },
    indexesIn: (plan) => {
      const names = [...plan.matchAll(/USING (?:COVERING )?INDEX (\w+)/g)].map((m) => m[1]!);
      if (/SCAN requests(?! USING)/.test(plan)) names.push("full scan");
      if (/TEMP B-TREE/.test(plan)) names.push("+ sort");
      return names;
    },
    countMatches: async (filters) => {
      const { sql, params } = countSql(filters, () => "?", (column, length, value) => `substr(${column}, 1, ${length}) = ${value}`);
      return (raw.prepare(sql).get(...params) as { n: number }).n;
    },
    close: async () => {
      raw.close();
    },
  };
}

function postgresTarget(url: string): Target {
  const raw = new pg.Pool({ connectionString: url, max: 1 });
  return {
    open: () => openDatabase(url),
    logged: () => {
      const statements: Statement[] = [];
      const db = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
        log: (event) => {
          if (event.level === "query") statements.push({ sql: event.query.sql, parameters: event.query.parameters });
        },
      });
      return { db, statements };
    },
    explain: async (statement) => {
      const { rows } = await raw.query<{ "QUERY PLAN": string }>(
        `explain (costs off) ${statement.sql}`,
        [...statement.parameters],
      );
      return rows.map((row) => row["QUERY PLAN"].trim().replace(/^->\s*/, "")).join("; ");
    },
    indexesIn: (plan) => {
      const names = [...plan.matchAll(/(Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g)].map(
        (m) => `${m[2]!}${m[1] === "Index Only Scan" ? " (index only)" : ""}`,
      );
      if (/Seq Scan on requests/.test(plan)) names.push("full scan");
      if (/(^|; )(Incremental )?Sort/.test(plan)) names.push("+ sort");
      return names;
    },
    countMatches: async (filters) => {
      let n = 0;
      const { sql, params } = countSql(filters, () => `$${++n}`, (column, length, value) => `left(${column}, ${length}::int) = ${value}`);
      const { rows } = await raw.query<{ n: string }>(sql, params);
      return Number(rows[0]!.n);
    },
    close: () => raw.end(),
  };
}

/** Every row the filter matches, counted independently of listHistory. */
function countSql(
  filters: HistoryFilters,
  placeholder: () => string,
  prefixMatch: (column: string, length: string, value: string) => string,
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filters.outcome.length) {
    where.push(`outcome IN (${filters.outcome.map(() => placeholder()).join(", ")})`);
    params.push(...filters.outcome);
  }
  for (const [column, value] of [
    ["user_id", filters.user],
    ["company_id", filters.company],
  ] as const) {
    if (!value) continue;
    if (filters.match === "exact") {
      where.push(`${column} = ${placeholder()}`);
      params.push(value);
    } else {
      where.push(prefixMatch(column, placeholder(), placeholder()));
      params.push(value.length, value);
    }
  }
  if (filters.from !== undefined) {
    where.push(`created_at >= ${placeholder()}`);
    params.push(filters.from);
  }
  if (filters.to !== undefined) {
    where.push(`created_at <= ${placeholder()}`);
    params.push(filters.to);
  }
  return { sql: `SELECT count(*) AS n FROM requests${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`, params };
}

function resultTable(results: readonly CaseResult[]): string {
  return markdownTable(
    ["filter", "matches", "rows", "p50 ms", "p95 ms", "max ms", "n", "index", "< 20 ms p95"],
    results.map((r) => [
      r.name,
      r.matches.toLocaleString("en"),
      String(r.rows),
      ms(r.summary.p50),
      ms(r.summary.p95),
      ms(r.summary.max),
      String(r.summary.n),
      r.indexes,
      r.summary.p95 < TARGET_P95_MS ? "yes" : "**no**",
    ]),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

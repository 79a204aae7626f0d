import pg from "pg";
import { historyRows, SEED_COLUMNS, type SeedPlan, type SeedRow } from "./history-seed";

// PostgreSQL types of SEED_COLUMNS, for unnest: one array parameter per column, so a batch of thousands
// of rows is one statement with 19 parameters instead of one with tens of thousands.
const COLUMN_TYPES: Record<(typeof SEED_COLUMNS)[number], string> = {
  id: "text",
  created_at: "bigint",
  updated_at: "bigint",
  sent_by: "text",
  source: "text",
  replay_of: "text",
  user_id: "text",
  company_id: "text",
  property_count: "integer",
  form_values: "text",
  request_body: "text",
  status: "text",
  outcome: "text",
  status_code: "integer",
  response_body: "text",
  upstream_request_id: "text",
  latency_ms: "integer",
  attempts: "text",
  error_message: "text",
};
const BATCH = 5_000;

/**
 * The same rows as seedHistory (historyRows), into a PostgreSQL database whose schema openDatabase already
 * created: indexes and the primary key dropped, the rows inserted in batches (unnest of one array per
 * column) in one transaction, then the indexes built again from their own definitions and ANALYZE.
 * Returns the seconds it took.
 */
export async function seedHistoryPostgres(url: string, plan: SeedPlan): Promise<number> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("set maintenance_work_mem = '256MB'");
    await client.query("set synchronous_commit = off");
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `select indexname as name, indexdef as definition from pg_indexes
       where schemaname = current_schema() and tablename = 'requests'
         and indexname not in (select conname from pg_constraint where conrelid = 'requests'::regclass)`,
    );
    const { rows: keys } = await client.query<{ name: string; definition: string }>(
      `select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
       where conrelid = 'requests'::regclass and contype = 'p'`,
    );
    for (const index of indexes) await client.query(`drop index "${index.name}"`);
    for (const key of keys) await client.query(`alter table requests drop constraint "${key.name}"`);

    const insert = `insert into requests (environment, ${SEED_COLUMNS.join(", ")})
      select 'Sandbox', * from unnest(${SEED_COLUMNS.map((column, i) => `$${i + 1}::${COLUMN_TYPES[column]}[]`).join(", ")})`;
    await client.query("begin");
    let batch: SeedRow[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await client.query(insert, SEED_COLUMNS.map((_, column) => batch.map((row) => row[column])));
      batch = [];
    };
    for (const row of historyRows(plan)) {
      batch.push(row);
      if (batch.length === BATCH) await flush();
    }
    await flush();
    await client.query("commit");

    for (const key of keys) await client.query(`alter table requests add constraint "${key.name}" ${key.definition}`);
    for (const index of indexes) await client.query(index.definition);
    await client.query("analyze requests");
  } finally {
    await client.end();
  }
  return (performance.now() - started) / 1000;
}

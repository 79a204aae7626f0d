import { randomUUID } from "node:crypto";
import SQLite from "better-sqlite3";
import { seededRandom } from "./stats";

/** What the seeded history looks like; the defaults are what `npm run bench` uses. */
export type SeedPlan = {
  rows: number;
  users: number;
  companies: number;
  days: number;
  now: number;
  seed: number;
  /** A one-off bulk import inside `rows`: one row per `legacy_00000…` user, all within one hour. */
  legacyImport: { rows: number; daysAgo: number };
};

const DAY_MS = 24 * 60 * 60 * 1000;

// Mostly accepted, a few percent of each failure; the weights sum to 1.
const OUTCOMES: readonly { outcome: string; statuses: readonly string[]; weight: number }[] = [
  { outcome: "accepted", statuses: ["202"], weight: 0.93 },
  { outcome: "bad_request", statuses: ["400"], weight: 0.02 },
  { outcome: "unauthorized", statuses: ["401"], weight: 0.005 },
  { outcome: "rate_limited", statuses: ["429"], weight: 0.015 },
  { outcome: "server_error", statuses: ["500", "502", "503"], weight: 0.01 },
  { outcome: "timeout", statuses: ["timeout"], weight: 0.005 },
  { outcome: "network_error", statuses: ["network_error"], weight: 0.003 },
  { outcome: "rejected", statuses: ["rejected"], weight: 0.0115 },
  { outcome: "unknown", statuses: ["unknown"], weight: 0.0005 },
];

const PROPERTY_NAMES = ["plan", "seats", "trial_ends", "role", "email", "name", "region", "mrr"];
const PLANS = ["free", "starter", "pro", "enterprise"];

export const userId = (index: number) => `user_${String(index).padStart(6, "0")}`;
export const companyId = (index: number) => `company_${String(index).padStart(4, "0")}`;

/** The columns historyRows fills, in order (environment is always 'Sandbox'). */
export const SEED_COLUMNS = [
  "id",
  "created_at",
  "updated_at",
  "sent_by",
  "source",
  "replay_of",
  "user_id",
  "company_id",
  "property_count",
  "form_values",
  "request_body",
  "status",
  "outcome",
  "status_code",
  "response_body",
  "upstream_request_id",
  "latency_ms",
  "attempts",
  "error_message",
] as const;

export type SeedRow = (string | number | null)[];

/**
 * The plan's history rows, one array of SEED_COLUMNS values each. Time order is append order, as in
 * production; some users are much busier than others, edits to one user come in bursts, and one old bulk
 * import put many rows with a shared id prefix in one hour.
 */
export function* historyRows(plan: SeedPlan): Generator<SeedRow> {
  const random = seededRandom(plan.seed);
  const companyOfUser = (user: number) => (user % 7 === 3 ? null : (user * 7919) % plan.companies);
  const pickOutcome = () => {
    let r = random();
    for (const entry of OUTCOMES) {
      if (r < entry.weight) return entry;
      r -= entry.weight;
    }
    return OUTCOMES[0]!;
  };

  const start = plan.now - plan.days * DAY_MS;
  const regularRows = plan.rows - plan.legacyImport.rows;
  const step = (plan.days * DAY_MS) / regularRows;
  const legacyStart = plan.now - plan.legacyImport.daysAgo * DAY_MS;
  let user = 0;
  let lastId = randomUUID();

  const makeRow = (row: { user: string; company: string | null; createdAt: number; source: string }): SeedRow => {
    const picked = row.source === "bulk" ? OUTCOMES[0]! : pickOutcome();
    const status = picked.statuses[Math.floor(random() * picked.statuses.length)]!;
    const code = /^\d+$/.test(status) ? Number(status) : null;
    const propertyCount = 1 + Math.floor(random() * 5);
    const properties = PROPERTY_NAMES.slice(0, propertyCount).map((name, k) => ({
      name,
      type: k === 1 || k === 7 ? "numeric" : k === 2 ? "date" : "string",
      value:
        k === 0
          ? PLANS[Math.floor(random() * PLANS.length)]!
          : k === 4 || k === 5
            ? "[redacted]"
            : String(Math.floor(random() * 500)),
    }));
    const metadata = Object.fromEntries(
      properties.map((p) => [p.name, p.type === "numeric" ? Number(p.value) : p.value]),
    );
    const formValues = JSON.stringify({
      userId: row.user,
      properties,
      companyId: row.company ?? "",
      companyProperties: [],
    });
    const requestBody = JSON.stringify({
      user_id: row.user,
      metadata,
      ...(row.company === null ? {} : { company: { id: row.company } }),
    });
    const latency = code === null ? (status === "timeout" ? 10_000 : 5) : 60 + Math.floor(random() * 300);
    const id = randomUUID();
    const source = row.source === "form" && random() < 0.05 ? "replay" : row.source;
    const attempts =
      status === "rejected"
        ? "[]"
        : `[{"attempt":1,"startedAt":"${new Date(row.createdAt).toISOString()}","latencyMs":${latency}${code === null ? "" : `,"status":${code}`}}]`;
    const values: SeedRow = [
      id,
      row.createdAt,
      row.createdAt + latency,
      random() < 0.5 ? null : `agent${Math.floor(random() * 20)}@example.com`,
      source,
      source === "replay" ? lastId : null,
      row.user,
      row.company,
      propertyCount,
      formValues,
      requestBody,
      status,
      picked.outcome,
      code,
      code === null ? null : code < 300 ? "" : `{"message":"status ${code}"}`,
      code === null ? null : randomUUID(),
      status === "rejected" ? null : latency,
      attempts,
      code === null && status !== "rejected" ? `${status} talking to Userpilot` : null,
    ];
    lastId = id;
    return values;
  };

  for (let i = 0; i < plan.rows; i++) {
    if (i >= regularRows) {
      const n = i - regularRows;
      const createdAt = Math.floor(legacyStart + (n * 3_600_000) / plan.legacyImport.rows);
      yield makeRow({ user: `legacy_${String(n).padStart(5, "0")}`, company: null, createdAt, source: "bulk" });
      continue;
    }
    // A third of the rows repeat the previous user (a burst of edits); the rest pick a user with a skew
    // that gives the busiest 1% of users about 10% of the rows.
    if (i === 0 || random() >= 0.33) user = Math.floor(plan.users * random() ** 2);
    const company = companyOfUser(user);
    yield makeRow({
      user: userId(user),
      company: company === null ? null : companyId(company),
      createdAt: Math.floor(start + i * step + random() * step),
      source: "form",
    });
  }
}

/**
 * Appends `plan.rows` history rows (historyRows) to a database whose schema openDatabase already created,
 * with raw prepared statements in large transactions (the app's own insert path is far too slow for a
 * million rows). Returns the seconds it took.
 */
export function seedHistory(file: string, plan: SeedPlan): number {
  const started = performance.now();
  const sqlite = new SQLite(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("cache_size = -262144"); // 256 MB, so index pages stay in memory while seeding
    sqlite.pragma("temp_store = MEMORY");

    // Build the indexes once at the end from their own migration SQL: sorting once is much faster than a
    // million random B-tree inserts, and the result is the same index.
    const indexes = sqlite
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'requests' AND sql IS NOT NULL",
      )
      .all() as { name: string; sql: string }[];
    for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);

    const insert = sqlite.prepare(
      `INSERT INTO requests (environment, ${SEED_COLUMNS.join(", ")}) VALUES ('Sandbox', ${SEED_COLUMNS.map(() => "?").join(", ")})`,
    );
    const rows = historyRows(plan);
    const BATCH = 50_000;
    const insertBatch = sqlite.transaction((count: number) => {
      for (let i = 0; i < count; i++) {
        const next = rows.next();
        if (next.done) return;
        insert.run(...next.value);
      }
    });
    for (let from = 0; from < plan.rows; from += BATCH) insertBatch(Math.min(BATCH, plan.rows - from));
    for (const index of indexes) sqlite.exec(index.sql);
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    sqlite.close();
  }
  return (performance.now() - started) / 1000;
}

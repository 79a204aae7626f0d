// npm run bench:profiles – the known profile of a user with 10,000 history rows and 500 properties: the
// diff a form asks for (read the profile, diff 500 rows), and an accepted send's extra cost for keeping the
// tables. Writes its section of docs/performance.md.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/lib/db/open";
import type { PropertyRow } from "@/lib/identify/schema";
import { diffProfile } from "@/lib/profiles/diff";
import type { AcceptedSend } from "@/lib/profiles/fold";
import { readCompanyProfile, readUserProfile } from "@/lib/profiles/reads";
import { rebuildProfiles } from "@/lib/profiles/rebuild";
import { applySend } from "@/lib/profiles/store";
import { machine, machineLine, writeDocSection } from "./perf-doc";
import { markdownTable, ms, seededRandom, summarize, type Summary } from "./stats";

const COMMAND = "npm run bench:profiles";
const HISTORY_ROWS = 10_000;
const PROPERTIES = 500;
const PER_SEND = 25;
const ITERATIONS = 300;
const WARMUP = 20;
const TARGET_P95_MS = 20;
const ENV = "bench";
const USER = "user_busy";

const names = Array.from({ length: PROPERTIES }, (_, i) => `prop_${String(i).padStart(3, "0")}`);
const random = seededRandom(20250601);
const typeOf = (i: number): PropertyRow["type"] => (i % 10 === 0 ? "numeric" : i % 17 === 0 ? "date" : "string");
const valueOf = (type: PropertyRow["type"], n: number) =>
  type === "numeric" ? String(n) : type === "date" ? `2025-0${1 + (n % 9)}-1${n % 10}` : `value ${n}`;
const rowFor = (i: number, n: number): PropertyRow => ({ name: names[i]!, type: typeOf(i), value: valueOf(typeOf(i), n) });

function sendRows(n: number, count: number): PropertyRow[] {
  return Array.from({ length: count }, () => rowFor(Math.floor(random() * PROPERTIES), n));
}

async function time(run: () => Promise<unknown>, iterations = ITERATIONS): Promise<Summary> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-profiles-"));
  const database = await openDatabase(path.join(dir, "profiles.db"));
  try {
    // 10,000 accepted sends of one user: every property once first, then 25 random ones per send.
    const start = Date.now() - HISTORY_ROWS * 1000;
    const rows = Array.from({ length: HISTORY_ROWS }, (_, n) => {
      const properties = n < PROPERTIES / PER_SEND ? names.slice(n * PER_SEND, (n + 1) * PER_SEND).map((_, k) => rowFor(n * PER_SEND + k, n)) : sendRows(n, PER_SEND);
      const values = { userId: USER, properties, companyId: "acme", companyProperties: [] };
      return {
        id: randomUUID(),
        created_at: start + n * 1000,
        updated_at: start + n * 1000 + 200,
        environment: "Bench",
        environment_id: ENV,
        sent_by: "bench@example.com",
        source: "form",
        replay_of: null,
        user_id: USER,
        company_id: "acme",
        property_count: properties.length,
        form_values: JSON.stringify(values),
        request_body: JSON.stringify({ user_id: USER }),
        status: "202",
        outcome: "accepted",
        status_code: 202,
        response_body: null,
        upstream_request_id: null,
        latency_ms: 10,
        attempts: "[]",
        error_message: null,
      };
    });
    for (let i = 0; i < rows.length; i += 500) await database.insertInto("requests").values(rows.slice(i, i + 500)).execute();

    const rebuildStarted = performance.now();
    const { sends } = await rebuildProfiles(database);
    const rebuildMs = performance.now() - rebuildStarted;
    const known = await readUserProfile(ENV, USER, database);
    const knownCount = Object.keys(known?.properties ?? {}).length;
    console.log(`Seeded ${HISTORY_ROWS} history rows; rebuilt ${sends} sends in ${ms(rebuildMs, 0)} ms; ${knownCount} known properties`);

    // The form a person has open: all 500 properties, every 5th changed, every 50th removed.
    const form = {
      properties: names.map((_, i) =>
        i % 50 === 0 ? { name: names[i]!, type: "remove" as const, value: "" } : rowFor(i, i % 5 === 0 ? -1 : HISTORY_ROWS),
      ),
      companyId: "acme",
      companyProperties: [],
    };
    const read = await time(() => readUserProfile(ENV, USER, database));
    const diffOnly = await time(async () => diffProfile({ user: known }, form));
    const readAndDiff = await time(async () => {
      const [user, company] = await Promise.all([readUserProfile(ENV, USER, database), readCompanyProfile(ENV, "acme", database)]);
      return diffProfile({ user, company }, form);
    });

    // An accepted send's extra cost: what keepKnownProfile adds after the outcome is on record.
    let n = HISTORY_ROWS;
    const keep = (count: number) => async () => {
      n += 1;
      const id = rows[n % rows.length]!.id;
      const row = await database.selectFrom("requests").select("updated_at").where("id", "=", id).executeTakeFirst();
      const send: AcceptedSend = {
        environmentId: ENV,
        historyId: id,
        acceptedAt: (row?.updated_at ?? 0) + n,
        sentBy: "bench@example.com",
        identifies: "user",
        values: { userId: `user_${n % 1000}`, properties: sendRows(n, count), companyId: "acme", companyProperties: [] },
      };
      await applySend(database, send);
    };
    const keep5 = await time(keep(5));
    const keep25 = await time(keep(25));
    const keep100 = await time(keep(100), 100);

    const pass = readAndDiff.p95 < TARGET_P95_MS;
    const line = (name: string, s: Summary) => [name, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
    const table = markdownTable(["Case", "p50 ms", "p95 ms", "p99 ms", "max ms"], [
      line(`read the known profile (${knownCount} properties)`, read),
      line(`diffProfile alone (${PROPERTIES} form rows)`, diffOnly),
      line("read user + company and diff: what the preview asks", readAndDiff),
      line("keep the tables after an accepted send, 5 properties", keep5),
      line("… 25 properties", keep25),
      line("… 100 properties", keep100),
    ]);
    console.log(`\n${table}\n\nTarget: read + diff p95 < ${TARGET_P95_MS} ms: ${pass ? "met" : "MISSED"}`);
    writeDocSection(
      "profiles",
      [
        "## Known profiles: the diff before a send, and the cost of keeping the tables",
        "",
        `Command: \`${COMMAND}\` (\`scripts/bench/profile-diff.ts\`). Machine: ${machineLine(machine())}; load average`,
        `${os.loadavg().map((load) => load.toFixed(1)).join(" / ")} at the end of the run (other work shared the machine, which is what the tails show).`,
        "",
        `Data: one user with ${HISTORY_ROWS.toLocaleString("en")} accepted history rows (${PER_SEND} properties each, ${PROPERTIES} names, a tenth`,
        `Numeric and some Date) in a fresh SQLite file made by \`openDatabase\`; \`rebuildProfiles\` folded them in ${ms(rebuildMs, 0)} ms.`,
        `The diff never reads the history: it reads the profile tables (one indexed lookup and ${knownCount} property rows) and`,
        `diffs a form of ${PROPERTIES} rows. The keep cost is what \`keepKnownProfile\` adds to an accepted send: read the row's`,
        "outcome time, then one transaction of upserts (profile, company, each property and its registry count).",
        `${WARMUP} warm-up calls, then ${ITERATIONS} timed calls per case (100 for 100 properties).`,
        "",
        table,
        "",
        `Target: read + diff under ${TARGET_P95_MS} ms p95: **${pass ? "met" : "missed"}** (${ms(readAndDiff.p95)} ms).`,
      ].join("\n"),
    );
  } finally {
    await database.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

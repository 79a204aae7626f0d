// npm run bench:bulk-job – the server's cost per row while a bulk job runs: `next start` of the existing build
// (run `next build` first) against the fake upstream in its own process (scripts/bench/sandbox-server.ts), with
// the pace opened (UPSTREAM_RATE_PER_MINUTE very high) so no row waits for Userpilot's limit. Posts a 5,000-row
// real-time job and a 20,000-row bulk API job (the plan the /bulk page builds), polls each until it is
// completed, and reports rows a second and the server's CPU ms per row (its whole process tree, from /proc), and for
// each bulk API chunk how long marking its rows sent and folding them into the known profiles took. On SQLite, and
// on PostgreSQL too when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { jobResponseSchema } from "@/lib/bulk/job-views";
import type { BulkJobPlan, BulkMode } from "@/lib/bulk/plan";
import { treeCpuMs } from "./cpu";
import { cookieHeader, signInWith } from "./load";
import { machine, machineLine, repoRoot, writeDocSection } from "./perf-doc";
import { firstUrl, freePort, killAllNow, runBench, type Started, startProcess, stopAll, waitForOk } from "./processes";
import { runOn, urlWithDatabase } from "@/lib/testing/postgres-admin";

const UPSTREAM_KEY = "bench-sandbox-key";
const ADMIN = { email: "bench-admin@example.com", password: `bench-${randomBytes(12).toString("hex")}` };
const JOBS: { mode: BulkMode; rows: number }[] = [
  { mode: "realtime", rows: 5_000 },
  { mode: "bulk", rows: 20_000 },
];
const JOB_TIMEOUT_MS = 15 * 60_000;

/** A users plan as the /bulk page builds it: an id, a company, a text, a number and a date per row. */
function plan(environmentId: string, mode: BulkMode, rows: number, tag: string): BulkJobPlan {
  return {
    version: 1,
    environmentId,
    kind: "users",
    mode,
    source: { name: `bench-${tag}.csv`, headers: ["user_id", "company_id", "plan", "seats", "renewal"], delimiter: "," },
    skipped: [],
    rows: Array.from({ length: rows }, (_, i) => {
      const cells = [`bench_${tag}_${i}`, `co_${i % 97}`, ["free", "pro", "team"][i % 3]!, String(i % 500), `2025-01-${String((i % 28) + 1).padStart(2, "0")}`];
      return {
        line: i + 2,
        cells,
        values: {
          userId: cells[0]!,
          companyId: cells[1]!,
          properties: [
            { name: "plan", type: "string", value: cells[2]! },
            { name: "seats", type: "numeric", value: cells[3]! },
            { name: "renewal", type: "date", value: cells[4]! },
          ],
          companyProperties: [],
        },
      };
    }),
  };
}

type Database = "SQLite" | "PostgreSQL";
/**
 * One chunk of a bulk API job's end, as the polls saw it, in ms since the POST: the last poll with Userpilot's job
 * still running, the first with the chunk's rows counted sent (null when no poll caught them counted before the
 * chunk was done: the server answers no poll while it runs synchronous SQLite statements), the first with the
 * chunk left behind.
 */
type ChunkTimes = { running: number; marked: number | null; left: number };
type Result = {
  database: Database;
  mode: BulkMode;
  rows: number;
  sent: number;
  failed: number;
  seconds: number;
  serverCpuMs: number;
  upstreamCpuMs: number;
  chunks: ChunkTimes[];
};

// With a PostgreSQL server, the same jobs run a second time on a fresh database there (made for the run, dropped after).
const POSTGRES_SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const POSTGRES_DATABASE = `bench_bulk_job_${process.pid}`;
// Real-time jobs are polled as a browser would; bulk API jobs often, to time each chunk's end.
const POLL_MS: Record<BulkMode, number> = { realtime: 250, bulk: 25 };

async function main(): Promise<void> {
  const root = repoRoot();
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("No build: run `next build` first");
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-bulk-job-"));
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
  for (const name of ["USERPILOT_API_KEY", "USERPILOT_REGION", "USERPILOT_API_URL", "APP_URL", "PORT", "DATABASE_URL", "SANDBOX"]) delete env[name];
  try {
    const sandbox = startProcess("sandbox", process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/bench/sandbox-server.ts"], {
      cwd: root,
      env: { ...env, SANDBOX_API_KEY: UPSTREAM_KEY },
    });
    const upstream = await firstUrl(sandbox, 30_000);
    const databases: { database: Database; url: string }[] = [{ database: "SQLite", url: `file:${path.join(temp, "bench.db")}` }];
    if (POSTGRES_SERVER) {
      await runOn(POSTGRES_SERVER, `drop database if exists "${POSTGRES_DATABASE}"`);
      await runOn(POSTGRES_SERVER, `create database "${POSTGRES_DATABASE}"`);
      databases.push({ database: "PostgreSQL", url: urlWithDatabase(POSTGRES_SERVER, POSTGRES_DATABASE) });
    } else {
      console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a server to run it)");
    }

    const results: Result[] = [];
    for (const { database, url } of databases) {
      // One console at a time: the other's idle server takes no CPU from the one measured.
      const port = await freePort();
      const app = startProcess(`app (${database})`, path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
        cwd: root,
        env: {
          ...env,
          PORT: String(port),
          USERPILOT_API_URL: upstream,
          SANDBOX_API_KEY: UPSTREAM_KEY,
          DATABASE_URL: url,
          APP_SECRET: randomBytes(32).toString("base64url"),
          ADMIN_EMAIL: ADMIN.email,
          ADMIN_PASSWORD: ADMIN.password,
          // The server's own cost is measured, not Userpilot's limit: the pace takes and gives back a turn per row
          // but never makes one wait; bulk API jobs are polled often so a finished chunk is seen at once.
          UPSTREAM_RATE_PER_MINUTE: "100000000",
          BULK_POLL_MS: "100",
        },
      });
      const origin = `http://127.0.0.1:${port}`;
      await waitForOk(`${origin}/api/health`, app, 90_000);
      const cookie = cookieHeader(await signInWith(origin, ADMIN));
      const environmentId = await defaultEnvironment(origin, cookie);

      for (const { mode, rows } of JOBS) {
        const body = JSON.stringify(plan(environmentId, mode, rows, `${mode}-${Date.now()}`));
        const [server0, upstream0, started] = [treeCpuMs(app.child.pid), treeCpuMs(sandbox.child.pid), performance.now()];
        const response = await fetch(`${origin}/api/bulk/jobs`, { method: "POST", headers: { cookie, "content-type": "application/json", origin }, body });
        if (response.status !== 201) throw new Error(`POST /api/bulk/jobs answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
        const { job } = z.object({ job: z.object({ id: z.string() }) }).parse(await response.json());
        const done = await waitForJob(origin, cookie, job.id, POLL_MS[mode], started);
        const seconds = (performance.now() - started) / 1000;
        results.push({
          database,
          mode,
          rows,
          sent: done.sent,
          failed: done.failed,
          seconds,
          serverCpuMs: treeCpuMs(app.child.pid) - server0,
          upstreamCpuMs: treeCpuMs(sandbox.child.pid) - upstream0,
          chunks: done.chunks,
        });
        const ends = mode === "bulk" ? `; chunk ends ${done.chunks.map((chunk) => `${((chunk.left - chunk.running) / 1000).toFixed(2)} s`).join(", ")}` : "";
        console.log(`${database} ${mode}: ${rows} rows in ${seconds.toFixed(1)} s${ends}`);
      }
      await stopServer(app);
    }

    const number = (value: number, digits = 0) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const secondsOf = (ms: number) => `${number(ms / 1000, 2)} s`;
    const table = [
      "| job | database | rows | sent / failed | wall time (POST → completed) | rows/s | server CPU | server CPU per row | fake upstream CPU per row |",
      "|---|---|---|---|---|---|---|---|---|",
      ...results.map((r) =>
        `| ${r.mode === "realtime" ? "real-time (one Identify call per row)" : "bulk API (bulk_identify chunks of 10,000)"} | ${r.database} | ${number(r.rows)} | ${number(r.sent)} / ${number(r.failed)} | ${number(r.seconds, 1)} s | ${number(r.rows / r.seconds)} | ${number(r.serverCpuMs)} ms | ${number(r.serverCpuMs / r.rows, 3)} ms | ${number(r.upstreamCpuMs / r.rows, 3)} ms |`,
      ),
    ].join("\n");
    const chunkTable = [
      "| database | chunk | Userpilot's job running (last poll) → chunk done (first poll) | of which: rows counted sent → chunk done |",
      "|---|---|---|---|",
      ...results
        .filter((r) => r.mode === "bulk")
        .flatMap((r) =>
          r.chunks.map((chunk, i) =>
            `| ${r.database} | ${i + 1} of ${r.chunks.length} | ${secondsOf(chunk.left - chunk.running)} | ${chunk.marked === null ? "not seen apart" : secondsOf(chunk.left - chunk.marked)} |`,
          ),
        ),
    ].join("\n");
    const load = os.loadavg().map((value) => value.toFixed(2)).join(", ");
    console.log(`${table}\n\n${chunkTable}\n\nLoad average at the end: ${load}.`);
    writeDocSection(
      "bulk-job",
      [
        "## Bulk sync: the server's cost per row while a job runs",
        "",
        "`npm run bench:bulk-job` (`scripts/bench/bulk-job.ts`, after `next build`; with `BENCH_DATABASE_URL` or",
        "`TEST_DATABASE_URL` = `postgres://user@host:port/postgres` it runs on PostgreSQL too, on a fresh database made for",
        "the run and dropped after): `next start` with a fresh SQLite file, then the same build started again on the",
        "PostgreSQL database (one console at a time), against the fake upstream in its own process",
        "(`scripts/bench/sandbox-server.ts`, rate limit off, a bulk job done 2 s after it is queued), the pace opened",
        "(`UPSTREAM_RATE_PER_MINUTE=100000000`) and `BULK_POLL_MS=100`. Each job is one `POST /api/bulk/jobs` of a users",
        `plan (an id, a company id, a text, a number and a date per row), polled until completed (real-time every`,
        `${POLL_MS.realtime} ms, bulk API every ${POLL_MS.bulk} ms). Server CPU is the \`next start\` process tree's user + system time`,
        "from /proc over the job, including the POST (the plan's validation) and the polls; on PostgreSQL the database",
        "server's own CPU is not in it. The time includes the fake's 2 s per bulk chunk.",
        "",
        machineLine(machine()),
        "",
        table,
        "",
        "Each bulk API chunk's end, from the polls of `GET /api/bulk/jobs/:id` (every 25 ms): from the last poll that",
        "shows Userpilot's job of the chunk still running to the first that shows the chunk done (the next chunk started,",
        "its upstream job cleared, or the job completed). That span is marking the chunk's rows sent (values masked), the",
        "fold of its rows into the known-profile tables (`keepBulkChunk`) and, before the next chunk, reading that",
        "chunk's rows; plus up to `BULK_POLL_MS` (100 ms) until the runner asks Userpilot again, and a poll's own time.",
        "Where a poll caught the rows counted sent but the chunk not yet done, the last column is that part (the fold,",
        "and the next chunk's read); SQLite's statements are synchronous, so no poll is answered between them there.",
        "",
        chunkTable,
        "",
        `Load average at the end: ${load}.`,
      ].join("\n"),
    );
  } finally {
    await stopAll();
    if (POSTGRES_SERVER) await runOn(POSTGRES_SERVER, `drop database if exists "${POSTGRES_DATABASE}"`).catch(() => {});
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Polls a job until it is completed. In bulk API mode, notes for each chunk the last poll that showed Userpilot's
 * job of the chunk still running, and the first polls that showed the chunk's rows counted and the chunk left
 * behind (the next one started, or the job completed).
 */
async function waitForJob(
  origin: string,
  cookie: string,
  id: string,
  pollMs: number,
  started: number,
): Promise<{ sent: number; failed: number; chunks: ChunkTimes[] }> {
  const deadline = Date.now() + JOB_TIMEOUT_MS;
  const chunks: ChunkTimes[] = [];
  let watched: (Omit<ChunkTimes, "left"> & { jobId: string; done: number }) | null = null;
  while (Date.now() < deadline) {
    const { job } = await pollJob(`${origin}/api/bulk/jobs/${encodeURIComponent(id)}`, cookie);
    const at = performance.now() - started;
    if (watched && (job.state === "completed" || job.upstream?.jobId !== watched.jobId)) {
      const { running, marked } = watched;
      chunks.push({ running, marked, left: at });
      watched = null;
    }
    if (job.upstream && !watched) {
      watched = { jobId: job.upstream.jobId, done: job.done, running: at, marked: null };
    }
    if (watched && job.upstream && job.upstream.status !== "completed") watched.running = at;
    if (watched && watched.marked === null && job.done > watched.done) watched.marked = at;
    if (job.state === "completed") return { sent: job.sent, failed: job.failed, chunks };
    if (job.state !== "running") throw new Error(`The job ended ${job.state}: ${job.stateReason ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`The job did not complete within ${JOB_TIMEOUT_MS / 60_000} minutes`);
}

/** One poll of the job; a connection reset (a keep-alive socket the server closed meanwhile) is asked again. */
async function pollJob(url: string, cookie: string, attempts = 3): Promise<z.infer<typeof jobResponseSchema>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return jobResponseSchema.parse(await (await fetch(url, { headers: { cookie } })).json());
    } catch (error) {
      if (attempt >= attempts || !(error instanceof TypeError)) throw error;
    }
  }
}

/** Stops one server (its process group), leaving the fake upstream running for the next console. */
async function stopServer({ child }: Started): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

async function defaultEnvironment(origin: string, cookie: string): Promise<string> {
  const schema = z.object({ environments: z.array(z.object({ id: z.string(), isDefault: z.boolean() })) });
  const listed = schema.parse(await (await fetch(`${origin}/api/environments`, { headers: { cookie } })).json());
  const chosen = listed.environments.find((environment) => environment.isDefault);
  if (!chosen) throw new Error("The server has no default environment");
  return chosen.id;
}

process.on("exit", killAllNow);
runBench(main);

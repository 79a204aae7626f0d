// npm run bench:bulk-job – the server's cost per row while a bulk job runs: `next start` of the existing build
// (run `next build` first) against the fake upstream in its own process (scripts/bench/sandbox-server.ts), with
// the pace opened (UPSTREAM_RATE_PER_MINUTE very high) so no row waits for Userpilot's limit. Posts a 5,000-row
// real-time job and a 20,000-row bulk API job (the plan the /bulk page builds), polls each until it is
// completed, and reports rows a second and the server's CPU ms per row (its whole process tree, from /proc).
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
import { firstUrl, freePort, killAllNow, startProcess, stopAll, waitForOk } from "./processes";

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

type Result = { mode: BulkMode; rows: number; sent: number; failed: number; seconds: number; serverCpuMs: number; upstreamCpuMs: number };

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
    const port = await freePort();
    const app = startProcess("app", path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: root,
      env: {
        ...env,
        PORT: String(port),
        USERPILOT_API_URL: upstream,
        SANDBOX_API_KEY: UPSTREAM_KEY,
        DATABASE_URL: `file:${path.join(temp, "bench.db")}`,
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

    const results: Result[] = [];
    for (const { mode, rows } of JOBS) {
      const body = JSON.stringify(plan(environmentId, mode, rows, `${mode}-${Date.now()}`));
      const [server0, upstream0, started] = [treeCpuMs(app.child.pid), treeCpuMs(sandbox.child.pid), performance.now()];
      const response = await fetch(`${origin}/api/bulk/jobs`, { method: "POST", headers: { cookie, "content-type": "application/json", origin }, body });
      if (response.status !== 201) throw new Error(`POST /api/bulk/jobs answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
      const { job } = z.object({ job: z.object({ id: z.string() }) }).parse(await response.json());
      const done = await waitForJob(origin, cookie, job.id);
      const seconds = (performance.now() - started) / 1000;
      results.push({ mode, rows, sent: done.sent, failed: done.failed, seconds, serverCpuMs: treeCpuMs(app.child.pid) - server0, upstreamCpuMs: treeCpuMs(sandbox.child.pid) - upstream0 });
      console.log(`${mode}: ${rows} rows in ${seconds.toFixed(1)} s`);
    }

    const number = (value: number, digits = 0) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const table = [
      "| job | rows | sent / failed | wall time (POST → completed) | rows/s | server CPU | server CPU per row | fake upstream CPU per row |",
      "|---|---|---|---|---|---|---|---|",
      ...results.map((r) =>
        `| ${r.mode === "realtime" ? "real-time (one Identify call per row)" : "bulk API (bulk_identify chunks of 10,000)"} | ${number(r.rows)} | ${number(r.sent)} / ${number(r.failed)} | ${number(r.seconds, 1)} s | ${number(r.rows / r.seconds)} | ${number(r.serverCpuMs)} ms | ${number(r.serverCpuMs / r.rows, 3)} ms | ${number(r.upstreamCpuMs / r.rows, 3)} ms |`,
      ),
    ].join("\n");
    const load = os.loadavg().map((value) => value.toFixed(2)).join(", ");
    console.log(`${table}\n\nLoad average at the end: ${load}.`);
    writeDocSection(
      "bulk-job",
      [
        "## Bulk sync: the server's cost per row while a job runs",
        "",
        "`npm run bench:bulk-job` (`scripts/bench/bulk-job.ts`, after `next build`): `next start` with a fresh SQLite file,",
        "against the fake upstream in its own process (`scripts/bench/sandbox-server.ts`, rate limit off, a bulk job done",
        "2 s after it is queued), the pace opened (`UPSTREAM_RATE_PER_MINUTE=100000000`) and `BULK_POLL_MS=100`. Each job is",
        "one `POST /api/bulk/jobs` of a users plan (an id, a company id, a text, a number and a date per row), polled every",
        "250 ms until completed. Server CPU is the `next start` process tree's user + system time from /proc over the job,",
        "including the POST (the plan's validation) and the polls; the time includes the fake's 2 s per bulk chunk.",
        "",
        machineLine(machine()),
        "",
        table,
        "",
        `Load average at the end: ${load}.`,
      ].join("\n"),
    );
  } finally {
    await stopAll();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

async function waitForJob(origin: string, cookie: string, id: string): Promise<{ sent: number; failed: number }> {
  const deadline = Date.now() + JOB_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const response = await fetch(`${origin}/api/bulk/jobs/${encodeURIComponent(id)}`, { headers: { cookie } });
    const { job } = jobResponseSchema.parse(await response.json());
    if (job.state === "completed") return job;
    if (job.state !== "running") throw new Error(`The job ended ${job.state}: ${job.stateReason ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The job did not complete within ${JOB_TIMEOUT_MS / 60_000} minutes`);
}



async function defaultEnvironment(origin: string, cookie: string): Promise<string> {
  const schema = z.object({ environments: z.array(z.object({ id: z.string(), isDefault: z.boolean() })) });
  const listed = schema.parse(await (await fetch(`${origin}/api/environments`, { headers: { cookie } })).json());
  const chosen = listed.environments.find((environment) => environment.isDefault);
  if (!chosen) throw new Error("The server has no default environment");
  return chosen.id;
}

process.on("exit", killAllNow);
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

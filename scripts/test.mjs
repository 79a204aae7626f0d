// npm test: lint, typecheck, unit tests, production build, end-to-end tests; ends with "N passed, N failed".
// The store tests and the end-to-end tests run again on PostgreSQL: on TEST_DATABASE_URL when set, else on
// a throw-away server (scripts/postgres-server.mjs) when PostgreSQL is installed, else they are skipped,
// saying so.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { ensureBrowser } from "./ensure-browser.mjs";
import { findPostgresBinaries, startPostgres } from "./postgres-server.mjs";

const root = path.resolve(import.meta.dirname, "..");
const reports = path.join(root, "reports");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHROMIUM_PATH: ensureBrowser() };
const totals = { passed: 0, failed: 0, skipped: 0 };
const timings = [];
// A throw-away PostgreSQL server is stopped (and its data removed) on exit; Ctrl-C exits too.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

/**
 * Runs a step; resolves to whether it passed. With `label`, its output lines are prefixed with it, so steps
 * that run at the same time (runTogether) stay readable.
 */
function start(title, command, args, extraEnv = {}, label = undefined) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const child = spawn(command, args, {
    cwd: root,
    stdio: label ? ["ignore", "pipe", "pipe"] : "inherit",
    env: { ...env, ...extraEnv },
  });
  if (label)
    for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]])
      readline.createInterface({ input: stream }).on("line", (line) => out.write(`[${label}] ${line}\n`));
  return new Promise((resolve) => {
    child.on("error", () => {});
    child.on("close", (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`--- ${title}: ${code === 0 ? "ok" : "FAILED"} in ${seconds} s`);
      resolve({ title, seconds, ok: code === 0 });
    });
  });
}

async function run(title, command, args, extraEnv = {}) {
  const { seconds, ok } = await start(title, command, args, extraEnv);
  timings.push(`${title} ${seconds} s`);
  return ok;
}

/**
 * Independent steps at the same time (each a [title, command, args, extraEnv, label]); the Times line gets
 * each one's own duration, and the pair's wall time.
 */
async function runTogether(steps) {
  const started = Date.now();
  const results = await Promise.all(steps.map((step) => start(...step)));
  for (const { title, seconds } of results) timings.push(`${title} ${seconds} s`);
  timings.push(`(together ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return results.map((result) => result.ok);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(reports, file), "utf8"));
  } catch {
    return undefined;
  }
}

// Every test must run: a skipped, todo or fixme test fails the run as surely as a failing one.
function finish(ok) {
  console.log(`\nTimes: ${timings.join(", ")}`);
  if (totals.skipped > 0) console.log(`\n${totals.skipped} test(s) were skipped: every test must run.`);
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(ok && totals.failed === 0 && totals.skipped === 0 ? 0 : 1);
}

// One after the other: at the same time they took as long as in a row (each keeps both cores busy).
const lintOk = await run("lint", bin("eslint"), [".", "--max-warnings=0"]);
const typesOk = await run("typecheck", bin("tsc"), ["--noEmit"]);

function countVitest(file) {
  const report = readJson(file);
  totals.passed += report?.numPassedTests ?? 0;
  totals.failed += report ? report.numFailedTests : 1;
  totals.skipped += (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
}

function countPlaywright(file) {
  const report = readJson(file);
  totals.passed += (report?.stats?.expected ?? 0) + (report?.stats?.flaky ?? 0);
  totals.failed += report ? report.stats.unexpected : 1;
  totals.skipped += report?.stats?.skipped ?? 0;
}

const redacted = (url) => url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
    return undefined;
  } catch (error) {
    return error.message || error.code || String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The PostgreSQL server to test on: `{ url }`, `{ skipped }` when none is configured or installed, or
 * `{ failed }` when the configured or installed one does not work (that is a broken set-up, not an absent one).
 */
async function postgresServer() {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured) {
    const problem = await answers(configured);
    if (problem) return { failed: `TEST_DATABASE_URL (${redacted(configured)}) does not answer: ${problem}` };
    return { url: configured, from: `TEST_DATABASE_URL (${redacted(configured)})` };
  }
  const bin = findPostgresBinaries();
  if (!bin) return { skipped: "no TEST_DATABASE_URL, and no initdb/pg_ctl in /usr/lib/postgresql/*/bin or PATH" };
  try {
    const server = await startPostgres({ bin });
    return { url: server.url, from: `a throw-away server from ${bin} (${server.url})` };
  } catch (error) {
    return { failed: `the throw-away server from ${bin} did not start: ${error.message}` };
  }
}

const unitOk = await run("unit tests", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, "vitest.json")}`]);
countVitest("vitest.json");

const postgres = await postgresServer();
let postgresOk = true;
if (postgres.url) {
  console.log(`\nPostgreSQL: ${postgres.from}`);
  postgresOk = await run("unit tests on PostgreSQL", bin("vitest"), ["run", "-c", "vitest.postgres.config.mts", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, "vitest-postgres.json")}`], { TEST_DATABASE_URL: postgres.url });
  countVitest("vitest-postgres.json");
} else if (postgres.skipped) {
  console.log(`\nPostgreSQL: skipped (${postgres.skipped}; set TEST_DATABASE_URL or install postgresql)`);
} else {
  console.log(`\nPostgreSQL: FAILED (${postgres.failed})`);
  postgresOk = false;
  totals.failed += 1;
}

// Built with the end-to-end key in its environment, so the leak tests would find it if a build baked it in
// (the key is the one in e2e/support/settings.ts).
const E2E_KEY = "e2e-key-5b9c1d7e4f2a";
if (!(await run("build", bin("next"), ["build"], { SANDBOX_API_KEY: E2E_KEY, USERPILOT_API_KEY: E2E_KEY }))) finish(false);

const e2eArgs = ["test", "--reporter=list,json"];
const sqliteE2e = ["end-to-end tests", bin("playwright"), e2eArgs, {
  PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "playwright.json"),
}];
let e2eOk;
// The same suite with every console on PostgreSQL (e2e/support/database.ts), at the same time as the SQLite
// run: each run has its own app, sandbox, database, sign-in state and results folder, and a run waits on
// its servers and the browser much of the time, so the two together take far less than one after the other.
// Its app and sandbox listen 10 ports above the SQLite run's (E2E_APP_PORT, E2E_SANDBOX_PORT).
let e2ePostgresOk = true;
if (postgres.url) {
  const appPort = Number(env.E2E_APP_PORT ?? 3100);
  const sandboxPort = Number(env.E2E_SANDBOX_PORT ?? 4110);
  [e2eOk, e2ePostgresOk] = await runTogether([
    [...sqliteE2e, "sqlite"],
    ["end-to-end tests on PostgreSQL", bin("playwright"), e2eArgs, {
      PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "playwright-postgres.json"),
      E2E_DATABASE_URL: postgres.url,
      E2E_APP_PORT: String(appPort + 10),
      E2E_SANDBOX_PORT: String(sandboxPort + 10),
    }, "postgres"],
  ]);
  countPlaywright("playwright.json");
  countPlaywright("playwright-postgres.json");
} else {
  e2eOk = await run(...sqliteE2e);
  countPlaywright("playwright.json");
}

finish(lintOk && typesOk && unitOk && postgresOk && e2eOk && e2ePostgresOk);

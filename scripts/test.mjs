// npm test: lint, typecheck, unit tests, production build, end-to-end tests; ends with "N passed, N failed".
// The store tests and the end-to-end tests run again on PostgreSQL: on TEST_DATABASE_URL when set, else on
// a throw-away server (scripts/postgres-server.mjs) when PostgreSQL is installed, else they are skipped,
// saying so.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
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

function run(title, command, args, extraEnv = {}) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${title} ${seconds} s`);
  console.log(`--- ${title}: ${result.status === 0 ? "ok" : "FAILED"} in ${seconds} s`);
  return result.status === 0;
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

const lintOk = run("lint", bin("eslint"), [".", "--max-warnings=0"]);
const typesOk = run("typecheck", bin("tsc"), ["--noEmit"]);

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

const unitOk = run("unit tests", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, "vitest.json")}`]);
countVitest("vitest.json");

const postgres = await postgresServer();
let postgresOk = true;
if (postgres.url) {
  console.log(`\nPostgreSQL: ${postgres.from}`);
  postgresOk = run("unit tests on PostgreSQL", bin("vitest"), ["run", "-c", "vitest.postgres.config.mts", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, "vitest-postgres.json")}`], { TEST_DATABASE_URL: postgres.url });
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
if (!run("build", bin("next"), ["build"], { SANDBOX_API_KEY: E2E_KEY, USERPILOT_API_KEY: E2E_KEY })) finish(false);

const e2eOk = run("end-to-end tests", bin("playwright"), ["test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "playwright.json"),
});
countPlaywright("playwright.json");

// The same suite with every console on PostgreSQL (e2e/support/database.ts).
let e2ePostgresOk = true;
if (postgres.url) {
  e2ePostgresOk = run("end-to-end tests on PostgreSQL", bin("playwright"), ["test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "playwright-postgres.json"),
    E2E_DATABASE_URL: postgres.url,
  });
  countPlaywright("playwright-postgres.json");
}

finish(lintOk && typesOk && unitOk && postgresOk && e2eOk && e2ePostgresOk);

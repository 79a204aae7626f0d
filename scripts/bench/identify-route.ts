// npm run bench:route – POST /api/identify against the fake upstream, beside the upstream alone and a bare
// Next.js forwarding route; then the JavaScript each page sends.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIdentifyPayload } from "@/lib/identify/payload";
import { identifyFormSchema } from "@/lib/identify/schema";
import { buildBareApp } from "./bare-next-app";
import { formValues, VARIANTS } from "./identify-form-values";
import { cpuMs } from "./cpu";
import {
  cookieHeader,
  type LoadPlan,
  type LoadResult,
  type LoadTarget,
  mergeResults,
  runLoad,
  signInWith,
} from "./load";
import { browserWeight, type BrowserWeight } from "./browser-weight";
import { kb, pageWeight, type PageWeight } from "./page-weight";
import { machine, machineLine, repoRoot, writeDocSection } from "./perf-doc";
import { firstUrl, freePort, killAllNow, runBench, startProcess, stopAll, waitForOk } from "./processes";
import { markdownTable, ms } from "./stats";
import SQLite from "better-sqlite3";
import { runOn, urlWithDatabase, withClient } from "@/lib/testing/postgres-admin";

const COMMAND = "npm run bench:route";
const WATCHDOG_MS = 15 * 60_000;
const UPSTREAM_KEY = "bench-sandbox-key";
const ADMIN = { email: "bench-admin@example.com", password: `bench-${randomBytes(12).toString("hex")}` };
// With a PostgreSQL server, the console also runs on a fresh database there (made for the run, dropped after).
const POSTGRES_SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

const SEQUENTIAL: LoadPlan = { concurrency: 1, requests: 500, maxDurationMs: 60_000 };
const CONCURRENT: LoadPlan = { concurrency: 16, requests: 3000, maxDurationMs: 10_000 };
// Each plan runs in rounds that rotate the paths, so a burst of load from elsewhere on the machine
// lands on all of them rather than on whichever ran at that moment.
const ROUNDS: Record<number, number> = { 1: 5, 16: 3 };
// Long enough for V8 to optimise every path's hot code before anything is measured; then a short warm-up
// before each plan brings the connections (one per worker) up.
const JIT_WARMUP: LoadPlan = { concurrency: 16, requests: 2000, maxDurationMs: 20_000 };
const WARMUP: Record<number, LoadPlan> = {
  1: { concurrency: 1, requests: 100, maxDurationMs: 20_000 },
  16: { concurrency: 16, requests: 400, maxDurationMs: 10_000 },
};

const TARGET_ADDED_P50_MS = 3;
const TARGET_THROUGHPUT_FRACTION = 0.7;
const TARGET_JS_RATIO = 1.45;

// Sources whose change makes a product build stale (the list scripts/start.mjs uses).
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "instrumentation.ts",
  "next.config.js",
  "package.json",
  "package-lock.json",
];

type PathName =
  | "direct to upstream"
  | "bare Next.js forward"
  | "bare forward, undici"
  | "POST /api/identify"
  | "POST /api/identify (PostgreSQL)";
type Row = {
  path: PathName;
  concurrency: number;
  result: LoadResult;
  /** CPU ms per request of the Next.js server under test (none for the direct path). */
  serverCpu: number;
  /** CPU ms per request of the fake upstream. */
  upstreamCpu: number;
};

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`route bench: gave up after ${WATCHDOG_MS / 60_000} minutes`);
    killAllNow();
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();
  process.on("exit", killAllNow);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      killAllNow();
      process.exit(130);
    });
  }

  const root = repoRoot();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-route-"));
  try {
    const forms = Array.from({ length: VARIANTS }, (_, i) => identifyFormSchema.parse(formValues(i)));
    const formBodies = forms.map((values) => JSON.stringify({ environmentId: null, replayOf: null, values }));
    const payloadBodies = forms.map((form) => JSON.stringify(buildIdentifyPayload(form)));

    const build = productBuild(root);
    const productDir = snapshotProductApp(root, path.join(temp, "product-app"));
    console.log(`Product app: ${build}; served from a copy in ${productDir}`);

    const sandbox = startProcess(
      "sandbox",
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/bench/sandbox-server.ts"],
      {
        cwd: root,
        env: { ...process.env, SANDBOX_API_KEY: UPSTREAM_KEY },
      },
    );
    const upstream = await firstUrl(sandbox, 30_000);
    console.log(`Fake upstream (lib/sandbox, own process): ${upstream}`);

    const bareDir = path.join(temp, "bare-app");
    const bareBuildStarted = performance.now();
    buildBareApp(bareDir, root);
    console.log(
      `Bare Next.js app built in ${((performance.now() - bareBuildStarted) / 1000).toFixed(1)} s (${bareDir})`,
    );

    const nextBin = path.join(root, "node_modules", ".bin", "next");
    const [barePort, appPort] = [await freePort(), await freePort()];
    const bare = startProcess(
      "bare app",
      nextBin,
      ["start", "-p", String(barePort), "-H", "127.0.0.1", bareDir],
      {
        cwd: bareDir,
        env: { ...cleanEnv(), UPSTREAM_URL: upstream, UPSTREAM_KEY },
      },
    );
    // What is measured is the route's own cost, not Userpilot's limit: the pace still takes and gives back
    // a turn on every send, but never makes one wait.
    const appEnv = (databaseUrl: string) => ({
      ...cleanEnv(),
      USERPILOT_API_URL: upstream,
      SANDBOX_API_KEY: UPSTREAM_KEY,
      DATABASE_URL: databaseUrl,
      APP_SECRET: randomBytes(32).toString("base64url"),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      UPSTREAM_RATE_PER_MINUTE: "100000000",
    });
    const app = startProcess(
      "product app",
      nextBin,
      ["start", "-p", String(appPort), "-H", "127.0.0.1", productDir],
      { cwd: productDir, env: { ...appEnv(`file:${path.join(temp, "bench.db")}`), PORT: String(appPort) } },
    );
    const bareUrl = `http://127.0.0.1:${barePort}`;
    const appUrl = `http://127.0.0.1:${appPort}`;
    type Session = Awaited<ReturnType<typeof signInWith>>;
    let postgres: { url: string; database: string; cookies: Session; pid: number | undefined } | undefined;
    if (POSTGRES_SERVER) {
      await runOn(POSTGRES_SERVER, `drop database if exists "${ROUTE_DATABASE}"`);
      await runOn(POSTGRES_SERVER, `create database "${ROUTE_DATABASE}"`);
      const pgPort = await freePort();
      const pgApp = startProcess(
        "product app on PostgreSQL",
        nextBin,
        ["start", "-p", String(pgPort), "-H", "127.0.0.1", productDir],
        {
          cwd: productDir,
          env: { ...appEnv(urlWithDatabase(POSTGRES_SERVER, ROUTE_DATABASE)), PORT: String(pgPort) },
        },
      );
      const url = `http://127.0.0.1:${pgPort}`;
      await waitForOk(`${url}/api/health`, pgApp, 90_000);
      const database = urlWithDatabase(POSTGRES_SERVER, ROUTE_DATABASE);
      postgres = { url, database, cookies: await signInWith(url, ADMIN), pid: pgApp.child.pid };
      await checkIdentify(url, cookieHeader(postgres.cookies), formBodies[0]!);
      accepted.postgres.count(true);
    } else {
      console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a server to run it)");
    }
    await Promise.all([
      waitForOk(`${bareUrl}/`, bare, 60_000),
      waitForOk(`${appUrl}/api/health`, app, 90_000),
    ]);
    const cookies = await signInWith(appUrl, ADMIN);
    await checkIdentify(appUrl, cookieHeader(cookies), formBodies[0]!);
    accepted.sqlite.count(true);

    const targets: Partial<Record<PathName, LoadTarget>> = {
      "direct to upstream": {
        url: `${upstream}/v1/identify`,
        headers: { authorization: `Token ${UPSTREAM_KEY}`, "x-api-version": "2020-09-22" },
        body: (i) => payloadBodies[i % VARIANTS]!,
        ok: (status) => status === 202,
      },
      "bare Next.js forward": {
        url: `${bareUrl}/api/forward`,
        headers: {},
        body: (i) => payloadBodies[i % VARIANTS]!,
        ok: (status) => status === 202,
      },
      "bare forward, undici": {
        url: `${bareUrl}/api/forward-undici`,
        headers: {},
        body: (i) => payloadBodies[i % VARIANTS]!,
        ok: (status) => status === 202,
      },
      "POST /api/identify": {
        url: `${appUrl}/api/identify`,
        headers: {},
        cookies,
        body: (i) => formBodies[i % VARIANTS]!,
        ok: (status, body) => status === 200 && accepted.sqlite.count(acceptedOutcome(body)),
      },
      ...(postgres && {
        "POST /api/identify (PostgreSQL)": {
          url: `${postgres.url}/api/identify`,
          headers: {},
          cookies: postgres.cookies,
          body: (i: number) => formBodies[i % VARIANTS]!,
          ok: (status: number, body: string) => status === 200 && accepted.postgres.count(acceptedOutcome(body)),
        },
      }),
    };

    const servers: Record<PathName, number | undefined> = {
      "direct to upstream": undefined,
      "bare Next.js forward": bare.child.pid,
      "bare forward, undici": bare.child.pid,
      "POST /api/identify": app.child.pid,
      "POST /api/identify (PostgreSQL)": postgres?.pid,
    };
    const names = Object.keys(targets) as PathName[];
    const loadBefore = os.loadavg();
    const rows: Row[] = [];
    for (const name of names) await runLoad(targets[name]!, JIT_WARMUP);
    for (const plan of [SEQUENTIAL, CONCURRENT]) {
      for (const name of names) await runLoad(targets[name]!, WARMUP[plan.concurrency]!);
      const rounds = ROUNDS[plan.concurrency]!;
      const parts = new Map(
        names.map((name) => [name, { results: [] as LoadResult[], serverCpu: 0, upstreamCpu: 0 }]),
      );
      for (let round = 0; round < rounds; round++) {
        for (const name of names.map((_, k) => names[(k + round) % names.length]!)) {
          const part = parts.get(name)!;
          const [server0, upstream0] = [cpuMs(servers[name]), cpuMs(sandbox.child.pid)];
          part.results.push(
            await runLoad(targets[name]!, {
              concurrency: plan.concurrency,
              requests: Math.ceil(plan.requests / rounds),
              maxDurationMs: plan.maxDurationMs / rounds,
            }),
          );
          part.serverCpu += cpuMs(servers[name]) - server0;
          part.upstreamCpu += cpuMs(sandbox.child.pid) - upstream0;
        }
      }
      for (const name of names) {
        const part = parts.get(name)!;
        const result = mergeResults(part.results);
        rows.push({
          path: name,
          concurrency: plan.concurrency,
          result,
          serverCpu: part.serverCpu / result.requests,
          upstreamCpu: part.upstreamCpu / result.requests,
        });
        const { latency } = result;
        console.log(
          `  ${name.padEnd(22)} c=${String(plan.concurrency).padEnd(3)} n=${result.requests} p50 ${ms(latency.p50)} p95 ${ms(latency.p95)} p99 ${ms(latency.p99)} ms, ${result.perSecond.toFixed(0)} req/s` +
            (result.failures ? `, ${result.failures} FAILED (first: ${result.firstFailure})` : ""),
        );
      }
    }
    const loadAfter = os.loadavg();
    const recorded: Recorded[] = [
      { database: "SQLite", answered: accepted.sqlite.total, rows: sqliteStatuses(path.join(temp, "bench.db")) },
    ];
    if (postgres) {
      const rows = await postgresStatuses(postgres.database);
      recorded.push({ database: "PostgreSQL", answered: accepted.postgres.total, rows });
    }
    const loadNote = `Load average (1 min) on the machine: ${loadBefore[0]!.toFixed(2)} before the load runs, ${loadAfter[0]!.toFixed(2)} after.`;

    const weights = await pageWeights(productDir, appUrl, cookieHeader(cookies), bareUrl);
    const visits = await browserVisits(appUrl, cookieHeader(cookies), bareUrl);
    await stopAll();

    const report = render(rows, weights, visits, build, loadNote, recorded);
    console.log(`\n${report}`);
    writeDocSection(
      "route",
      [
        "## Request path: POST /api/identify, and the JavaScript each page sends",
        "",
        `Command: \`${COMMAND}\` (\`scripts/bench/identify-route.ts\`). Machine: ${machineLine(machine())}.`,
        "",
        report,
      ].join("\n"),
    );
    console.log("\nWrote the route section of docs/performance.md");
    if (postgres) {
      writeDocSection(
        "postgres-route",
        [
          "### Request path on PostgreSQL",
          "",
          `Command: \`BENCH_DATABASE_URL=postgres://user@host:port/postgres ${COMMAND}\` (or \`TEST_DATABASE_URL\`). The`,
          "same product build started a second time with `DATABASE_URL` on a fresh database of that server (same machine),",
          "as a fourth path in the same rotating rounds as the route section's three; below, the console on each database",
          `and the bare forward from that one run. Machine: ${machineLine(machine())}.`,
          loadNote,
          "",
          postgresTable(rows),
        ].join("\n"),
      );
      console.log("Wrote the postgres-route section of docs/performance.md");
    }
  } finally {
    await stopAll();
    if (POSTGRES_SERVER) await runOn(POSTGRES_SERVER, `drop database if exists "${ROUTE_DATABASE}"`).catch(() => {});
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

const ROUTE_DATABASE = `bench_route_${process.pid}`;


/** The console on each database beside the bare forward, at each concurrency. */
function postgresTable(rows: Row[]): string {
  const shown: PathName[] = ["bare Next.js forward", "POST /api/identify", "POST /api/identify (PostgreSQL)"];
  const bare = (concurrency: number) =>
    rows.find((r) => r.path === "bare Next.js forward" && r.concurrency === concurrency)!.result.perSecond;
  return markdownTable(
    ["path", "database", "concurrency", "requests", "failed", "p50 ms", "p95 ms", "p99 ms", "req/s", "× bare req/s", "server CPU ms/req"],
    rows
      .filter((r) => shown.includes(r.path))
      .map(({ path: name, concurrency, result, serverCpu }) => [
        name.replace(" (PostgreSQL)", ""),
        name === "bare Next.js forward" ? "–" : name.endsWith("(PostgreSQL)") ? "PostgreSQL" : "SQLite",
        String(concurrency),
        String(result.requests),
        String(result.failures),
        ms(result.latency.p50),
        ms(result.latency.p95),
        ms(result.latency.p99),
        result.perSecond.toFixed(0),
        `${((result.perSecond / bare(concurrency)) * 100).toFixed(0)}%`,
        ms(serverCpu),
      ]),
  );
}

/** The environment for a server: ours, minus anything that would point the product somewhere real. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
  for (const name of [
    "USERPILOT_API_KEY",
    "USERPILOT_REGION",
    "USERPILOT_API_URL",
    "APP_URL",
    "PORT",
    "DATABASE_URL",
    "SANDBOX",
  ])
    delete env[name];
  return env;
}

/** Uses the existing build; builds only when there is none. Says which, and whether sources changed since. */
function productBuild(root: string): string {
  const buildIdFile = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildIdFile)) {
    console.log("No .next/BUILD_ID: building the product app (next build) …");
    execFileSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "inherit",
      timeout: 10 * 60_000,
    });
    return `built now by the benchmark, BUILD_ID ${fs.readFileSync(buildIdFile, "utf8").trim()}`;
  }
  const builtAt = fs.statSync(buildIdFile).mtimeMs;
  const newest = Math.max(...SOURCES.map((entry) => newestMtime(path.join(root, entry))));
  const id = fs.readFileSync(buildIdFile, "utf8").trim();
  const stale =
    newest > builtAt
      ? `; NOTE: sources changed after it (newest ${new Date(newest).toISOString()})`
      : "; no source is newer";
  return `existing build ${id} from ${new Date(builtAt).toISOString()}${stale}`;
}

/**
 * A private copy of the build to serve, so a `next build` someone runs in the repository meanwhile can't
 * delete the chunks of the server under test. The rest of the project is linked, not copied.
 */
function snapshotProductApp(root: string, dir: string): string {
  const buildId = () => fs.readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8");
  for (let attempt = 1; ; attempt++) {
    const before = buildId();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(path.join(root, ".next"), path.join(dir, ".next"), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => !source.startsWith(path.join(root, ".next", "cache")),
    });
    if (before === buildId() && before === fs.readFileSync(path.join(dir, ".next", "BUILD_ID"), "utf8"))
      break;
    if (attempt === 3)
      throw new Error("The product build kept changing while it was copied (a next build running?)");
  }
  for (const file of ["package.json", "next.config.js"])
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  for (const link of ["node_modules", "public"]) {
    if (fs.existsSync(path.join(root, link)))
      fs.symlinkSync(path.join(root, link), path.join(dir, link), "dir");
  }
  return dir;
}

function newestMtime(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(file).map((child) => newestMtime(path.join(file, child))));
}



async function checkIdentify(appUrl: string, cookie: string, body: string): Promise<void> {
  const response = await fetch(`${appUrl}/api/identify`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body,
  });
  const text = await response.text();
  if (response.status === 401)
    throw new Error(`POST /api/identify answered 401 even signed in: ${text.slice(0, 300)}`);
  if (!response.ok || !acceptedOutcome(text))
    throw new Error(`POST /api/identify did not forward: ${response.status} ${text.slice(0, 300)}`);
}

/** Counts the sends answered with an accepted outcome, to hold against the history's rows after the load. */
function acceptedCounter() {
  const counter = {
    total: 0,
    count(accepted: boolean): boolean {
      if (accepted) counter.total += 1;
      return accepted;
    },
  };
  return counter;
}

const accepted = { sqlite: acceptedCounter(), postgres: acceptedCounter() };

/** The history's rows by status: every send of the run should be there as "202", none left pending. */
type StatusCounts = Record<string, number>;
const STATUS_COUNTS = "select status, count(*) as n from requests group by status";

function sqliteStatuses(file: string): StatusCounts {
  const database = new SQLite(file, { readonly: true });
  try {
    const rows = database.prepare(STATUS_COUNTS).all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  } finally {
    database.close();
  }
}

async function postgresStatuses(url: string): Promise<StatusCounts> {
  const { rows } = await withClient(url, (client) => client.query<{ status: string; n: string }>(STATUS_COUNTS));
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

type Recorded = { database: string; answered: number; rows: StatusCounts };

const allRecorded = ({ answered, rows }: Recorded) =>
  rows["202"] === answered && Object.keys(rows).every((status) => status === "202");

function acceptedOutcome(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { outcome?: { httpStatus?: unknown } };
    return parsed.outcome?.httpStatus === 202;
  } catch {
    return false;
  }
}

type Weights = { product: PageWeight[]; bare: PageWeight };

/** Every page of the product app (from its build's route list, dynamic segments left out) and the bare page. */
async function pageWeights(root: string, appUrl: string, cookie: string, bareUrl: string): Promise<Weights> {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(root, ".next", "app-path-routes-manifest.json"), "utf8"),
  ) as Record<string, string>;
  const pages = Object.entries(manifest)
    .filter(([entry, route]) => entry.endsWith("/page") && !route.includes("[") && !route.startsWith("/_"))
    .map(([, route]) => route)
    .sort((a, b) => (a === "/" ? -1 : b === "/" ? 1 : a.localeCompare(b)));
  const product = [];
  for (const page of pages) product.push(await pageWeight(appUrl, page, cookie));
  return { product, bare: await pageWeight(bareUrl, "/") };
}

type Visits = { identify: BrowserWeight; identifyInUse: BrowserWeight; bare: BrowserWeight };

/** What Chromium downloads for the Identify page (a visit, then the form's first use) and for the bare page. */
async function browserVisits(appUrl: string, cookie: string, bareUrl: string): Promise<Visits> {
  const identify = await browserWeight(`${appUrl}/`, cookie, (page) => page.getByLabel("User ID").focus());
  const bare = await browserWeight(`${bareUrl}/`, undefined);
  return { identify: identify.visit, identifyInUse: identify.afterUse!, bare: bare.visit };
}

function render(
  rows: Row[],
  weights: Weights,
  visits: Visits,
  build: string,
  loadNote: string,
  recorded: Recorded[],
): string {
  const find = (name: PathName, concurrency: number) =>
    rows.find((r) => r.path === name && r.concurrency === concurrency)!.result;
  const addedP50 = find("POST /api/identify", 1).latency.p50 - find("direct to upstream", 1).latency.p50;
  const bareAddedP50 =
    find("bare Next.js forward", 1).latency.p50 - find("direct to upstream", 1).latency.p50;
  const fraction = find("POST /api/identify", 16).perSecond / find("bare Next.js forward", 16).perSecond;
  const undiciFraction = find("POST /api/identify", 16).perSecond / find("bare forward, undici", 16).perSecond;

  const loadTable = markdownTable(
    [
      "path",
      "concurrency",
      "requests",
      "failed",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "req/s",
      "server CPU ms/req",
      "upstream CPU ms/req",
    ],
    rows.map(({ path: name, concurrency, result, serverCpu, upstreamCpu }) => [
      name,
      String(concurrency),
      String(result.requests),
      String(result.failures),
      ms(result.latency.p50),
      ms(result.latency.p95),
      ms(result.latency.p99),
      result.perSecond.toFixed(0),
      Number.isFinite(serverCpu) ? ms(serverCpu) : "–",
      ms(upstreamCpu),
    ]),
  );
  const failures = rows.filter((r) => r.result.failures > 0);

  const bareKb = weights.bare.gzipBytes;
  const identify = weights.product.find((page) => page.path === "/");
  const jsRatio = identify ? identify.gzipBytes / bareKb : NaN;
  const weightTable = markdownTable(
    ["page", "HTTP", "script chunks", "JS gzip KB", "× bare page", "HTML gzip KB"],
    [
      ...weights.product.map((page) => [
        page.signedIn ? page.path : `${page.path} (signed out)`,
        page.location ? `${page.status} → ${page.location}` : String(page.status),
        String(page.scripts.length),
        page.location ? "–" : kb(page.gzipBytes),
        page.location ? "–" : (page.gzipBytes / bareKb).toFixed(2),
        kb(page.htmlGzipBytes),
      ]),
      [
        "bare Next.js `/`",
        String(weights.bare.status),
        String(weights.bare.scripts.length),
        kb(bareKb),
        "1.00",
        kb(weights.bare.htmlGzipBytes),
      ],
    ],
  );
  const chunkRows = (page: PageWeight, other: PageWeight | undefined) =>
    [...page.scripts]
      .sort((a, b) => b.gzipBytes - a.gzipBytes)
      .map((script) => [
        script.src.replace(/^\/_next\/static\/chunks\//, ""),
        kb(script.bytes),
        kb(script.gzipBytes),
        ...(other ? [other.scripts.some((o) => o.sha1 === script.sha1) ? "yes" : "no"] : []),
        script.contains.join(", ") || "–",
      ]);
  const chunkTable = identify
    ? markdownTable(
        [
          "chunk of the Identify page `/`",
          "raw KB",
          "gzip KB",
          "same bytes on the bare page",
          "contains (marker strings)",
        ],
        chunkRows(identify, weights.bare),
      )
    : "";
  const bareChunkTable = markdownTable(
    ["chunk of the bare page", "raw KB", "gzip KB", "contains (marker strings)"],
    chunkRows(weights.bare, undefined),
  );

  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  return [
    `- Product app: ${build}; served by \`next start\` from a private copy of \`.next\`, with \`USERPILOT_API_URL\``,
    "  set to the fake upstream, a fresh SQLite file and a session of the first admin (`ADMIN_EMAIL`/`ADMIN_PASSWORD`,",
    "  then `POST /api/auth/sign-in/email`; the load generator keeps the session's cookies as a browser would).",
    `- Bare app: a generated Next.js app (the same \`node_modules\`, Next.js ${nextVersion()}) whose`,
    "  `app/api/forward/route.ts` forwards the body to the upstream with fetch and answers with the upstream's answer;",
    "  `app/api/forward-undici/route.ts` does the same with undici's `request` (the product's client since 2026-11-30),",
    "  a reference for how much of the product's margin is the client.",
    "- Fake upstream: `lib/sandbox` (`startSandboxServer`, in-memory store, no request log, a rate limit so high that",
    "  429 never answers), in its own process.",
    "- Bodies: the product gets Identify form values (4 user properties: string, numeric, date, string; a company",
    `  with 1 property; ${VARIANTS} user ids in turn); the direct and bare paths get the JSON the product sends upstream.`,
    `- Load: a closed loop in Node (\`node:http\`, keep-alive, one connection per worker). First ${JIT_WARMUP.requests} requests at`,
    `  concurrency 16 on each path, so V8 has optimised the hot code; then ${SEQUENTIAL.requests} sequential requests, then`,
    `  ${CONCURRENT.requests} requests or ${CONCURRENT.maxDurationMs / 1000} s at concurrency 16, each after a short warm-up, in ${ROUNDS[1]} and ${ROUNDS[16]} rounds that rotate the`,
    "  paths. One path is under load at a time; the load generator, the upstream and the server share the CPUs.",
    "- CPU ms/req: each process's user + system time (from /proc) over the requests it served, steadier than",
    `  latency on a busy machine. ${loadNote}`,
    "",
    loadTable,
    "",
    failures.length
      ? `Failures: ${failures.map((r) => `${r.path} c=${r.concurrency}: ${r.result.firstFailure}`).join("; ")}\n`
      : "",
    markdownTable(
      ["measure", "value", "target", ""],
      [
        [
          "our route's added p50 over direct, concurrency 1",
          `${ms(addedP50)} ms`,
          `≤ ${TARGET_ADDED_P50_MS} ms`,
          verdict(addedP50 <= TARGET_ADDED_P50_MS),
        ],
        ["(bare forward's added p50 over direct, for reference)", `${ms(bareAddedP50)} ms`, "", ""],
        [
          "our route's throughput / bare forward's, concurrency 16",
          `${(fraction * 100).toFixed(0)}%`,
          `≥ ${TARGET_THROUGHPUT_FRACTION * 100}%`,
          verdict(fraction >= TARGET_THROUGHPUT_FRACTION),
        ],
        [
          "(our route's throughput / the undici bare forward's, concurrency 16, for reference: the same HTTP client)",
          `${(undiciFraction * 100).toFixed(0)}%`,
          "",
          "",
        ],
        ...recorded.map((entry) => [
          `every accepted send on record with its outcome (${entry.database}, the whole run)`,
          `${entry.answered} answered 202; rows: ${Object.entries(entry.rows).map(([status, n]) => `${n} ${status}`).join(", ")}`,
          "all, none pending",
          verdict(allRecorded(entry)),
        ]),
        [
          "Identify page JS / bare page JS (gzip)",
          `${jsRatio.toFixed(2)}×`,
          `≤ ${TARGET_JS_RATIO}×`,
          verdict(jsRatio <= TARGET_JS_RATIO),
        ],
      ],
    ),
    "",
    "JavaScript per page: the `<script src>` chunks in the page's HTML, signed in as an admin, each gzip-compressed with",
    "`node:zlib` (default level). Inline scripts (the RSC payload) are in the HTML column, not in the JS column.",
    "",
    weightTable,
    "",
    "What a browser downloads: Debian's Chromium (headless, signed in as an admin) opens the page and waits until no",
    "request has been in flight for 500 ms, so chunks a page loads after it shows count too; each script response",
    "gzip-sized as above. Then the User ID field is focused (the form's first use) and the same wait repeats.",
    "",
    markdownTable(
      ["page, in Chromium", "scripts", "JS gzip KB", "× bare page", "zod among them"],
      (
        [
          ["Identify `/`, a visit", visits.identify],
          ["Identify `/`, after User ID is first focused", visits.identifyInUse],
          ["bare Next.js `/`", visits.bare],
        ] as const
      ).map(([name, weight]) => [
        name,
        String(weight.scripts),
        kb(weight.gzipBytes),
        (weight.gzipBytes / visits.bare.gzipBytes).toFixed(2),
        weight.withZod ? "yes" : "no",
      ]),
    ),
    "",
    "What the Identify page loads, largest first (the two apps are separate builds, so the shared Next.js and React",
    'runtime has other file names; "same bytes" compares content):',
    "",
    chunkTable,
    "",
    bareChunkTable,
  ]
    .filter((line, index, all) => !(line === "" && all[index - 1] === ""))
    .join("\n");
}

function nextVersion(): string {
  return (
    JSON.parse(fs.readFileSync(path.join(repoRoot(), "node_modules", "next", "package.json"), "utf8")) as {
      version: string;
    }
  ).version;
}

runBench(main);

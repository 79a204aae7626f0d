// A throw-away PostgreSQL server for tests: a new cluster in a temporary folder, on 127.0.0.1 at a free
// port, trust authentication, fsync off; removed again when stopped.
//   node scripts/postgres-server.mjs                 prints its URL, runs until Ctrl-C
//   node scripts/postgres-server.mjs -- <command...>  runs the command with TEST_DATABASE_URL set, then stops
// scripts/test.mjs imports startPostgres() when TEST_DATABASE_URL is not set.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The folder holding initdb and pg_ctl (PG_BIN, else Debian's newest /usr/lib/postgresql/<v>/bin, else PATH). */
export function findPostgresBinaries() {
  const has = (dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"));
  if (process.env.PG_BIN) return has(process.env.PG_BIN) ? process.env.PG_BIN : undefined;
  const debian = "/usr/lib/postgresql";
  const versions = fs.existsSync(debian)
    ? fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) if (has(path.join(debian, version, "bin"))) return path.join(debian, version, "bin");
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir && has(dir)) return dir;
  return undefined;
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// The server refuses to run as root: as root, everything runs as the `postgres` user, which must be able
// to reach the folder, so it goes under a temp dir whose every parent others may traverse.
const asRoot = process.getuid?.() === 0;

function traversable(dir) {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if ((fs.statSync(at).mode & 0o001) === 0) return false;
    if (path.dirname(at) === at) return true;
  }
}

function baseDir() {
  const tmp = os.tmpdir();
  return !asRoot || traversable(tmp) ? tmp : "/tmp";
}

function runAsServerUser(bin, args, options = {}) {
  const [command, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  return spawnSync(command, argv, { encoding: "utf8", ...options });
}

/**
 * Starts the cluster; resolves to `{ url, stop() }` (the URL names the `postgres` database), or throws
 * with the reason and the server's log.
 */
export async function startPostgres({ bin = findPostgresBinaries() } = {}) {
  if (!bin) throw new Error("no initdb/pg_ctl found (looked in PG_BIN, /usr/lib/postgresql/*/bin and PATH)");
  const dir = fs.mkdtempSync(path.join(baseDir(), "identify-pg-"));
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  if (asRoot) spawnSync("chown", ["postgres", dir]);
  const fail = (what, result) => {
    const logText = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${what} failed: ${result.error?.message ?? ""}${result.stderr ?? ""}${result.stdout ?? ""}${logText}`);
  };

  const init = runAsServerUser(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  if (init.status !== 0) fail("initdb", init);

  let port;
  for (let attempt = 0; ; attempt += 1) {
    port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
    const started = runAsServerUser(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", log, "-w", "-t", "60", "start"]);
    if (started.status === 0) break;
    // Another process may have taken the port between the probe and the start.
    if (attempt === 2) fail("pg_ctl start", started);
  }

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    runAsServerUser(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stop);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

// As a command.
if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startPostgres().catch((error) => {
    console.error(`PostgreSQL: ${error.message}`);
    process.exit(1);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));
  const command = process.argv.indexOf("--");
  if (command < 0) {
    console.log(`TEST_DATABASE_URL=${server.url}`);
    console.log("PostgreSQL is running; Ctrl-C stops it and removes its data.");
    setInterval(() => {}, 1 << 30);
  } else {
    const [name, ...args] = process.argv.slice(command + 1);
    const child = spawn(name, args, { stdio: "inherit", env: { ...process.env, TEST_DATABASE_URL: server.url } });
    child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  }
}

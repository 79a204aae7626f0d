import { spawn, type ChildProcess } from "node:child_process";
import type { APIRequestContext } from "@playwright/test";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { databaseUrlFor, ensureDatabase } from "./database";
import { E2E } from "./settings";

/**
 * A second `next start`, separate from the one playwright.config.ts serves, for tests that must kill the
 * server, restart it on the same database, or read everything it logs. It gets the same environment as
 * the shared app (E2E.appEnv, so whatever sign-in settings land there come along) with its own port and
 * database unless told otherwise: a SQLite file, or on PostgreSQL runs a database of its own per distinct
 * `databaseFile` (e2e/support/database.ts).
 *
 * It is reached as http://localhost:<port>, not 127.0.0.1 like the shared app: cookies ignore ports, so a
 * different host name keeps the two servers' sign-in cookies apart in one browser or request context.
 */

export type AppServer = {
  url: string;
  port: number;
  databaseFile: string;
  /** The `next start` process (the server itself: it serves in that process). */
  pid: number | undefined;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Sends the signal and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Whether the process is still running. */
  running(): boolean;
};

export type AppServerOptions = {
  databaseFile: string;
  /** A postgres:// DATABASE_URL instead of the SQLite file (several servers on one database). */
  databaseUrl?: string;
  port?: number;
  /** Extra or replaced variables, on top of E2E.appEnv. */
  env?: Record<string, string>;
};

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A temporary directory for one test's database; remove it with `removeTempDir`. */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `identify-e2e-${prefix}-`));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  if (!options.databaseUrl) await ensureDatabase(options.databaseFile);
  const url = `http://localhost:${port}`;
  const chunks: string[] = [];
  const child: ChildProcess = spawn("./node_modules/.bin/next", ["start", "-p", String(port)], {
    env: {
      ...process.env,
      ...E2E.appEnv,
      PORT: String(port),
      DATABASE_URL: options.databaseUrl ?? databaseUrlFor(options.databaseFile),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stop() reaches anything it might start.
    detached: true,
  });
  child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let alive = true;
  void exited.then(() => (alive = false));

  const server: AppServer = {
    url,
    port,
    databaseFile: options.databaseFile,
    pid: child.pid,
    output: () => chunks.join(""),
    running: () => alive,
    async stop(signal = "SIGTERM") {
      if (!alive || child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
      await exited;
    },
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!alive) throw new Error(`next start on port ${port} exited before it was ready:\n${server.output()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await server.stop("SIGKILL");
      throw new Error(`next start on port ${port} was not ready within 30 s:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Signs the context (a `request` fixture, or `page.request` for the page's browser context) in to a
 * separately started server as the first admin, when the app has sign-in (E2E.admin); else does nothing.
 */
export async function signIn(context: APIRequestContext, server: AppServer): Promise<void> {
  const admin = (E2E as { admin?: { email: string; password: string } }).admin;
  if (!admin) return;
  const response = await context.post(`${server.url}/api/auth/sign-in/email`, {
    data: { email: admin.email, password: admin.password },
    headers: { origin: server.url },
  });
  if (!response.ok())
    throw new Error(`sign-in on ${server.url} answered ${response.status()}: ${await response.text()}`);
}

/** Lines of server output that mean an error escaped a handler. */
export function escapedErrors(output: string): string[] {
  return output
    .split("\n")
    .filter((line) =>
      /unhandled|uncaught|⨯|\bError:|TypeError|RangeError|database is locked|SQLITE_BUSY/i.test(line),
    );
}

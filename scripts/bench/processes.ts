import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";

/** Servers this benchmark started, each in its own process group so stopping one stops its children. */
const started = new Set<ChildProcess>();

export type Started = { child: ChildProcess; output: () => string };

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Started {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    // Enough to explain a failed start; the rest is dropped so a chatty server costs no memory.
    if (output.length < 64 * 1024) output += chunk.toString("utf8");
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("exit", () => started.delete(child));
  child.on("error", (error) => {
    output += `\n[${name}] ${error.message}`;
  });
  return { child, output: () => output };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops every server started here: SIGTERM to its group, SIGKILL after a grace period. */
export async function stopAll(graceMs = 5000): Promise<void> {
  const children = [...started];
  const exited = children.map(
    (child) =>
      new Promise<void>((resolve) =>
        child.exitCode !== null || child.signalCode !== null
          ? resolve()
          : child.once("exit", () => resolve()),
      ),
  );
  for (const child of children) signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => children.forEach((child) => signalGroup(child, "SIGKILL")), graceMs);
  await Promise.all(exited);
  clearTimeout(timer);
}

/** Synchronous last resort for process.on("exit"): no waiting possible there. */
export function killAllNow(): void {
  for (const child of started) signalGroup(child, "SIGKILL");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until the URL answers 200, the process exits, or the time is up. */
export async function waitForOk(url: string, server: Started, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `The server for ${url} exited (${server.child.exitCode ?? server.child.signalCode}):\n${server.output()}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s:\n${server.output()}`);
}

/** The first http://127.0.0.1:port a started server prints (the fake upstream prints its URL first). */
export async function firstUrl(server: Started, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /http:\/\/127\.0\.0\.1:\d+/.exec(server.output());
    if (match) return match[0];
    if (server.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The fake upstream did not start:\n${server.output()}`);
}

/** Runs a benchmark's main: exit 0 when it finishes, else print the error, stop every server and exit 1. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    async (error: unknown) => {
      console.error(error);
      await stopAll();
      process.exit(1);
    },
  );
}

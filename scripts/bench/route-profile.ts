// npm run bench:route-profile [app dir] – a CPU profile of `next start` while it serves POST /api/identify at
// concurrency 16 (the load of bench:route), and the server's CPU ms per send without the profiler. The app
// dir (default: this repository) must hold a build; it is served from a private copy. Prints the functions
// with the most self time, and leaves the .cpuprofile under the output dir for a closer look.
// PROFILE_SENDS=0: the CPU figures only; PROFILE_CPU_ROUNDS: how many (default 3); PROFILE_VALUES_ONLY=1 for
// builds before the send envelope (c55fbd2), which took the form's values as the whole body.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { identifyFormSchema } from "@/lib/identify/schema";
import { cpuMs } from "./cpu";
import { formValues } from "./identify-form-values";
import { runLoad, signInWith, type LoadTarget } from "./load";
import { repoRoot } from "./perf-doc";
import { firstUrl, freePort, killAllNow, runBench, startProcess, waitForOk } from "./processes";
import { ms } from "./stats";

const UPSTREAM_KEY = "bench-sandbox-key";
const ADMIN = { email: "bench-admin@example.com", password: `bench-${randomBytes(12).toString("hex")}` };
const SENDS = Number(process.env.PROFILE_SENDS ?? 5000);
const CPU_ROUNDS = Number(process.env.PROFILE_CPU_ROUNDS ?? 3);

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const form = (i: number) => identifyFormSchema.parse(formValues(i));

async function serve(appDir: string, temp: string, upstream: string, profileDir: string | undefined) {
  const port = await freePort();
  const node = process.execPath;
  const nextJs = path.join(repoRoot(), "node_modules", "next", "dist", "bin", "next");
  const args = [
    ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    nextJs,
    "start",
    "-p",
    String(port),
    "-H",
    "127.0.0.1",
    appDir,
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
  for (const name of ["USERPILOT_API_KEY", "USERPILOT_REGION", "APP_URL", "SANDBOX", "NODE_OPTIONS"]) delete env[name];
  const app = startProcess("app", node, args, {
    cwd: appDir,
    env: {
      ...env,
      PORT: String(port),
      USERPILOT_API_URL: upstream,
      SANDBOX_API_KEY: UPSTREAM_KEY,
      DATABASE_URL: `file:${path.join(temp, `bench-${port}.db`)}`,
      APP_SECRET: randomBytes(32).toString("base64url"),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      UPSTREAM_RATE_PER_MINUTE: "100000000",
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForOk(`${url}/api/health`, app, 90_000);
  const cookies = await signInWith(url, ADMIN);
  const bodies = Array.from({ length: 500 }, (_, i) =>
    // Builds before the one request shape of a send took the form's values as the whole body.
    JSON.stringify(process.env.PROFILE_VALUES_ONLY ? form(i) : { environmentId: null, replayOf: null, values: form(i) }),
  );
  const target: LoadTarget = {
    url: `${url}/api/identify`,
    headers: {},
    cookies,
    body: (i) => bodies[i % 500]!,
    ok: (status, body) => status === 200 && body.includes('"httpStatus":202'),
  };
  return { app, target };
}

/** Stops one server (its process group) and waits until it has written its profile and exited. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-child.pid, "SIGTERM");
  await exited;
}

function summarizeProfile(file: string, sends: number): void {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  for (const [id] of self) if (byId.get(id)!.callFrame.functionName === "(idle)") self.delete(id);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const label = (node: ProfileNode) =>
    `${node.callFrame.functionName || "(anonymous)"} ${node.callFrame.url.replace(/^.*\/(node_modules|\.next)\//, "$1/")}:${node.callFrame.lineNumber}`;
  const selfBy = new Map<string, number>();
  for (const [id, t] of self) selfBy.set(label(byId.get(id)!), (selfBy.get(label(byId.get(id)!)) ?? 0) + t);
  // Inclusive: each function counted once per stack.
  const inclusive = new Map<string, number>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  for (const [id, t] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(byId.get(at)!);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + t);
    }
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, t]) => `${((t / total) * 100).toFixed(1).padStart(5)}% ${(t / sends / 1000).toFixed(3)} ms/send  ${name}`);
  console.log(`\nProfile ${file}: ${(total / 1000).toFixed(0)} ms busy, ${(total / sends / 1000).toFixed(2)} ms/send`);
  console.log("Self time:\n" + top(selfBy, 45).join("\n"));
  console.log("\nInclusive:\n" + top(inclusive, 70).join("\n"));
}

async function main(): Promise<void> {
  process.on("exit", killAllNow);
  const appRoot = path.resolve(process.argv[2] ?? repoRoot());
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "route-profile-"));
  const appDir = path.join(out, "app");
  fs.cpSync(path.join(appRoot, ".next"), path.join(appDir, ".next"), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => !source.startsWith(path.join(appRoot, ".next", "cache")),
  });
  for (const file of ["package.json", "next.config.js"]) fs.copyFileSync(path.join(appRoot, file), path.join(appDir, file));
  for (const link of ["node_modules", "public"])
    if (fs.existsSync(path.join(appRoot, link))) fs.symlinkSync(path.join(appRoot, link), path.join(appDir, link), "dir");

  const sandbox = startProcess(
    "sandbox",
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/bench/sandbox-server.ts"],
    { cwd: repoRoot(), env: { ...process.env, SANDBOX_API_KEY: UPSTREAM_KEY } },
  );
  const upstream = await firstUrl(sandbox, 30_000);

  // CPU per send without the profiler.
  {
    const { app, target } = await serve(appDir, out, upstream, undefined);
    await runLoad(target, { concurrency: 16, requests: 2000, maxDurationMs: 30_000 });
    const figures: string[] = [];
    for (let round = 0; round < CPU_ROUNDS; round++) {
      const before = cpuMs(app.child.pid);
      const result = await runLoad(target, { concurrency: 16, requests: 2000, maxDurationMs: 30_000 });
      const cpu = (cpuMs(app.child.pid) - before) / result.requests;
      figures.push(`${ms(cpu)} ms/send (${result.perSecond.toFixed(0)} req/s, ${result.failures} failed)`);
    }
    console.log(`CPU per send at c=16, load ${os.loadavg()[0]!.toFixed(2)}: ${figures.join("; ")}`);
    await stop(app.child);
  }
  if (SENDS === 0) return;
  const profileDir = path.join(out, "profile");
  const { app, target } = await serve(appDir, out, upstream, profileDir);
  await runLoad(target, { concurrency: 16, requests: 2000, maxDurationMs: 30_000 });
  const result = await runLoad(target, { concurrency: 16, requests: SENDS, maxDurationMs: 120_000 });
  console.log(`profiled: ${result.requests} sends, ${result.failures} failed`);
  await stop(app.child);
  for (const file of fs.readdirSync(profileDir)) summarizeProfile(path.join(profileDir, file), 2000 + result.requests);
}

runBench(main);

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The repository root: npm runs scripts there; anywhere else is a mistake worth a clear message. */
export function repoRoot(): string {
  const root = process.cwd();
  const manifest = path.join(root, "package.json");
  if (!fs.existsSync(manifest) || !fs.readFileSync(manifest, "utf8").includes('"name": "identify-console"')) {
    throw new Error(`Run the benchmarks from the repository root (npm run bench), not ${root}`);
  }
  return root;
}

/** docs/performance.md: a hand-written part kept as is, plus one generated section per benchmark. */
export const perfDocPath = () => path.join(repoRoot(), "docs", "performance.md");

const TITLE = "# Performance";
const INTRO = `How fast the history list and the request path are, measured on one machine with
\`npm run bench\` (history first, then the request path). The sections between the \`bench:*\` markers are
written by the benchmark scripts in \`scripts/bench/\`; rerun them instead of editing the numbers by hand.`;

export type Machine = { cpus: number; cpuModel: string; node: string; memoryGb: number; date: string };

export function machine(): Machine {
  let cpus = os.availableParallelism();
  try {
    cpus = Number(execFileSync("nproc", { encoding: "utf8" }).trim()) || cpus;
  } catch {
    // nproc is missing on some systems; Node's count is close enough.
  }
  let cpuModel = os.cpus()[0]?.model ?? "unknown";
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"));
    if (match?.[1]) cpuModel = match[1].trim();
  } catch {
    // Not Linux: keep os.cpus().
  }
  return {
    cpus,
    cpuModel,
    node: process.version,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
}

export function machineLine(m: Machine): string {
  return `${m.cpus} CPU (\`nproc\`), ${m.cpuModel}, ${m.memoryGb} GB RAM, Node ${m.node}, ${os.type()} ${os.release()}; run ${m.date}`;
}

/** Replaces (or appends) the section between `<!-- bench:<name>:start -->` and its end marker. */
export function writeDocSection(name: string, body: string): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const file = perfDocPath();
  let text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : `${TITLE}\n\n${INTRO}\n`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from !== -1 && to > from) {
    text = text.slice(0, from) + block + text.slice(to + end.length);
  } else {
    text = `${text.trimEnd()}\n\n${block}\n`;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

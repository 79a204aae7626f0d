// After `stryker run` (or with the JSON reports of several runs as arguments): the mutation score of each lib/ folder, against the targets, written into
// docs/testing.md (between the markers) with the command and the machine; the surviving mutants of every
// folder go to reports/mutation/survivors.md for review. Exits 1 when a folder misses its target.
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
// One report, or several (runs over different folders): a file's later report wins.
const inputs = process.argv.length > 2 ? process.argv.slice(2) : ["reports/mutation/mutation.json"];
const report = { files: {} };
for (const input of inputs) {
  Object.assign(report.files, JSON.parse(fs.readFileSync(path.resolve(root, input), "utf8")).files);
}
const doc = path.join(root, "docs/testing.md");
const START = "<!-- mutation-report:start -->";
const END = "<!-- mutation-report:end -->";

// The targets: the pure modules and the send path at 90%, the other server modules at 85%.
const TARGETS = {
  "lib/identify": 90,
  "lib/userpilot": 90,
  "lib/sending": 90,
  "lib/outcome": 90,
  "lib/auth": 85,
  "lib/environments": 85,
  "lib/history": 85,
};
const WHOLE_TARGET = 85;

const UNDETECTED = new Set(["Survived", "NoCoverage"]);

const folders = new Map();
const survivors = [];
for (const [file, { mutants, source }] of Object.entries(report.files)) {
  const folder = file.split("/").slice(0, 2).join("/");
  const counts = folders.get(folder) ?? { killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0 };
  for (const mutant of mutants) {
    if (mutant.status === "Killed") counts.killed += 1;
    else if (mutant.status === "Timeout") counts.timeout += 1;
    else if (mutant.status === "Survived") counts.survived += 1;
    else if (mutant.status === "NoCoverage") counts.noCoverage += 1;
    else counts.errors += 1;
    if (UNDETECTED.has(mutant.status)) {
      const line = source.split("\n")[mutant.location.start.line - 1]?.trim() ?? "";
      survivors.push(
        `- ${file}:${mutant.location.start.line} ${mutant.mutatorName} (${mutant.status}): \`${line.slice(0, 120)}\` → \`${mutant.replacement?.slice(0, 120) ?? ""}\``,
      );
    }
  }
  folders.set(folder, counts);
}

const score = ({ killed, timeout, survived, noCoverage }) => {
  const valid = killed + timeout + survived + noCoverage;
  return valid === 0 ? 100 : (100 * (killed + timeout)) / valid;
};
const total = [...folders.values()].reduce(
  (sum, c) => ({
    killed: sum.killed + c.killed,
    timeout: sum.timeout + c.timeout,
    survived: sum.survived + c.survived,
    noCoverage: sum.noCoverage + c.noCoverage,
    errors: sum.errors + c.errors,
  }),
  { killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0 },
);

const misses = [];
const rows = [...folders.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([folder, counts]) => {
    const value = score(counts);
    const target = TARGETS[folder];
    const verdict = target === undefined ? "" : value >= target ? `≥ ${target}: met` : `≥ ${target}: **missed**`;
    if (target !== undefined && value < target) misses.push(folder);
    return `| ${folder} | ${value.toFixed(1)} | ${counts.killed} | ${counts.timeout} | ${counts.survived} | ${counts.noCoverage} | ${verdict} |`;
  });
const whole = score(total);
if (whole < WHOLE_TARGET) misses.push("lib/ as a whole");

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const stryker = JSON.parse(
  fs.readFileSync(path.join(root, "node_modules/@stryker-mutator/core/package.json"), "utf8"),
).version;
const commit = (() => {
  try {
    return execSync("git rev-parse --short HEAD", { cwd: root }).toString().trim();
  } catch {
    return "unknown";
  }
})();

const section = [
  START,
  `Command: \`npm run test:mutation\` (StrykerJS ${stryker}, vitest runner, \`coverageAnalysis: perTest\`), ` +
    `commit ${commit}, ${new Date().toISOString().slice(0, 10)}; ${os.cpus().length} × ${cpu}, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  "",
  "| folder | score % | killed | timed out | survived | no coverage | target |",
  "|---|---:|---:|---:|---:|---:|---|",
  ...rows,
  `| **lib/ as a whole** | **${whole.toFixed(1)}** | ${total.killed} | ${total.timeout} | ${total.survived} | ${total.noCoverage} | ≥ ${WHOLE_TARGET}: ${whole >= WHOLE_TARGET ? "met" : "**missed**"} |`,
  "",
  "Score = (killed + timed out) / (killed + timed out + survived + no coverage). " +
    `Mutants that did not compile or errored (${total.errors}) are not counted, as Stryker does.`,
  END,
].join("\n");

const current = fs.existsSync(doc) ? fs.readFileSync(doc, "utf8") : `# Testing\n\n${START}\n${END}\n`;
const updated = current.includes(START)
  ? current.slice(0, current.indexOf(START)) + section + current.slice(current.indexOf(END) + END.length)
  : `${current.trimEnd()}\n\n${section}\n`;
fs.writeFileSync(doc, updated);
fs.writeFileSync(
  path.join(root, "reports/mutation/survivors.md"),
  `# Surviving mutants (${survivors.length})\n\n${survivors.join("\n")}\n`,
);
console.log(section);
console.log(`\n${survivors.length} surviving mutants listed in reports/mutation/survivors.md`);
if (misses.length > 0) {
  console.log(`Below target: ${misses.join(", ")}`);
  process.exitCode = 1;
}

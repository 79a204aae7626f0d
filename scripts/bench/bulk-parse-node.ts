// npm run bench:bulk-parse-node – the /bulk worker's pipeline (decode, parse, suggest, check, summary) run in
// Node on the same generated 100,000-row CSV as bench:bulk-parse, for a quick loop: `node --cpu-prof` on it
// shows where the worker's time goes without a build or a browser. Prints the median of a few runs per step, in
// CPU time of this process (user + system, so the collector's helper threads count too), which a loaded machine
// disturbs far less than wall time.
import { checkRows, summarizeCheck } from "@/lib/bulk/check";
import { defaultMapping } from "@/lib/bulk/mapping";
import { parseInput, suggestColumnTypes } from "@/lib/bulk/parse-file";
import { generateBenchCsv } from "./bulk-csv";

const RUNS = Number(process.env.RUNS ?? 5);
const bytes = new TextEncoder().encode(generateBenchCsv());
const steps: Record<string, number[]> = { parse: [], suggest: [], check: [], summary: [], total: [] };
let valid = 0;
const now = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
for (let run = 0; run < RUNS; run++) {
  const t0 = now();
  const parsed = parseInput(bytes);
  if (!parsed.ok) throw new Error(parsed.message);
  const t1 = now();
  const suggestions = suggestColumnTypes(parsed.value);
  const t2 = now();
  const checked = checkRows(parsed.value.headers, parsed.value.rows, defaultMapping("users", parsed.value.headers, suggestions));
  const t3 = now();
  const summary = structuredClone(summarizeCheck(checked));
  const t4 = now();
  valid = summary.validCount;
  steps.parse!.push(t1 - t0);
  steps.suggest!.push(t2 - t1);
  steps.check!.push(t3 - t2);
  steps.summary!.push(t4 - t3);
  steps.total!.push(t4 - t0);
  if (run === 0) console.log(JSON.stringify(suggestions.map((s) => s.type)));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
console.log(Object.entries(steps).map(([name, values]) => `${name} ${Math.round(median(values))} ms CPU`).join(" · "), `· valid ${valid}`);

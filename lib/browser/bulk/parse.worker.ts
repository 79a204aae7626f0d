/// <reference lib="webworker" />
import { checkRows, summarizeCheck, type CheckResult } from "@/lib/bulk/check";
import type { ParsedCsv } from "@/lib/bulk/csv";
import { parseInput, suggestColumnTypes } from "@/lib/bulk/parse-file";
import { buildJobPlan } from "@/lib/bulk/plan";
import type { WorkerRequest, WorkerResponse } from "@/lib/bulk/worker-protocol";

// Parsing and checking run here, off the page's thread: a 100,000-row file never freezes the page.
const scope = self as unknown as DedicatedWorkerGlobalScope;
let parsed: ParsedCsv | undefined;
let checked: CheckResult | undefined;

const post = (message: WorkerResponse) => scope.postMessage(message);

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === "parse") {
    parsed = undefined;
    checked = undefined;
    try {
      const input = "text" in request.input ? request.input.text : new Uint8Array(await request.input.file.arrayBuffer());
      const result = parseInput(input, (fraction) => post({ type: "progress", id: request.id, fraction }));
      if (!result.ok) return post({ type: "parsed", id: request.id, result });
      parsed = result.value;
      const { headers, rows, delimiter } = result.value;
      const value = { headers, rowCount: rows.length, delimiter, suggestions: suggestColumnTypes(result.value) };
      post({ type: "parsed", id: request.id, result: { ok: true, value } });
    } catch {
      post({ type: "parsed", id: request.id, result: { ok: false, message: "The file could not be read. Choose it again." } });
    }
    return;
  }
  if (request.type === "check") {
    if (!parsed) return post({ type: "checked", id: request.id, result: { ok: false, message: "Choose a file first." } });
    checked = checkRows(parsed.headers, parsed.rows, request.mapping);
    return post({ type: "checked", id: request.id, result: { ok: true, value: summarizeCheck(checked) } });
  }
  const plan =
    parsed && checked
      ? buildJobPlan({ environmentId: request.environmentId, source: { name: request.name, headers: parsed.headers, delimiter: parsed.delimiter }, check: checked })
      : undefined;
  post({ type: "planned", id: request.id, result: plan ? { ok: true, value: plan } : { ok: false, message: "No row can be sent: check the file again." } });
};

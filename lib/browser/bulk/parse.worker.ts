/// <reference lib="webworker" />
import { checkRows } from "@/lib/bulk/check";
import type { ParsedCsv } from "@/lib/bulk/csv";
import { parseInput, suggestColumnTypes } from "@/lib/bulk/parse-file";
import type { WorkerRequest, WorkerResponse } from "@/lib/bulk/worker-protocol";

// Parsing and checking run here, off the page's thread: a 100,000-row file never freezes the page.
const scope = self as unknown as DedicatedWorkerGlobalScope;
let parsed: ParsedCsv | undefined;

const post = (message: WorkerResponse) => scope.postMessage(message);

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === "parse") {
    parsed = undefined;
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
  if (!parsed) {
    return post({ type: "checked", id: request.id, result: { ok: false, message: "Choose a file first." } });
  }
  post({ type: "checked", id: request.id, result: { ok: true, value: checkRows(parsed.headers, parsed.rows, request.mapping) } });
};

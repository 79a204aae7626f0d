import type { CheckSummary } from "./check";
import type { Delimiter } from "./csv";
import type { BulkMapping } from "./mapping";
import type { BulkJobPlan } from "./plan";
import type { TypeSuggestion } from "./suggest-type";

/** What the page asks the parsing worker. The worker keeps the parsed rows; only summaries and results come back. */
export type WorkerRequest =
  | { type: "parse"; id: number; input: { file: Blob } | { text: string } }
  | { type: "check"; id: number; mapping: BulkMapping }
  | { type: "plan"; id: number; environmentId: string; name: string };

export type ParsedSummary = {
  headers: string[];
  rowCount: number;
  delimiter: Delimiter;
  suggestions: TypeSuggestion[];
};

export type WorkerResponse =
  | { type: "progress"; id: number; fraction: number }
  | { type: "parsed"; id: number; result: { ok: true; value: ParsedSummary } | { ok: false; message: string } }
  | { type: "checked"; id: number; result: { ok: true; value: CheckSummary } | { ok: false; message: string } }
  | { type: "planned"; id: number; result: { ok: true; value: BulkJobPlan } | { ok: false; message: string } };

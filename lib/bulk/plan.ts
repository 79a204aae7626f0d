import { z } from "zod";
import { identifyFormSchema } from "@/lib/identify/schema";
import { rowReason, type CheckResult } from "./check";
import { companyFormSchema } from "./company-values";
import { DELIMITERS } from "./csv";
import { BULK_KINDS } from "./mapping";

/** Below this many rows one Identify call per row (600 a minute) beats a bulk job (about 1,200 rows a minute, queued). */
export const REALTIME_MAX_ROWS = 3_000;
export const MAX_PLAN_ROWS = 100_000;
/** POST /api/bulk/jobs's own body cap: 100,000 typed rows with their cells are far more than the 1 MB other routes take. */
export const MAX_PLAN_BODY_BYTES = 50 * 1024 * 1024;
export const BULK_MODES = ["realtime", "bulk"] as const;
export type BulkMode = (typeof BULK_MODES)[number];

const line = z.number({ error: "line must be the row's line number in the file" }).int().min(2);
const cells = z.array(z.string(), { error: "cells must be the row's cells as text" });
const rowList = <T extends z.ZodType>(row: T) =>
  z
    .array(row, { error: "rows must be a list" })
    .min(1, { error: "There are no rows to send" })
    .max(MAX_PLAN_ROWS, { error: `At most ${MAX_PLAN_ROWS.toLocaleString("en-US")} rows can be sent in one job` });

const source = z.object({
  /** The chosen file's name, or "Pasted text". */
  name: z.string().max(255),
  headers: z.array(z.string()).min(1),
  delimiter: z.enum(DELIMITERS),
});

const skippedRow = z.object({ line, cells, reason: z.string() });

const common = {
  version: z.literal(1),
  environmentId: z.string({ error: "Choose an environment to send to" }).min(1, { error: "Choose an environment to send to" }).max(100),
  /** A suggestion from the row count; the job engine may choose otherwise. */
  mode: z.enum(BULK_MODES, { error: "mode must be realtime or bulk" }),
  source,
  /** Rows the check refused: never sent, but listed in the job's results so the results file has every row. */
  skipped: z.array(skippedRow).max(MAX_PLAN_ROWS),
};

/**
 * What the bulk page hands to the job engine (`POST /api/bulk/jobs`): every valid row, in file order, as the
 * values the Identify form would hold (text plus type; `buildIdentifyPayload` / `buildCompanyPayload` encode
 * them), each with its file line and original cells. The route parses its body with this same schema.
 */
export const bulkJobPlanSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ ...common, kind: z.literal(BULK_KINDS[0]), rows: rowList(z.object({ line, cells, values: identifyFormSchema })) }),
    z.object({ ...common, kind: z.literal(BULK_KINDS[1]), rows: rowList(z.object({ line, cells, values: companyFormSchema })) }),
  ],
  { error: "kind must be users or companies" },
);
export type BulkJobPlan = z.infer<typeof bulkJobPlanSchema>;

export const suggestedMode = (rowCount: number): BulkMode => (rowCount <= REALTIME_MAX_ROWS ? "realtime" : "bulk");

type PlanInput = {
  environmentId: string;
  source: BulkJobPlan["source"];
  check: CheckResult;
};

/** The job plan from a finished check; undefined when no row can be sent. */
export function buildJobPlan({ environmentId, source, check }: PlanInput): BulkJobPlan | undefined {
  if (check.validLines.length === 0) return undefined;
  const skipped = check.invalid.map((row) => ({
    line: row.line,
    cells: row.cells,
    reason: rowReason(row),
  }));
  const common = { version: 1 as const, environmentId, mode: suggestedMode(check.validLines.length), source, skipped };
  return check.kind === "users"
    ? { ...common, kind: "users", rows: check.valid }
    : { ...common, kind: "companies", rows: check.valid };
}

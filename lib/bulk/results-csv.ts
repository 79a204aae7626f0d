import "server-only";
import { env } from "@/lib/env";
import { fixableCsvLines } from "./invalid-csv";
import { modeOf, resultRowsAfter, sourceOf, type JobRow, type ResultRow } from "./job-store";

const BATCH = 1000;
export const RESULT_COLUMNS = ["line", "status", "http_status", "message", "history_link"] as const;

/** What happened to a row, in words a spreadsheet can filter on. */
function statusOf(row: ResultRow, job: JobRow): string {
  if (row.state === "pending" && job.state === "cancelled") return "not sent (cancelled)";
  // Bulk API mode: the row's message names Userpilot's job that took it ("accepted by bulk job <id>").
  if (acceptedInBulk(row, job)) return row.message ?? row.state;
  return row.state;
}

function acceptedInBulk(row: ResultRow, job: JobRow): boolean {
  return row.state === "sent" && modeOf(job) === "bulk";
}

/**
 * Every line of the job's file as CSV, in file order, in the file's own delimiter: the original columns
 * (masked per HISTORY_REDACT_KEYS; formulas defused as in the invalid-rows file, signed numbers kept), then line, status (sent, failed, skipped, ...), HTTP code, Userpilot's
 * message (or why the check skipped it) and a link to the history row; fix the file and upload it again.
 * Read in batches: the file never sits in memory.
 */
export function jobResultsCsv(job: JobRow): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const config = env();
  const base = config.APP_URL ?? `http://localhost:${config.PORT}`;
  const source = sourceOf(job);
  const headers = source?.headers ?? [];
  const delimiter = source?.delimiter ?? ",";
  let started = false;
  let after = -1;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(fixableCsvLines([[...headers, ...RESULT_COLUMNS]], delimiter)));
      }
      const rows = await resultRowsAfter(job, after, BATCH);
      const records = rows.map((row) => [
        ...headers.map((_, index) => row.cells[index] ?? ""),
        String(row.line),
        statusOf(row, job),
        row.httpStatus === null ? "" : String(row.httpStatus),
        acceptedInBulk(row, job) ? "" : (row.message ?? ""),
        row.historyId ? `${base}/history/${row.historyId}` : "",
      ]);
      if (records.length > 0) controller.enqueue(encoder.encode(fixableCsvLines(records, delimiter)));
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) controller.close();
      else after = last.idx;
    },
  });
}

/** GET /api/bulk/jobs/[id]/results's answer: the CSV as a download. */
export function jobResultsResponse(job: JobRow): Response {
  return new Response(jobResultsCsv(job), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="bulk-job-${job.id}-results.csv"`,
      "cache-control": "no-store",
    },
  });
}

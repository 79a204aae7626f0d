import "server-only";
import { stringify } from "csv-stringify/sync";
import { env } from "@/lib/env";
import type { PropertyRow } from "@/lib/identify/schema";
import { kindOf, modeOf, rowsAfter, type JobRow, type StoredRow } from "./job-store";

const BATCH = 1000;
// As in the history export: a cell that starts like a formula gets a leading ' (see lib/history/export-csv.ts).
const CSV_OPTIONS = { escape_formulas: true } as const;

type Columns = { properties: string[]; companyProperties: string[] };

function groups(row: StoredRow): { properties: PropertyRow[]; companyProperties: PropertyRow[] } {
  return row.values.kind === "users"
    ? { properties: row.values.values.properties, companyProperties: row.values.values.companyProperties }
    : { properties: row.values.values.properties, companyProperties: [] };
}

function ids(row: StoredRow): string[] {
  return row.values.kind === "users"
    ? [row.values.values.userId, row.values.values.companyId]
    : [row.values.values.companyId];
}

function valueOf(rows: PropertyRow[], name: string): string {
  const row = rows.find((candidate) => candidate.name === name);
  return row ? (row.type === "remove" ? "" : row.value) : "";
}

/** What happened to a row, in words a spreadsheet can filter on. */
function statusOf(row: StoredRow, job: JobRow): string {
  if (row.state === "pending" && job.state === "cancelled") return "not sent (cancelled)";
  // Bulk API mode: the row's message names Userpilot's job that took it ("accepted by bulk job <id>").
  if (acceptedInBulk(row, job)) return row.message ?? row.state;
  return row.state;
}

function acceptedInBulk(row: StoredRow, job: JobRow): boolean {
  return row.state === "sent" && modeOf(job) === "bulk";
}

/**
 * The job's rows as CSV: the values as they were sent (masked per HISTORY_REDACT_KEYS once done), then
 * status, HTTP code, Userpilot's message and a link to the history row. Two passes over the rows in
 * batches: the first finds every property name, the second writes; the file never sits in memory.
 */
export function jobResultsCsv(job: JobRow): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const kind = kindOf(job);
  const config = env();
  const base = config.APP_URL ?? `http://localhost:${config.PORT}`;
  let columns: Columns | undefined;
  let after = -1;
  return new ReadableStream({
    async pull(controller) {
      if (!columns) {
        columns = await collectColumns(job);
        const header = [
          "line",
          ...(kind === "users" ? ["user_id", "company_id"] : ["company_id"]),
          ...columns.properties,
          ...columns.companyProperties.map((name) => `company.${name}`),
          "status",
          "http_status",
          "message",
          "history_link",
        ];
        controller.enqueue(encoder.encode(stringify([header], CSV_OPTIONS)));
      }
      const rows = await rowsAfter(job, after, BATCH);
      const { properties, companyProperties } = columns;
      const records = rows.map((row) => {
        const values = groups(row);
        return [
          row.line,
          ...ids(row),
          ...properties.map((name) => valueOf(values.properties, name)),
          ...companyProperties.map((name) => valueOf(values.companyProperties, name)),
          statusOf(row, job),
          row.httpStatus ?? "",
          acceptedInBulk(row, job) ? "" : (row.message ?? ""),
          row.historyId ? `${base}/history/${row.historyId}` : "",
        ];
      });
      if (records.length > 0) controller.enqueue(encoder.encode(stringify(records, CSV_OPTIONS)));
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) controller.close();
      else after = last.idx;
    },
  });
}

async function collectColumns(job: JobRow): Promise<Columns> {
  const properties = new Set<string>();
  const companyProperties = new Set<string>();
  for (let after = -1; ; ) {
    const rows = await rowsAfter(job, after, BATCH);
    for (const row of rows) {
      const values = groups(row);
      for (const property of values.properties) properties.add(property.name);
      for (const property of values.companyProperties) companyProperties.add(property.name);
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) break;
    after = last.idx;
  }
  return { properties: [...properties], companyProperties: [...companyProperties] };
}

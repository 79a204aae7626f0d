import "server-only";
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { BulkJobsTable, Database } from "@/lib/db/schema";
import { immediateTransaction } from "@/lib/db/immediate-transaction";
import { env } from "@/lib/env";
import { identifyFormSchema } from "@/lib/identify/schema";
import type { IdentifyFormValues } from "@/lib/identify/schema";
import { companyFormSchema, type CompanyFormValues } from "./company-values";
import { DELIMITERS } from "./csv";
import type { BulkKind } from "./mapping";
import type { BulkJobPlan, BulkMode } from "./plan";
import { maskCells, maskedColumns } from "./redact-cells";
import { JOB_STATES, type JobState, type JobSummary, type RowState } from "./job-views";

export type JobRow = Selectable<BulkJobsTable>;
export type RowValues = { kind: "users"; values: IdentifyFormValues } | { kind: "companies"; values: CompanyFormValues };

const INSERT_BATCH = 500;

export type NewJob = {
  plan: BulkJobPlan;
  startedBy: string;
  environmentId: string;
  environment: string;
  retryOf?: string | null;
};

/** Stores a job and all its rows, pending, in one transaction: a job is never half-stored. */
export async function createJob(job: NewJob): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  const database = await db();
  await immediateTransaction(database, async (tx) => {
    await tx
      .insertInto("bulk_jobs")
      .values({
        id,
        created_at: now,
        updated_at: now,
        started_by: job.startedBy,
        environment_id: job.environmentId,
        environment: job.environment,
        kind: job.plan.kind,
        mode: job.plan.mode,
        state: "running",
        state_reason: null,
        retry_of: job.retryOf ?? null,
        total_rows: job.plan.rows.length,
        finished_at: null,
        upstream_job: null,
        source_json: JSON.stringify(job.plan.source),
        skipped_rows: job.plan.skipped.length,
      })
      .execute();
    const masked = maskedColumns(job.plan, env().HISTORY_REDACT_KEYS);
    const cellsJson = (cells: readonly string[]) => JSON.stringify(maskCells(cells, masked));
    // Skipped rows sit among the others in file order (idx), so the results file follows the file.
    const entries = [
      ...job.plan.rows.map((row) => ({
        line: row.line,
        record_id: "userId" in row.values ? row.values.userId : row.values.companyId,
        values_json: JSON.stringify(row.values),
        cells_json: cellsJson(row.cells),
        state: "pending",
        message: null,
      })),
      ...job.plan.skipped.map((row) => ({
        line: row.line,
        record_id: "",
        values_json: "null",
        cells_json: cellsJson(row.cells),
        state: "skipped",
        message: row.reason,
      })),
    ].sort((a, b) => a.line - b.line);
    const rows = entries.map((entry, idx) => ({ ...entry, job_id: id, idx, attempts: 0, updated_at: now }));
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      await tx.insertInto("bulk_job_rows").values(rows.slice(start, start + INSERT_BATCH)).execute();
    }
  });
  return id;
}

export async function getJob(id: string): Promise<JobRow | undefined> {
  return (await db()).selectFrom("bulk_jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listJobs(limit = 100): Promise<JobRow[]> {
  return (await db())
    .selectFrom("bulk_jobs")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export async function jobsInState(state: JobState): Promise<JobRow[]> {
  return (await db()).selectFrom("bulk_jobs").selectAll().where("state", "=", state).orderBy("created_at").execute();
}

export async function setJobState(id: string, state: JobState, reason: string | null = null): Promise<void> {
  const now = Date.now();
  const finished = state === "completed" || state === "cancelled" || state === "failed";
  await (await db())
    .updateTable("bulk_jobs")
    .set({ state, state_reason: reason, updated_at: now, ...(finished ? { finished_at: now } : {}) })
    .where("id", "=", id)
    .execute();
}

/**
 * Moves a job from one of `from` to `to`; false when it was in none of them (a cancelled job can't be
 * resumed, a finished one can't be paused).
 */
export async function moveJob(id: string, from: readonly JobState[], to: JobState): Promise<boolean> {
  const now = Date.now();
  const finished = to === "completed" || to === "cancelled" || to === "failed";
  const result = await (await db())
    .updateTable("bulk_jobs")
    .set({ state: to, state_reason: null, updated_at: now, ...(finished ? { finished_at: now } : {}) })
    .where("id", "=", id)
    .where("state", "in", [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function jobState(id: string): Promise<JobState | undefined> {
  const row = await (await db()).selectFrom("bulk_jobs").select("state").where("id", "=", id).executeTakeFirst();
  return row ? z.enum(JOB_STATES).parse(row.state) : undefined;
}

export type StoredRow = {
  idx: number;
  line: number;
  recordId: string;
  values: RowValues;
  cells: string[];
  state: RowState;
  attempts: number;
  httpStatus: number | null;
  message: string | null;
  historyId: string | null;
  updatedAt: number;
};

const rowStateSchema = z.enum(["pending", "sending", "sent", "failed"]);

export function parseValues(kind: BulkKind, json: string): RowValues {
  const raw: unknown = JSON.parse(json);
  return kind === "users"
    ? { kind, values: identifyFormSchema.parse(raw) }
    : { kind, values: companyFormSchema.parse(raw) };
}

const cellsSchema = z.array(z.string()).catch([]);
export const cellsOf = (json: string | null): string[] => (json === null ? [] : cellsSchema.parse(JSON.parse(json)));

export const jobSourceSchema = z.object({ name: z.string(), headers: z.array(z.string()), delimiter: z.enum(DELIMITERS) });
export type JobSource = z.infer<typeof jobSourceSchema>;

/** The file a job came from; null for a job stored before its source was kept. */
export function sourceOf(job: Pick<JobRow, "source_json">): JobSource | null {
  if (job.source_json === null) return null;
  const parsed = jobSourceSchema.safeParse(JSON.parse(job.source_json));
  return parsed.success ? parsed.data : null;
}

/** A row as the results file lists it: every line of the file, skipped ones too. */
export type ResultRow = {
  idx: number;
  line: number;
  cells: string[];
  state: RowState | "skipped";
  httpStatus: number | null;
  message: string | null;
  historyId: string | null;
};

const resultStateSchema = z.enum(["pending", "sending", "sent", "failed", "skipped"]);

export async function resultRowsAfter(job: JobRow, afterIdx: number, limit: number): Promise<ResultRow[]> {
  const rows = await (await db())
    .selectFrom("bulk_job_rows")
    .select(["idx", "line", "cells_json", "state", "http_status", "message", "history_id"])
    .where("job_id", "=", job.id)
    .where("idx", ">", afterIdx)
    .orderBy("idx")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    idx: row.idx,
    line: row.line,
    cells: cellsOf(row.cells_json),
    state: resultStateSchema.parse(row.state),
    httpStatus: row.http_status,
    message: row.message,
    historyId: row.history_id,
  }));
}

function toStored(kind: BulkKind, row: Selectable<Database["bulk_job_rows"]>, checkValues: boolean): StoredRow {
  return {
    idx: row.idx,
    line: row.line,
    recordId: row.record_id,
    // Done rows may hold masked values that no longer pass the form's rules: they are only shown.
    values: checkValues
      ? parseValues(kind, row.values_json)
      : ({ kind, values: JSON.parse(row.values_json) as never } as RowValues),
    cells: cellsOf(row.cells_json),
    state: rowStateSchema.parse(row.state),
    attempts: row.attempts,
    httpStatus: row.http_status,
    message: row.message,
    historyId: row.history_id,
    updatedAt: row.updated_at,
  };
}

/** The next pending rows in file order, after `afterIdx`. */
export function nextPendingRows(job: JobRow, afterIdx: number, limit: number): Promise<StoredRow[]> {
  return rowsInOrder(job, afterIdx, limit, { state: ["=", "pending"], pending: true });
}

/** Every row of a job to send (not the skipped ones) in file order, a batch at a time. */
export function rowsAfter(job: JobRow, afterIdx: number, limit: number): Promise<StoredRow[]> {
  return rowsInOrder(job, afterIdx, limit, { state: ["!=", "skipped"], pending: false });
}

type RowFilter = { state: ["=" | "!=", string]; pending: boolean };

async function rowsInOrder(job: JobRow, afterIdx: number, limit: number, filter: RowFilter): Promise<StoredRow[]> {
  const rows = await (await db())
    .selectFrom("bulk_job_rows")
    .selectAll()
    .where("job_id", "=", job.id)
    .where("state", filter.state[0], filter.state[1])
    .where("idx", ">", afterIdx)
    .orderBy("idx")
    .limit(limit)
    .execute();
  return rows.map((row) => toStored(kindOf(job), row, filter.pending));
}

export async function failedRows(job: JobRow): Promise<StoredRow[]> {
  const rows = await (await db())
    .selectFrom("bulk_job_rows")
    .selectAll()
    .where("job_id", "=", job.id)
    .where("state", "=", "failed")
    .orderBy("idx")
    .execute();
  return rows.map((row) => toStored(kindOf(job), row, false));
}

/** Before the call: the row is on record as being sent, with one more attempt. */
export async function markSending(jobId: string, idx: number): Promise<void> {
  await (await db())
    .updateTable("bulk_job_rows")
    .set((eb) => ({ state: "sending", attempts: eb("attempts", "+", 1), updated_at: Date.now() }))
    .where("job_id", "=", jobId)
    .where("idx", "=", idx)
    .execute();
}

export async function markPending(jobId: string, idx: number): Promise<void> {
  await (await db())
    .updateTable("bulk_job_rows")
    .set({ state: "pending", updated_at: Date.now() })
    .where("job_id", "=", jobId)
    .where("idx", "=", idx)
    .execute();
}

export type RowOutcome = {
  state: "sent" | "failed";
  httpStatus: number | null;
  message: string | null;
  historyId: string | null;
  /** Already redacted: done rows keep only what the history may keep. */
  valuesJson: string;
};

/** After the call: the row's outcome and the job's counters, together. */
export async function markDone(jobId: string, idx: number, outcome: RowOutcome): Promise<void> {
  const database = await db();
  await database.transaction().execute(async (tx) => {
    await tx
      .updateTable("bulk_job_rows")
      .set({
        state: outcome.state,
        http_status: outcome.httpStatus,
        message: outcome.message,
        history_id: outcome.historyId,
        values_json: outcome.valuesJson,
        updated_at: Date.now(),
      })
      .where("job_id", "=", jobId)
      .where("idx", "=", idx)
      .execute();
    const column = outcome.state === "sent" ? "sent_rows" : "failed_rows";
    await tx
      .updateTable("bulk_jobs")
      .set((eb) => ({ [column]: eb(column, "+", 1), updated_at: Date.now() }))
      .where("id", "=", jobId)
      .execute();
  });
}

/** Rows a stopped process left `sending` in a real-time job. */
export async function interruptedRows(jobId: string): Promise<{ jobId: string; kind: BulkKind; row: StoredRow }[]> {
  const database = await db();
  const rows = await database
    .selectFrom("bulk_job_rows")
    .innerJoin("bulk_jobs", "bulk_jobs.id", "bulk_job_rows.job_id")
    .selectAll("bulk_job_rows")
    .select("bulk_jobs.kind")
    .where("bulk_job_rows.job_id", "=", jobId)
    .where("bulk_job_rows.state", "=", "sending")
    // Bulk API mode settles its own chunk on resume (lib/bulk/bulk-api-mode.ts): its rows have no history row each.
    .where("bulk_jobs.mode", "!=", "bulk")
    .execute();
  return rows.map(({ kind, ...row }) => {
    const jobKind = kind === "companies" ? "companies" : "users";
    return { jobId: row.job_id, kind: jobKind, row: toStored(jobKind, row, false) };
  });
}

/** The history row of a row's latest attempt, when one was written after the row went `sending`. */
export async function latestAttempt(jobId: string, kind: BulkKind, row: StoredRow) {
  const column = kind === "users" ? "user_id" : "company_id";
  return (await db())
    .selectFrom("requests")
    .select(["id", "status", "status_code", "error_message"])
    .where("job_id", "=", jobId)
    .where(column, "=", row.recordId)
    .where("created_at", ">=", row.updatedAt)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Retention: finished jobs (and their rows) created before the cutoff. */
export async function purgeJobsOlderThan(database: Kysely<Database>, cutoff: number): Promise<number> {
  const result = await database
    .deleteFrom("bulk_jobs")
    .where("created_at", "<", cutoff)
    .where("state", "in", ["completed", "cancelled", "failed"])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function kindOf(job: Pick<JobRow, "kind">): BulkKind {
  return job.kind === "companies" ? "companies" : "users";
}

export function modeOf(job: Pick<JobRow, "mode">): BulkMode {
  return job.mode === "bulk" ? "bulk" : "realtime";
}

export function toSummary(job: JobRow): JobSummary {
  return {
    id: job.id,
    createdAt: new Date(job.created_at).toISOString(),
    startedBy: job.started_by,
    environment: job.environment,
    kind: kindOf(job),
    mode: modeOf(job),
    state: z.enum(JOB_STATES).catch("failed").parse(job.state),
    stateReason: job.state_reason,
    retryOf: job.retry_of,
    total: job.total_rows,
    sent: job.sent_rows,
    failed: job.failed_rows,
    skipped: job.skipped_rows,
  };
}

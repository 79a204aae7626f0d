import "server-only";
import { env } from "@/lib/env";
import type { ResolvedEnvironment } from "@/lib/environments/store";
import { HistoryUnavailableError } from "@/lib/history/store";
import { keepBulkChunk } from "@/lib/profiles/keep-profile";
import type { UpstreamResult } from "@/lib/userpilot/client";
import {
  endRunningJob,
  finishChunk,
  markChunkPending,
  markChunkSending,
  noteWhileRunning,
  readUpstreamJob,
  sendingIdxs,
  storeUpstreamJob,
  type StoredUpstreamJob,
} from "./bulk-chunk-store";
import { recordChunkOutcome, recordChunkRequest, type ChunkContext } from "./bulk-history";
import { inEnvironmentTurn } from "./bulk-queue";
import { BULK_MAX_BYTES, BULK_MAX_RECORDS, bulkRecordOf, chunkLength, type BulkRecord, type ChunkLimits } from "./bulk-records";
import { answerMessage, getBackgroundJob, isFinal, postChunk, readBackgroundJob } from "./bulk-upstream";
import { getJob, jobState, kindOf, markDone, nextPendingRows, parseValues, setJobState, type JobRow, type StoredRow } from "./job-store";
import { redactedValues } from "./runner";

// Bulk API mode: the job's pending rows go in file order, in chunks under Userpilot's limits, to the bulk
// endpoint of the job's kind; each chunk's Userpilot job is stored and polled until it ends, then the
// chunk's rows are done together. A 409 (another bulk job on the account) waits and tries again; a 413
// splits the chunk in two. Pause and Cancel take effect before the next chunk: a chunk Userpilot accepted
// runs to its end there, so it is followed to its end here too. See docs/bulk.md.

/** How long a 409 makes a chunk wait at most before it tries again. */
const MAX_CONFLICT_WAIT_MS = 60_000;

export type BulkRunControl = { stopped: () => boolean };

const tuning = globalThis as typeof globalThis & { __identifyConsoleBulkLimits?: ChunkLimits };

/** Tests: smaller chunks than Userpilot's limits, so a split or a second chunk needs few rows. */
export function tuneBulkApiMode(limits: Partial<ChunkLimits> | null): void {
  tuning.__identifyConsoleBulkLimits = limits ? { ...chunkLimits(), ...limits } : undefined;
}

function chunkLimits(): ChunkLimits {
  return tuning.__identifyConsoleBulkLimits ?? { maxRecords: BULK_MAX_RECORDS, maxBytes: BULK_MAX_BYTES };
}

type Run = {
  job: JobRow;
  context: ChunkContext;
  control: BulkRunControl;
  pollMs: number;
  lastFailure: string | null;
};

type Chunk = { rows: StoredRow[]; records: BulkRecord[] };

export async function runBulkApiJob(
  job: JobRow,
  environment: ResolvedEnvironment,
  control: BulkRunControl = { stopped: () => false },
): Promise<void> {
  const run: Run = {
    job,
    context: { jobId: job.id, kind: kindOf(job), sentBy: job.started_by, environment },
    control,
    pollMs: env().BULK_POLL_MS,
    lastFailure: null,
  };
  const waitBehind = (ahead: string) =>
    noteWhileRunning(
      job.id,
      `Queued: waiting for bulk job ${ahead} on this environment to end (Userpilot runs one bulk job at a time)`,
    );
  await inEnvironmentTurn(environment.summary.id, job.id, waitBehind, async () => {
    await noteWhileRunning(job.id, null);
    if (!(await resumeChunk(run))) return;
    for (;;) {
      if (!(await stillRunning(run))) return;
      const chunk = await nextChunk(run);
      if (!chunk) break;
      if (!(await sendChunk(run, chunk))) return;
    }
    await finishJob(run);
  });
}

async function stillRunning(run: Run): Promise<boolean> {
  return !run.control.stopped() && (await jobState(run.job.id)) === "running";
}

/**
 * What a stopped process left: rows `sending` with Userpilot's job stored were accepted, so that job is
 * followed (never sent again); rows `sending` without one never got Userpilot's answer, so they are sent
 * again (Identify sets the same values again; both requests stay in the history).
 */
async function resumeChunk(run: Run): Promise<boolean> {
  const idxs = await sendingIdxs(run.job.id);
  if (idxs.length === 0) return true;
  const upstream = await readUpstreamJob(run.job.id);
  if (upstream) return followUpstreamJob(run, upstream);
  await markChunkPending(run.job.id);
  console.warn(`Bulk job ${run.job.id}: a chunk of ${idxs.length} row(s) had no answer from Userpilot when the server stopped; it is sent again.`);
  return true;
}

/** The next pending rows that fit in one request; rows that can't be a bulk record fail here, in words. */
async function nextChunk(run: Run): Promise<Chunk | null> {
  const limits = chunkLimits();
  for (;;) {
    const rows = await nextPendingRows(run.job, -1, limits.maxRecords);
    if (rows.length === 0) return null;
    const chunk: Chunk = { rows: [], records: [] };
    for (const row of rows) {
      const record = bulkRecordOf(row);
      if (record.ok) {
        chunk.rows.push(row);
        chunk.records.push(record.record);
      } else {
        run.lastFailure = record.message;
        await markDone(run.job.id, row.idx, {
          state: "failed",
          httpStatus: null,
          message: record.message,
          historyId: null,
          valuesJson: JSON.stringify(redactedValues(row.values)),
        });
      }
    }
    if (chunk.rows.length === 0) continue;
    const length = chunkLength(chunk.records, limits);
    return { rows: chunk.rows.slice(0, length), records: chunk.records.slice(0, length) };
  }
}

/** Sends a chunk and sees it through; false when the job stops here (paused, stopped, or the history is down). */
async function sendChunk(run: Run, chunk: Chunk): Promise<boolean> {
  const { job } = run;
  const idxs = chunk.rows.map((row) => row.idx);
  for (let conflicts = 0; ; conflicts++) {
    if (!(await stillRunning(run))) return false;
    await markChunkSending(job.id, idxs);
    let historyId: string;
    try {
      historyId = await recordChunkRequest(run.context, chunk.rows, chunk.records);
    } catch (error) {
      if (!(error instanceof HistoryUnavailableError)) throw error;
      await markChunkPending(job.id);
      await setJobState(job.id, "paused", `Paused: the history can't be written (${error.reason}); nothing more was sent`);
      return false;
    }
    const result = await postChunk(run.context.environment, run.context.kind, chunk.records);
    try {
      await recordChunkOutcome(historyId, chunk.rows, result);
    } catch (error) {
      // The send happened: the history row stays pending and the start-up sweep marks it "outcome unknown".
      if (!(error instanceof HistoryUnavailableError)) throw error;
    }
    const status = result.kind === "response" ? result.status : null;

    if (status === 409) {
      await markChunkPending(job.id);
      const waitMs = Math.min(run.pollMs * 2 ** conflicts, MAX_CONFLICT_WAIT_MS);
      await noteWhileRunning(
        job.id,
        `Waiting: Userpilot is still running another bulk job on this account (HTTP 409); trying again in ${Math.max(1, Math.round(waitMs / 1000))} s`,
      );
      await sleep(waitMs, run.control);
      continue;
    }
    if (status === 413) return splitChunk(run, chunk, result);
    if (status !== null && status >= 200 && status < 300 && result.kind === "response") {
      return followAcceptedChunk(run, chunk, historyId, result);
    }
    if (status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429) {
      // Refused as a whole (a bad record, a wrong key): every row of it failed, with Userpilot's words.
      await failChunk(run, { httpStatus: status, message: answerMessage(result), historyId });
      return true;
    }
    // No usable answer (5xx, 429 or a timeout after the client's retries, a redirect): the rows wait.
    await markChunkPending(job.id);
    await setJobState(
      job.id,
      "paused",
      `Paused: a chunk of ${chunk.rows.length} row(s) got no usable answer from Userpilot (${answerMessage(result)}); Resume sends it again`,
    );
    return false;
  }
}

/** Userpilot's 413: the chunk is too big for it, so its halves go one after the other. */
async function splitChunk(run: Run, chunk: Chunk, result: UpstreamResult): Promise<boolean> {
  await markChunkPending(run.job.id);
  if (chunk.rows.length === 1) {
    await markChunkSending(run.job.id, [chunk.rows[0]!.idx]);
    await failChunk(run, { httpStatus: 413, message: `Too large for Userpilot's bulk endpoint: ${answerMessage(result)}`, historyId: null });
    return true;
  }
  const half = Math.ceil(chunk.rows.length / 2);
  const first = { rows: chunk.rows.slice(0, half), records: chunk.records.slice(0, half) };
  const second = { rows: chunk.rows.slice(half), records: chunk.records.slice(half) };
  return (await sendChunk(run, first)) && (await sendChunk(run, second));
}

async function followAcceptedChunk(run: Run, chunk: Chunk, historyId: string, result: UpstreamResult & { kind: "response" }) {
  const answer = readBackgroundJob(result.body, chunk.rows.length);
  if (!answer) {
    await failChunk(run, {
      httpStatus: result.status,
      message: `Userpilot took the chunk (HTTP ${result.status}) but named no job to follow; whether its rows were applied is unknown`,
      historyId,
    });
    return true;
  }
  const upstream: StoredUpstreamJob = {
    jobId: answer.jobId,
    status: answer.status,
    totalRows: answer.totalRows,
    completedRows: answer.completedRows,
    historyId,
    httpStatus: result.status,
  };
  // From here on the chunk is Userpilot's: a restart follows this job instead of sending the rows again.
  await storeUpstreamJob(run.job.id, upstream);
  return followUpstreamJob(run, upstream);
}

/** Polls Userpilot's job every BULK_POLL_MS until it ends; false when the job stops here. */
async function followUpstreamJob(run: Run, accepted: StoredUpstreamJob): Promise<boolean> {
  let upstream = accepted;
  const { job } = run;
  for (;;) {
    if (isFinal(upstream.status)) return endChunk(run, upstream, null);
    await sleep(run.pollMs, run.control);
    if (run.control.stopped()) return false;
    const result = await getBackgroundJob(run.context.environment, upstream.jobId);
    const status = result.kind === "response" ? result.status : null;
    const answer = result.kind === "response" && status === 200 ? readBackgroundJob(result.body, upstream.totalRows) : undefined;
    if (answer) {
      upstream = { ...upstream, status: answer.status, totalRows: answer.totalRows, completedRows: answer.completedRows };
      await storeUpstreamJob(job.id, upstream);
      await noteWhileRunning(job.id, null);
      if (isFinal(answer.status)) return endChunk(run, upstream, answer.message);
      continue;
    }
    if (status === 404) {
      await failChunk(run, {
        httpStatus: upstream.httpStatus,
        message: `Userpilot no longer knows bulk job ${upstream.jobId}; whether its rows were applied is unknown`,
        historyId: upstream.historyId,
      });
      return true;
    }
    const why = answerMessage(result);
    if (status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429) {
      await setJobState(job.id, "paused", `Paused: Userpilot's bulk job ${upstream.jobId} can't be followed (${why}); Resume asks again`);
      return false;
    }
    await noteWhileRunning(job.id, `Userpilot's bulk job ${upstream.jobId}: its status can't be read just now (${why}); asking again`);
  }
}

async function endChunk(run: Run, upstream: StoredUpstreamJob, message: string | null): Promise<boolean> {
  if (upstream.status === "completed") {
    await finishChunk(
      run.job.id,
      { state: "sent", httpStatus: upstream.httpStatus, message: `accepted by bulk job ${upstream.jobId}`, historyId: upstream.historyId },
      maskerOf(run),
    );
    // The rows are Userpilot's now: they join the known profiles (never failing the job; see keep-profile.ts).
    if (upstream.historyId !== null) await keepBulkChunk(upstream.historyId, run.context.kind);
    return true;
  }
  await failChunk(run, {
    httpStatus: upstream.httpStatus,
    message: `Userpilot's bulk job ${upstream.jobId} failed: ${message ?? "Userpilot gave no reason"}`,
    historyId: upstream.historyId,
  });
  return true;
}

async function failChunk(run: Run, outcome: { httpStatus: number | null; message: string; historyId: string | null }) {
  run.lastFailure = outcome.message;
  await finishChunk(run.job.id, { state: "failed", ...outcome }, maskerOf(run));
}

/** Done rows keep only what the history may keep (HISTORY_REDACT_KEYS), as in real-time mode. */
function maskerOf(run: Run): (valuesJson: string) => string {
  const kind = run.context.kind;
  return (valuesJson) => JSON.stringify(redactedValues(parseValues(kind, valuesJson)));
}

/** The job's end, in words: completed, completed with failures, or failed when no row got through. */
async function finishJob(run: Run): Promise<void> {
  const job = await getJob(run.job.id);
  if (!job) return;
  if (job.failed_rows === 0) return endRunningJob(job.id, "completed", null);
  const failed = `${job.failed_rows.toLocaleString("en-US")} of ${job.total_rows.toLocaleString("en-US")} rows failed`;
  const last = run.lastFailure ? `; the last: ${run.lastFailure}` : "";
  if (job.sent_rows === 0) return endRunningJob(job.id, "failed", `Failed: ${failed}${last}`);
  await endRunningJob(job.id, "completed", `Completed with failures: ${failed}${last}`);
}

/** Waits, in short steps so that a stopping runner is not held up. */
async function sleep(ms: number, control: BulkRunControl): Promise<void> {
  const until = Date.now() + ms;
  while (!control.stopped() && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, until - Date.now())));
  }
}

import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { JobState } from "./job-views";
import { upstreamJobSchema } from "./upstream-job";

// What the bulk API mode stores beside the job engine's rows: which rows form the chunk Userpilot is
// working on (the job's rows left `sending`), and Userpilot's job for that chunk (the job's upstream_job).
// The invariant resume relies on: rows `sending` AND an upstream job stored => Userpilot accepted them.

/** Userpilot's job of the chunk in flight, with the history row of the request that started it. */
export const storedUpstreamJobSchema = upstreamJobSchema.extend({
  historyId: z.string().nullable(),
  /** The HTTP status Userpilot took the chunk with. */
  httpStatus: z.number().int().default(202),
});
export type StoredUpstreamJob = z.infer<typeof storedUpstreamJobSchema>;

/** Puts rows on record as one chunk being sent (one more attempt each) and forgets any earlier chunk's job. */
export async function markChunkSending(jobId: string, idxs: readonly number[]): Promise<void> {
  const now = Date.now();
  await (await db()).transaction().execute(async (tx) => {
    await tx
      .updateTable("bulk_job_rows")
      .set((eb) => ({ state: "sending", attempts: eb("attempts", "+", 1), updated_at: now }))
      .where("job_id", "=", jobId)
      .where("idx", "in", [...idxs])
      .execute();
    await tx.updateTable("bulk_jobs").set({ upstream_job: null, updated_at: now }).where("id", "=", jobId).execute();
  });
}

/** Rows of a chunk Userpilot did not take go back to pending, to be sent again. */
export async function markChunkPending(jobId: string, idxs?: readonly number[]): Promise<void> {
  let query = (await db())
    .updateTable("bulk_job_rows")
    .set({ state: "pending", updated_at: Date.now() })
    .where("job_id", "=", jobId)
    .where("state", "=", "sending");
  if (idxs) query = query.where("idx", "in", [...idxs]);
  await query.execute();
}

export async function sendingIdxs(jobId: string): Promise<number[]> {
  const rows = await (await db())
    .selectFrom("bulk_job_rows")
    .select("idx")
    .where("job_id", "=", jobId)
    .where("state", "=", "sending")
    .orderBy("idx")
    .execute();
  return rows.map((row) => row.idx);
}

export async function storeUpstreamJob(jobId: string, job: StoredUpstreamJob): Promise<void> {
  await (await db())
    .updateTable("bulk_jobs")
    .set({ upstream_job: JSON.stringify(job), updated_at: Date.now() })
    .where("id", "=", jobId)
    .execute();
}

export async function readUpstreamJob(jobId: string): Promise<StoredUpstreamJob | null> {
  const row = await (await db()).selectFrom("bulk_jobs").select("upstream_job").where("id", "=", jobId).executeTakeFirst();
  if (!row?.upstream_job) return null;
  try {
    const parsed = storedUpstreamJobSchema.safeParse(JSON.parse(row.upstream_job));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type ChunkOutcome = {
  state: "sent" | "failed";
  httpStatus: number | null;
  message: string;
  historyId: string | null;
};

/**
 * Ends every row of the chunk in flight with one outcome, its values masked by `mask` (done rows keep only
 * what the history may keep), and counts them on the job, all in one transaction.
 */
export async function finishChunk(jobId: string, outcome: ChunkOutcome, mask: (valuesJson: string) => string): Promise<number> {
  const now = Date.now();
  return (await db()).transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom("bulk_job_rows")
      .select(["idx", "values_json"])
      .where("job_id", "=", jobId)
      .where("state", "=", "sending")
      .execute();
    for (const row of rows) {
      const masked = mask(row.values_json);
      if (masked === row.values_json) continue;
      await tx
        .updateTable("bulk_job_rows")
        .set({ values_json: masked })
        .where("job_id", "=", jobId)
        .where("idx", "=", row.idx)
        .execute();
    }
    const { state, httpStatus: http_status, message, historyId: history_id } = outcome;
    await tx
      .updateTable("bulk_job_rows")
      .set({ state, http_status, message, history_id, updated_at: now })
      .where("job_id", "=", jobId)
      .where("state", "=", "sending")
      .execute();
    await tx
      .updateTable("bulk_jobs")
      .set((eb) =>
        outcome.state === "sent"
          ? { sent_rows: eb("sent_rows", "+", rows.length), updated_at: now }
          : { failed_rows: eb("failed_rows", "+", rows.length), updated_at: now },
      )
      .where("id", "=", jobId)
      .execute();
    return rows.length;
  });
}

/** A running job's reason in words (waiting, queued); a job paused or cancelled meanwhile keeps its own. */
export async function noteWhileRunning(jobId: string, reason: string | null): Promise<void> {
  const running: JobState = "running";
  await (await db())
    .updateTable("bulk_jobs")
    .set({ state_reason: reason, updated_at: Date.now() })
    .where("id", "=", jobId)
    .where("state", "=", running)
    .execute();
}

/** Ends a job that is still running (a pause or cancel meanwhile wins). */
export async function endRunningJob(jobId: string, state: "completed" | "failed", reason: string | null): Promise<void> {
  const now = Date.now();
  await (await db())
    .updateTable("bulk_jobs")
    .set({ state, state_reason: reason, updated_at: now, finished_at: now })
    .where("id", "=", jobId)
    .where("state", "=", "running")
    .execute();
}

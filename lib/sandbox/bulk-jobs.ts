import { randomBytes } from "node:crypto";

export type BulkJobStatus = "queued" | "processing" | "completed" | "failed";

/** What `GET /v1/background_jobs/{job_id}` answers. */
export type BulkJobView = {
  job_id: string;
  status: BulkJobStatus;
  total_rows: number;
  completed_rows: number;
};

type BulkJob = {
  id: string;
  ownerKey: string;
  createdAt: number;
  totalRows: number;
  applyRecords: () => Promise<void>;
  applying?: Promise<void>;
  applied: boolean;
  failed: boolean;
};

/**
 * A job spends one step queued, one step processing (completed_rows growing), then is completed.
 * With a step of 0 it is completed at once.
 */
export function jobProgress(
  elapsedMs: number,
  stepMs: number,
  totalRows: number,
): { status: "queued" | "processing" | "completed"; completedRows: number } {
  if (stepMs <= 0 || elapsedMs >= 2 * stepMs) return { status: "completed", completedRows: totalRows };
  if (elapsedMs < stepMs) return { status: "queued", completedRows: 0 };
  const share = (elapsedMs - stepMs) / stepMs;
  return { status: "processing", completedRows: Math.min(totalRows - 1, Math.floor(totalRows * share)) };
}

export type BulkJobs = ReturnType<typeof createBulkJobs>;

export function createBulkJobs(options: { now: () => number; stepMs: number }) {
  const jobs = new Map<string, BulkJob>();

  function view(job: BulkJob): BulkJobView {
    const answer = (status: BulkJobStatus, completedRows: number): BulkJobView => ({
      job_id: job.id,
      status,
      total_rows: job.totalRows,
      completed_rows: completedRows,
    });
    if (job.failed) return answer("failed", 0);
    const progress = jobProgress(options.now() - job.createdAt, options.stepMs, job.totalRows);
    // Until its records are in the store, a job whose time is up still reports processing.
    if (progress.status === "completed" && !job.applied)
      return answer("processing", Math.max(0, job.totalRows - 1));
    return answer(progress.status, progress.completedRows);
  }

  return {
    create(ownerKey: string, totalRows: number, applyRecords: () => Promise<void>): BulkJobView {
      const job: BulkJob = {
        id: `job_${randomBytes(8).toString("hex")}`,
        ownerKey,
        createdAt: options.now(),
        totalRows,
        applyRecords,
        applied: false,
        failed: false,
      };
      jobs.set(job.id, job);
      return { job_id: job.id, status: "queued", total_rows: totalRows, completed_rows: 0 };
    },

    find(jobId: string): BulkJobView | undefined {
      const job = jobs.get(jobId);
      return job && view(job);
    },

    /** Userpilot runs one bulk job at a time per account. */
    hasUnfinishedJob(ownerKey: string): boolean {
      return [...jobs.values()].some((job) => {
        if (job.ownerKey !== ownerKey) return false;
        const status = view(job).status;
        return status !== "completed" && status !== "failed";
      });
    },

    /** Applies the records of every job whose time is up, once each; waits for any apply in progress. */
    async settle(): Promise<void> {
      const pending: Promise<void>[] = [];
      for (const job of jobs.values()) {
        const due =
          jobProgress(options.now() - job.createdAt, options.stepMs, job.totalRows).status === "completed";
        if (!due) continue;
        job.applying ??= job.applyRecords().then(
          () => {
            job.applied = true;
          },
          () => {
            job.failed = true;
          },
        );
        pending.push(job.applying);
      }
      await Promise.all(pending);
    },

    reset(): void {
      jobs.clear();
    },
  };
}

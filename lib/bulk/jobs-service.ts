import "server-only";
import type { Actor } from "@/lib/auth/session";
import { KEY_UNREADABLE, resolveEnvironment } from "@/lib/environments/store";
import { KEY_UNREADABLE_MESSAGE } from "@/lib/environments/types";
import { REDACTED } from "@/lib/history/redact";
import { HistoryUnavailableError } from "@/lib/history/store";
import { ApiError, historyUnavailable } from "@/lib/http/api-error";
import { bulkJobPlanSchema, type BulkJobPlan } from "./plan";
import type { JobProgress } from "./job-views";
import { createJob, failedRows, getJob, kindOf, modeOf, moveJob, sourceOf, toSummary, type JobRow } from "./job-store";
import { jobRate, wakeBulkRunner } from "./runner";
import { upstreamJobOf } from "./upstream-job";

const UNKNOWN_ENVIRONMENT = "That environment does not exist (any more); pick another";

/** Stores the plan as a running job on its environment; throws the ApiError to answer when it can't. */
export async function startJob(plan: BulkJobPlan, actor: Actor, retryOf: string | null = null): Promise<JobProgress> {
  const environment = await resolveEnvironment(plan.environmentId);
  if (!environment) {
    throw new ApiError(400, "unknown_environment", UNKNOWN_ENVIRONMENT, [{ path: "environmentId", message: UNKNOWN_ENVIRONMENT }]);
  }
  if (environment === KEY_UNREADABLE) throw new ApiError(409, "key_unreadable", KEY_UNREADABLE_MESSAGE);
  let id: string;
  try {
    id = await createJob({
      plan,
      startedBy: actor.email,
      environmentId: environment.summary.id,
      environment: environment.summary.label,
      retryOf,
    });
  } catch (error) {
    if (error instanceof HistoryUnavailableError) throw historyUnavailable(error.reason);
    throw error;
  }
  wakeBulkRunner();
  return progressOf(await existingJob(id));
}

export function progressOf(job: JobRow): JobProgress {
  const summary = toSummary(job);
  const done = summary.sent + summary.failed;
  const ratePerMinute = summary.state === "running" ? jobRate(job.id) : 0;
  const left = summary.total - done;
  return {
    ...summary,
    done,
    ratePerMinute,
    secondsLeft: ratePerMinute > 0 && summary.state === "running" ? Math.ceil((left / ratePerMinute) * 60) : null,
    upstream: upstreamJobOf(job),
  };
}

/** The job, or the 404 to answer. */
export async function existingJob(id: string): Promise<JobRow> {
  const job = await getJob(id);
  if (!job) throw new ApiError(404, "not_found", "No such job");
  return job;
}

export async function jobProgress(id: string): Promise<JobProgress> {
  return progressOf(await existingJob(id));
}

const ACTIONS = {
  pause: { from: ["running"], to: "paused", refusal: "Only a running job can be paused" },
  resume: { from: ["paused"], to: "running", refusal: "Only a paused job can be resumed" },
  cancel: { from: ["running", "paused"], to: "cancelled", refusal: "This job has already ended" },
} as const;
export type JobAction = keyof typeof ACTIONS;

/** Pause, Resume or Cancel: takes effect before the job's next row. */
export async function changeJob(id: string, action: JobAction): Promise<JobProgress> {
  const rule = ACTIONS[action];
  const moved = await moveJob(id, rule.from, rule.to);
  const job = await existingJob(id);
  if (!moved) throw new ApiError(409, "wrong_state", `${rule.refusal} (this one is ${job.state})`);
  if (action === "resume") wakeBulkRunner();
  return progressOf(job);
}

/** A new job from a job's failed rows, on the same environment, from the same file, by whoever asks. */
export async function retryFailed(id: string, actor: Actor): Promise<JobProgress> {
  const job = await existingJob(id);
  if (job.state === "running" || job.state === "paused") {
    throw new ApiError(409, "wrong_state", "Retry the failed rows once the job has ended (cancel it or let it finish)");
  }
  const failed = await failedRows(job);
  if (failed.length === 0) throw new ApiError(409, "no_failed_rows", "This job has no failed rows to retry");
  // Done rows keep masked values (HISTORY_REDACT_KEYS): sent again, "[redacted]" would become the value.
  const masked = failed.filter((row) => JSON.stringify(row.values.values).includes(JSON.stringify(REDACTED)));
  if (masked.length > 0) {
    throw new ApiError(
      409,
      "values_masked",
      `${masked.length} failed row(s) hold masked values (HISTORY_REDACT_KEYS) and can't be sent again from here: download the results, fill them in and upload the file again`,
    );
  }
  const source = sourceOf(job);
  const parsed = bulkJobPlanSchema.safeParse({
    version: 1,
    environmentId: job.environment_id,
    mode: modeOf(job),
    kind: kindOf(job),
    source: source ?? { name: "Retry", headers: ["id"], delimiter: "," },
    skipped: [],
    rows: failed.map((row) => ({ line: row.line, cells: row.cells, values: row.values.values })),
  });
  if (!parsed.success) throw new ApiError(409, "rows_unreadable", "The failed rows can't be read back as they were sent");
  return startJob(parsed.data, actor, job.id);
}

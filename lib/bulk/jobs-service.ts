import "server-only";
import type { ApiErrorCode } from "@/lib/http/error-codes";
import type { Actor } from "@/lib/auth/session";
import { KEY_UNREADABLE, resolveEnvironment } from "@/lib/environments/store";
import { REDACTED } from "@/lib/history/redact";
import { jobPlanSchema, type JobPlan } from "./job-plan";
import type { JobProgress } from "./job-views";
import {
  createJob,
  failedRows,
  getJob,
  kindOf,
  modeOf,
  moveJob,
  toSummary,
  type JobRow,
} from "./job-store";
import { jobRate, wakeBulkRunner } from "./runner";
import { upstreamJobOf } from "./upstream-job";

export type ServiceError = { status: number; code: ApiErrorCode; message: string };
type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

const fail = (status: number, code: ApiErrorCode, message: string): { ok: false; error: ServiceError } => ({
  ok: false,
  error: { status, code, message },
});

/** Stores the plan as a running job on its environment (resolved now, so a later default does not move it). */
export async function startJob(plan: JobPlan, actor: Actor, retryOf: string | null = null): Promise<Result<JobProgress>> {
  const environment = await resolveEnvironment(plan.environmentId);
  if (!environment && plan.environmentId === null) {
    return fail(409, "no_environment", "There is no environment to send to; an admin can add one on the Environments page.");
  }
  if (!environment) return fail(400, "unknown_environment", "That environment does not exist (any more); pick another");
  if (environment === KEY_UNREADABLE) {
    return fail(409, "key_unreadable", "The environment's stored key can't be read; an admin must enter it again");
  }
  const id = await createJob({
    plan,
    startedBy: actor.email,
    environmentId: environment.summary.id,
    environment: environment.summary.label,
    retryOf,
  });
  wakeBulkRunner();
  const job = await getJob(id);
  if (!job) return fail(500, "job_missing", "The job was stored but can't be read back");
  return { ok: true, value: progressOf(job) };
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

export async function jobProgress(id: string): Promise<JobProgress | undefined> {
  const job = await getJob(id);
  return job && progressOf(job);
}

const ACTIONS = {
  pause: { from: ["running"], to: "paused", verb: "paused", refusal: "Only a running job can be paused" },
  resume: { from: ["paused"], to: "running", verb: "resumed", refusal: "Only a paused job can be resumed" },
  cancel: { from: ["running", "paused"], to: "cancelled", verb: "cancelled", refusal: "This job has already ended" },
} as const;
export type JobAction = keyof typeof ACTIONS;

/** Pause, Resume or Cancel: takes effect before the job's next row. */
export async function changeJob(id: string, action: JobAction): Promise<Result<JobProgress>> {
  const rule = ACTIONS[action];
  const moved = await moveJob(id, rule.from, rule.to);
  const job = await getJob(id);
  if (!job) return fail(404, "not_found", "No such job");
  if (!moved) return fail(409, "wrong_state", `${rule.refusal} (this one is ${job.state})`);
  if (action === "resume") wakeBulkRunner();
  return { ok: true, value: progressOf(job) };
}

/** A new job from a job's failed rows, on the same environment, by whoever asks. */
export async function retryFailed(id: string, actor: Actor): Promise<Result<JobProgress>> {
  const job = await getJob(id);
  if (!job) return fail(404, "not_found", "No such job");
  if (job.state === "running" || job.state === "paused") {
    return fail(409, "wrong_state", "Retry the failed rows once the job has ended (cancel it or let it finish)");
  }
  const failed = await failedRows(job);
  if (failed.length === 0) return fail(409, "no_failed_rows", "This job has no failed rows to retry");
  // Done rows keep masked values (HISTORY_REDACT_KEYS): sent again, "[redacted]" would become the value.
  const masked = failed.filter((row) => JSON.stringify(row.values.values).includes(JSON.stringify(REDACTED)));
  if (masked.length > 0) {
    return fail(
      409,
      "values_masked",
      `${masked.length} failed row(s) hold masked values (HISTORY_REDACT_KEYS) and can't be sent again from here: download the results, fill them in and upload the file again`,
    );
  }
  const parsed = jobPlanSchema.safeParse({
    environmentId: job.environment_id,
    mode: modeOf(job),
    kind: kindOf(job),
    rows: failed.map((row) => ({ line: row.line, values: row.values.values })),
  });
  if (!parsed.success) return fail(409, "rows_unreadable", "The failed rows can't be read back as they were sent");
  const plan = parsed.data;
  return startJob(plan, actor, job.id);
}

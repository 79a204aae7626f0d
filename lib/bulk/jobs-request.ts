import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { HistoryUnavailableError } from "@/lib/history/store";
import { readJsonBody } from "@/lib/http/json-body";
import { historyUnavailable } from "@/lib/http/api-error";
import { apiError, fieldErrors } from "@/lib/http/responses";
import { jobPlanSchema, MAX_JOB_BODY_BYTES } from "./job-plan";
import { getJob, listJobs, toSummary } from "./job-store";
import { jobResultsCsv } from "./results-csv";
import { changeJob, jobProgress, retryFailed, startJob, type JobAction, type ServiceError } from "./jobs-service";

/** At most this many field errors are answered: a file of 100,000 bad rows must not make a 100 MB answer. */
const MAX_FIELD_ERRORS = 200;
const jobIdSchema = z.uuid({ error: "That is not a job id" });

export type JobRouteContext = { params: Promise<{ id: string }> };

function serviceError(error: ServiceError): Response {
  return apiError(error.status, error.code, error.message);
}

/** POST /api/bulk/jobs: check every row with the form's rules, store the job, start it. */
export async function handleCreateJob(request: Request, actor: Actor): Promise<Response> {
  const body = await readJsonBody(request, MAX_JOB_BODY_BYTES);
  if (!body.ok) return apiError(body.status, body.code, body.message);
  const parsed = jobPlanSchema.safeParse(body.json);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const shown = fields.slice(0, MAX_FIELD_ERRORS);
    const more = fields.length > shown.length ? ` (the first ${shown.length} of ${fields.length} are listed)` : "";
    return apiError(400, "invalid_request", `The job has invalid rows; nothing was sent${more}`, shown);
  }
  try {
    const started = await startJob(parsed.data, actor);
    if (!started.ok) return serviceError(started.error);
    return NextResponse.json({ job: started.value }, { status: 201 });
  } catch (error) {
    if (error instanceof HistoryUnavailableError) throw historyUnavailable(error.reason);
    throw error;
  }
}

/** GET /api/bulk/jobs: the latest jobs, newest first. */
export async function handleListJobs(): Promise<Response> {
  return NextResponse.json({ jobs: (await listJobs()).map(toSummary) });
}

async function jobIdOf(context: JobRouteContext): Promise<{ ok: true; id: string } | { ok: false; response: Response }> {
  const parsed = jobIdSchema.safeParse((await context.params).id);
  return parsed.success
    ? { ok: true, id: parsed.data }
    : { ok: false, response: apiError(404, "not_found", "No such job") };
}

/** GET /api/bulk/jobs/[id]: progress. */
export async function handleJobProgress(_request: Request, _actor: Actor, context: JobRouteContext): Promise<Response> {
  const id = await jobIdOf(context);
  if (!id.ok) return id.response;
  const job = await jobProgress(id.id);
  return job ? NextResponse.json({ job }) : apiError(404, "not_found", "No such job");
}

/** POST /api/bulk/jobs/[id]/pause|resume|cancel. */
export function handleJobAction(action: JobAction) {
  return async (_request: Request, _actor: Actor, context: JobRouteContext): Promise<Response> => {
    const id = await jobIdOf(context);
    if (!id.ok) return id.response;
    const changed = await changeJob(id.id, action);
    return changed.ok ? NextResponse.json({ job: changed.value }) : serviceError(changed.error);
  };
}

/** POST /api/bulk/jobs/[id]/retry: a new job from the failed rows. */
export async function handleRetryJob(_request: Request, actor: Actor, context: JobRouteContext): Promise<Response> {
  const id = await jobIdOf(context);
  if (!id.ok) return id.response;
  const retried = await retryFailed(id.id, actor);
  return retried.ok ? NextResponse.json({ job: retried.value }, { status: 201 }) : serviceError(retried.error);
}

/** GET /api/bulk/jobs/[id]/results: every row with its outcome, as CSV. */
export async function handleJobResults(_request: Request, _actor: Actor, context: JobRouteContext): Promise<Response> {
  const id = await jobIdOf(context);
  if (!id.ok) return id.response;
  const job = await getJob(id.id);
  if (!job) return apiError(404, "not_found", "No such job");
  return new Response(jobResultsCsv(job), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="bulk-job-${job.id}-results.csv"`,
      "cache-control": "no-store",
    },
  });
}

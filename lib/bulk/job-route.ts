import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { ApiError } from "@/lib/http/api-error";
import { changeJob, type JobAction } from "./jobs-service";

export type JobRouteContext = { params: Promise<{ id: string }> };

const jobIdSchema = z.uuid();

/** The job id in the path; anything that is not one is a job that does not exist. */
export async function jobIdFrom(context: JobRouteContext): Promise<string> {
  const parsed = jobIdSchema.safeParse((await context.params).id);
  if (!parsed.success) throw new ApiError(404, "not_found", "No such job");
  return parsed.data;
}

/** POST /api/bulk/jobs/[id]/pause|resume|cancel: the job moved, before its next row. */
export function jobActionHandler(action: JobAction) {
  return async (_request: Request, _actor: unknown, context: JobRouteContext): Promise<Response> =>
    NextResponse.json({ job: await changeJob(await jobIdFrom(context), action) });
}

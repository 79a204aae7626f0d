import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { jobIdFrom, type JobRouteContext } from "@/lib/bulk/job-route";
import { retryFailed } from "@/lib/bulk/jobs-service";

// POST /api/bulk/jobs/[id]/retry – a new job from the job's failed rows
export const POST = guarded<JobRouteContext>("identify:send", async (_request, actor, context) =>
  NextResponse.json({ job: await retryFailed(await jobIdFrom(context), actor) }, { status: 201 }),
);

import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { jobIdFrom, type JobRouteContext } from "@/lib/bulk/job-route";
import { jobProgress } from "@/lib/bulk/jobs-service";

// GET /api/bulk/jobs/[id] – a job's progress: rows done and failed, rate, time left, state
export const GET = guarded<JobRouteContext>("identify:send", async (_request, _actor, context) =>
  NextResponse.json({ job: await jobProgress(await jobIdFrom(context)) }),
);

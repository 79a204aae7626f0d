import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { listJobs, toSummary } from "@/lib/bulk/job-store";
import { startJob } from "@/lib/bulk/jobs-service";
import { bulkJobPlanSchema, MAX_PLAN_BODY_BYTES } from "@/lib/bulk/plan";
import { parseBody } from "@/lib/http/parse-body";

// GET /api/bulk/jobs – the latest bulk jobs: state, who started each, environment, counts
export const GET = guarded("identify:send", async () => NextResponse.json({ jobs: (await listJobs()).map(toSummary) }));

// POST /api/bulk/jobs { version, environmentId, kind, mode, source, skipped, rows } – check every row with the form's rules, store the job, start it
export const POST = guarded("identify:send", async (request, actor) => {
  const plan = await parseBody(request, bulkJobPlanSchema, "The job has invalid rows; nothing was sent", MAX_PLAN_BODY_BYTES);
  return NextResponse.json({ job: await startJob(plan, actor) }, { status: 201 });
});

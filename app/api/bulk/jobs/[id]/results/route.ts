import { guarded } from "@/lib/auth/guard";
import { jobIdFrom, type JobRouteContext } from "@/lib/bulk/job-route";
import { existingJob } from "@/lib/bulk/jobs-service";
import { jobResultsResponse } from "@/lib/bulk/results-csv";

// GET /api/bulk/jobs/[id]/results – every line of the job's file with status, HTTP code, Userpilot's message, history link (CSV)
export const GET = guarded<JobRouteContext>("identify:send", async (_request, _actor, context) =>
  jobResultsResponse(await existingJob(await jobIdFrom(context))),
);

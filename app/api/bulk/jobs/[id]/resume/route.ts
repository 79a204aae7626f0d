import { guarded } from "@/lib/auth/guard";
import { jobActionHandler, type JobRouteContext } from "@/lib/bulk/job-route";

// POST /api/bulk/jobs/[id]/resume – resume the job before its next row
export const POST = guarded<JobRouteContext>("identify:send", jobActionHandler("resume"));

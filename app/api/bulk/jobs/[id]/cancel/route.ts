import { guarded } from "@/lib/auth/guard";
import { jobActionHandler, type JobRouteContext } from "@/lib/bulk/job-route";

// POST /api/bulk/jobs/[id]/cancel – cancel the job before its next row
export const POST = guarded<JobRouteContext>("identify:send", jobActionHandler("cancel"));

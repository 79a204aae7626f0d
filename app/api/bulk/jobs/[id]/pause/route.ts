import { guarded } from "@/lib/auth/guard";
import { handleJobAction, type JobRouteContext } from "@/lib/bulk/jobs-request";

// POST /api/bulk/jobs/[id]/pause – pause the job before its next row
export const POST = guarded<JobRouteContext>("identify:send", handleJobAction("pause"));

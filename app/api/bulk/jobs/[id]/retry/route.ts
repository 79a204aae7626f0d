import { guarded } from "@/lib/auth/guard";
import { handleRetryJob, type JobRouteContext } from "@/lib/bulk/jobs-request";

// POST /api/bulk/jobs/[id]/retry – a new job from the job's failed rows
export const POST = guarded<JobRouteContext>("identify:send", handleRetryJob);

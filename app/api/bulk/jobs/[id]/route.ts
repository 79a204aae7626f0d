import { guarded } from "@/lib/auth/guard";
import { handleJobProgress, type JobRouteContext } from "@/lib/bulk/jobs-request";

// GET /api/bulk/jobs/[id] – a job's progress: rows done and failed, rate, time left, state
export const GET = guarded<JobRouteContext>("identify:send", handleJobProgress);

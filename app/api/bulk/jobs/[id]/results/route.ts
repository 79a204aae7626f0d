import { guarded } from "@/lib/auth/guard";
import { handleJobResults, type JobRouteContext } from "@/lib/bulk/jobs-request";

// GET /api/bulk/jobs/[id]/results – the job's rows with status, HTTP code, Userpilot's message, history link (CSV)
export const GET = guarded<JobRouteContext>("identify:send", handleJobResults);

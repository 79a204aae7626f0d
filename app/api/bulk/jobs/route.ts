import { guarded } from "@/lib/auth/guard";
import { handleCreateJob, handleListJobs } from "@/lib/bulk/jobs-request";

// GET /api/bulk/jobs – the latest bulk jobs: state, who started each, environment, counts
export const GET = guarded("identify:send", handleListJobs);

// POST /api/bulk/jobs – check every row of a job plan with the form's rules, store the job, start it
export const POST = guarded("identify:send", handleCreateJob);

import type { BulkJobPlan } from "@/lib/bulk/plan";
import { jobResponseSchema, type JobProgress } from "@/lib/bulk/job-views";
import { requestJson, type RequestResult } from "./request-json";

/** Hands the checked plan to the server's job engine (201 with the job once stored); failures come back as words to show. */
export function startBulkJob(plan: BulkJobPlan): Promise<RequestResult<{ job: JobProgress }>> {
  return requestJson("/api/bulk/jobs", jobResponseSchema, {
    method: "POST",
    body: plan,
    unreachable: "The console's server could not be reached. Nothing was sent; your file and mapping are kept.",
    unexpected: (status) => `The console's server answered ${status} unexpectedly. Nothing was sent; your file and mapping are kept.`,
  });
}

import { z } from "zod";
import type { BulkJobPlan } from "@/lib/bulk/plan";
import { requestJson, type RequestResult } from "./request-json";

/** What `POST /api/bulk/jobs` answers with 201 once it has stored the job. */
export const startedJobSchema = z.object({
  job: z.object({ id: z.string().min(1), state: z.string() }),
});
export type StartedJob = z.infer<typeof startedJobSchema>;

/** Hands the checked plan to the server's job engine; every failure comes back as words to show. */
export function startBulkJob(plan: BulkJobPlan): Promise<RequestResult<StartedJob>> {
  return requestJson("/api/bulk/jobs", startedJobSchema, {
    method: "POST",
    body: plan,
    unreachable: "The console's server could not be reached. Nothing was sent; your file and mapping are kept.",
    unexpected: (status) =>
      status === 404
        ? "This console can't run bulk jobs yet (the server answered 404). Nothing was sent; your file and mapping are kept."
        : `The console's server answered ${status} unexpectedly. Nothing was sent; your file and mapping are kept.`,
  });
}

import { z } from "zod";
import type { JobRow } from "./job-store";
import type { JobProgress } from "./job-views";

/** Userpilot's job of the chunk in progress, as the bulk API mode stores it on the job. */
export const upstreamJobSchema = z.object({
  jobId: z.string(),
  status: z.string(),
  totalRows: z.number(),
  completedRows: z.number(),
});

export function upstreamJobOf(job: Pick<JobRow, "upstream_job">): JobProgress["upstream"] {
  if (!job.upstream_job) return null;
  try {
    const parsed = upstreamJobSchema.safeParse(JSON.parse(job.upstream_job));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

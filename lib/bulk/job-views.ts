import { z } from "zod";
import { BULK_KINDS } from "./mapping";
import { BULK_MODES } from "./plan";

// What the jobs routes answer: universal, so the browser parses the answers with the same schemas.

export const JOB_STATES = ["running", "paused", "cancelled", "completed", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];
export const ROW_STATES = ["pending", "sending", "sent", "failed"] as const;
export type RowState = (typeof ROW_STATES)[number];

export const jobSummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  startedBy: z.string(),
  environment: z.string(),
  kind: z.enum(BULK_KINDS),
  mode: z.enum(BULK_MODES),
  state: z.enum(JOB_STATES),
  stateReason: z.string().nullable(),
  retryOf: z.string().nullable(),
  total: z.number(),
  sent: z.number(),
  failed: z.number(),
  /** Rows the check refused before the job started: never sent, listed in the results. */
  skipped: z.number(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const jobProgressSchema = jobSummarySchema.extend({
  /** Rows finished (sent or failed). */
  done: z.number(),
  /** Rows a minute over the last minute. */
  ratePerMinute: z.number(),
  /** Seconds until the last row, at the current rate; null when nothing moves. */
  secondsLeft: z.number().nullable(),
  /** Bulk API mode: Userpilot's job of the chunk in progress. */
  upstream: z
    .object({ jobId: z.string(), status: z.string(), totalRows: z.number(), completedRows: z.number() })
    .nullable(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const jobListResponseSchema = z.object({ jobs: z.array(jobSummarySchema) });
export const jobResponseSchema = z.object({ job: jobProgressSchema });

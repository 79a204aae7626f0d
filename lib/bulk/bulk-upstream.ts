import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import type { ResolvedEnvironment } from "@/lib/environments/store";
import { parseUpstreamErrors } from "@/lib/outcome/upstream-errors";
import { getJson, postJson, type RetryPolicy, type UpstreamResult } from "@/lib/userpilot/client";
import { backgroundJobPath, USERPILOT_PATHS } from "@/lib/userpilot/protocol";
type BulkKind = "users" | "companies";
import type { BulkRecord } from "./bulk-records";
import { bulkBody } from "./bulk-records";

// Userpilot's bulk endpoints as the bulk API mode calls them, and its answers read with zod.

const FINAL_STATUSES = ["completed", "failed"] as const;

/** A background job as Userpilot answers it (202 to a bulk request, 200 to a status poll). */
const backgroundJobSchema = z.object({
  job_id: z.string().min(1),
  status: z.string().min(1),
  total_rows: z.number().int().min(0).optional(),
  completed_rows: z.number().int().min(0).optional(),
  // Not documented: whatever Userpilot says about a failed job, when it says anything.
  message: z.string().optional(),
  error: z.union([z.string(), z.object({ message: z.string() })]).optional(),
});

export type BackgroundJob = {
  jobId: string;
  status: string;
  totalRows: number;
  completedRows: number;
  /** Userpilot's words about a failed job, if any. */
  message: string | null;
};

export function isFinal(status: string): status is (typeof FINAL_STATUSES)[number] {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

/** Reads a background job from an answer's body; undefined when it isn't one. */
export function readBackgroundJob(body: string, fallbackTotal: number): BackgroundJob | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = backgroundJobSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const job = parsed.data;
  const errorText = typeof job.error === "string" ? job.error : job.error?.message;
  const listed = parseUpstreamErrors(body).map((error) => error.message).join("; ");
  return {
    jobId: job.job_id,
    status: job.status,
    totalRows: job.total_rows ?? fallbackTotal,
    completedRows: job.completed_rows ?? (job.status === "completed" ? (job.total_rows ?? fallbackTotal) : 0),
    message: job.message ?? errorText ?? (listed || null),
  };
}

function policy(): RetryPolicy {
  const config = env();
  return {
    timeoutMs: config.USERPILOT_TIMEOUT_MS,
    maxRetries: config.USERPILOT_MAX_RETRIES,
    retryBaseMs: config.USERPILOT_RETRY_BASE_MS,
  };
}

/** Sends one chunk to the bulk endpoint of the job's kind. */
export function postChunk(environment: ResolvedEnvironment, kind: BulkKind, records: BulkRecord[]): Promise<UpstreamResult> {
  const path = kind === "users" ? USERPILOT_PATHS.bulkIdentifyUsers : USERPILOT_PATHS.bulkIdentifyCompanies;
  // Bulk bodies can be far larger than an Identify answer's cap; only the answer is capped, not the body.
  return postJson(environment, path, bulkBody(kind, records), policy());
}

export function getBackgroundJob(environment: ResolvedEnvironment, jobId: string): Promise<UpstreamResult> {
  return getJson(environment, backgroundJobPath(jobId), policy());
}

/** Userpilot's own words from an error answer, or the HTTP status when it said none. */
export function answerMessage(result: UpstreamResult): string {
  if (result.kind !== "response") return result.message;
  const said = parseUpstreamErrors(result.body).map((error) => error.message).join("; ");
  return said || `Userpilot answered HTTP ${result.status}`;
}

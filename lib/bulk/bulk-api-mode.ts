import "server-only";
import type { ResolvedEnvironment } from "@/lib/environments/store";
import { setJobState, type JobRow } from "./job-store";

/** Bulk API mode: chunks to Userpilot's bulk endpoints (not built yet). */
export async function runBulkApiJob(job: JobRow, _environment: ResolvedEnvironment): Promise<void> {
  await setJobState(job.id, "failed", "Bulk API mode is not available yet; send in real-time mode");
}

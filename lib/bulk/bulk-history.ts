import "server-only";
import { env } from "@/lib/env";
import type { ResolvedEnvironment } from "@/lib/environments/store";
import { redactFormValues, redactPayload, redactText, type Redacted } from "@/lib/history/redact";
import { insertRequest, writeOutcome } from "@/lib/history/store";
import type { LooseRows } from "@/lib/identify/loose-form";
import { emptyFormValues } from "@/lib/identify/schema";
import { isRedirectStatus, type UpstreamResult } from "@/lib/userpilot/client";
import { REDIRECT_MESSAGE } from "@/lib/outcome/status";
import { bulkBody, type BulkRecord } from "./bulk-records";
import type { StoredRow } from "./job-store";
import { companyAsForm } from "./send-company";

// A bulk request is one history row: source `bulk`, the job's id, its body masked record by record like
// any other body (HISTORY_REDACT_KEYS). It stands for many profiles, so it names no user or company, and
// its form values are the empty form's: "Resend" refuses it (no user id) rather than re-send a chunk.

export type ChunkContext = { jobId: string; kind: "users" | "companies"; sentBy: string; environment: ResolvedEnvironment };

/** Every property row of the chunk, for masking values Userpilot might echo in an answer. */
function chunkRows(rows: readonly StoredRow[]): LooseRows {
  const properties: LooseRows["properties"] = [];
  for (const row of rows) {
    const values = row.values.kind === "users" ? row.values.values : companyAsForm(row.values.values);
    properties.push(...values.properties, ...values.companyProperties);
  }
  return { properties, companyProperties: [] };
}

/** The chunk's request, on record as pending before it is sent (HistoryUnavailableError when it can't be). */
export async function recordChunkRequest(context: ChunkContext, rows: readonly StoredRow[], records: BulkRecord[]): Promise<string> {
  const names = env().HISTORY_REDACT_KEYS;
  // Each record is masked by redactPayload; the envelope around them holds nothing else.
  const body = bulkBody(context.kind, records.map((record) => redactPayload(record, names))) as Redacted<object>;
  return insertRequest(
    {
      environment: context.environment.summary.label,
      environmentId: context.environment.summary.id,
      sentBy: context.sentBy,
      source: "bulk",
      replayOf: null,
      jobId: context.jobId,
      userId: "",
      companyId: null,
      propertyCount: chunkRows(rows).properties.length,
      formValues: redactFormValues(emptyFormValues(), names),
      requestBody: body,
    },
    "pending",
    null,
  );
}

/** What Userpilot answered the chunk, masked like any answer. */
export async function recordChunkOutcome(id: string, rows: readonly StoredRow[], result: UpstreamResult): Promise<void> {
  const names = env().HISTORY_REDACT_KEYS;
  const values = chunkRows(rows);
  const response = result.kind === "response";
  await writeOutcome(id, {
    status: response ? String(result.status) : result.kind,
    statusCode: response ? result.status : null,
    responseBody: response ? redactText(result.body, values, names) : null,
    upstreamRequestId: response ? result.requestId : null,
    latencyMs: result.latencyMs,
    attempts: result.attempts,
    errorMessage: !response ? result.message : isRedirectStatus(result.status) ? REDIRECT_MESSAGE : null,
  });
}

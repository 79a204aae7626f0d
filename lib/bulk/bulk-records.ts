import "server-only";
import { buildCompanyPayload, buildIdentifyPayload, type PropertyValue } from "@/lib/identify/payload";
import type { StoredRow } from "./job-store";
import { companyAsForm } from "./send-company";

// One stored row as one record of a bulk request, and chunks of records under Userpilot's limits.
// See /work/shared/reference/userpilot-api.md: bulk records carry `company_id`, never a `company` object.

/** Userpilot's caps on one bulk request: records, and bytes of the JSON body. */
export const BULK_MAX_RECORDS = 10_000;
export const BULK_MAX_BYTES = 50 * 1024 * 1024;

export type BulkUserRecord = { user_id: string; company_id?: string; metadata?: Record<string, PropertyValue> };
export type BulkCompanyRecord = { company_id: string; metadata?: Record<string, PropertyValue> };
export type BulkRecord = BulkUserRecord | BulkCompanyRecord;

export type RecordOrRefusal = { ok: true; record: BulkRecord } | { ok: false; message: string };

export const COMPANY_PROPERTIES_REFUSAL =
  "A bulk user record carries only its company's id: company properties need real-time mode (or a companies file)";

/** The bulk record of a row; a user row with company properties can't be one (they would be dropped silently). */
export function bulkRecordOf(row: StoredRow): RecordOrRefusal {
  if (row.values.kind === "companies") return { ok: true, record: buildCompanyPayload(companyAsForm(row.values.values)) };
  const values = row.values.values;
  if (values.companyProperties.length > 0) return { ok: false, message: COMPANY_PROPERTIES_REFUSAL };
  const { user_id, metadata } = buildIdentifyPayload(values);
  return {
    ok: true,
    record: {
      user_id,
      ...(values.companyId !== "" ? { company_id: values.companyId } : {}),
      ...(metadata ? { metadata } : {}),
    },
  };
}

/** The envelope of a bulk request for a job's kind. */
export function bulkBody(kind: "users" | "companies", records: BulkRecord[]): Record<string, BulkRecord[]> {
  return kind === "users" ? { users: records } : { companies: records };
}

export type ChunkLimits = { maxRecords: number; maxBytes: number };

/**
 * How many of `records` (in order) go in the next chunk: at most `maxRecords`, and the JSON body under
 * `maxBytes`. At least one, so a single record over the byte limit still goes (and Userpilot's 413 fails it).
 */
export function chunkLength(records: readonly BulkRecord[], { maxRecords, maxBytes }: ChunkLimits): number {
  // `{"companies":[` + `]}`: the longer envelope, so the count holds for both kinds.
  let bytes = Buffer.byteLength('{"companies":[]}');
  let count = 0;
  for (const record of records) {
    if (count >= maxRecords) break;
    const size = Buffer.byteLength(JSON.stringify(record)) + (count > 0 ? 1 : 0);
    if (count > 0 && bytes + size >= maxBytes) break;
    bytes += size;
    count++;
  }
  return count;
}

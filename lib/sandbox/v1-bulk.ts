import type { z } from "zod";
import type { V1Call } from "./v1-profiles";
import { applyCompanyChanges, applyUserChanges } from "./profiles";
import { jsonResponse, singleErrorResponse } from "./responses";
import {
  MAX_BULK_RECORDS,
  bulkCompaniesBody,
  bulkCompaniesEnvelope,
  bulkUsersBody,
  bulkUsersEnvelope,
  type BulkCompanyRecord,
  type BulkUserRecord,
} from "./rules";
import type { SandboxContext } from "./context";
import type { SandboxResponse } from "./types";
import { checkBody, parseJsonBody } from "./validation";

// POST /v1/users/bulk_identify – queue a job that identifies many users
export async function bulkIdentifyUsers(call: V1Call): Promise<SandboxResponse> {
  return startBulkJob(call, {
    recordsKey: "users",
    envelope: bulkUsersEnvelope,
    body: bulkUsersBody,
    records: (body) => body.users,
    apply: (ctx, record: BulkUserRecord, at) =>
      applyUserChanges(
        ctx.store,
        {
          user_id: record.user_id,
          metadata: record.metadata,
          company: record.company_id ? { id: record.company_id } : undefined,
        },
        at,
      ),
  });
}

// POST /v1/companies/bulk_identify – queue a job that identifies many companies
export async function bulkIdentifyCompanies(call: V1Call): Promise<SandboxResponse> {
  return startBulkJob(call, {
    recordsKey: "companies",
    envelope: bulkCompaniesEnvelope,
    body: bulkCompaniesBody,
    records: (body) => body.companies,
    apply: (ctx, record: BulkCompanyRecord, at) => applyCompanyChanges(ctx.store, record, at),
  });
}

// GET /v1/background_jobs/{job_id} – a bulk job's progress
export async function getBackgroundJob({ ctx }: V1Call, [jobId = ""]: string[]): Promise<SandboxResponse> {
  const job = ctx.jobs.find(jobId);
  if (!job) return singleErrorResponse(404, "not_found", `No background job with id ${jobId}`);
  return jsonResponse(200, job);
}

type BulkKind<Body, BulkRecord> = {
  recordsKey: string;
  envelope: z.ZodType<Record<string, unknown[]>>;
  body: z.ZodType<Body>;
  records: (body: Body) => BulkRecord[];
  apply: (ctx: SandboxContext, record: BulkRecord, at: string) => Promise<void>;
};

async function startBulkJob<Body, BulkRecord>(
  { ctx, body: raw, apiKey }: V1Call,
  kind: BulkKind<Body, BulkRecord>,
): Promise<SandboxResponse> {
  const parsed = parseJsonBody(raw);
  if (!parsed.ok) return parsed.response;
  const envelope = checkBody(kind.envelope, parsed.value);
  if (!envelope.ok) return envelope.response;

  const count = envelope.value[kind.recordsKey]?.length ?? 0;
  if (count > MAX_BULK_RECORDS) {
    return singleErrorResponse(
      413,
      "too_many_records",
      `${kind.recordsKey} has ${count} records; at most ${MAX_BULK_RECORDS} are accepted per request`,
      { field: kind.recordsKey },
    );
  }
  const checked = checkBody(kind.body, parsed.value);
  if (!checked.ok) return checked.response;

  if (ctx.jobs.hasUnfinishedJob(apiKey)) {
    return singleErrorResponse(
      409,
      "bulk_job_in_progress",
      "Another bulk job is still running; wait for it to finish",
    );
  }
  const records = kind.records(checked.value);
  const job = ctx.jobs.create(apiKey, records.length, () =>
    ctx.profileWrites.run(async () => {
      const at = ctx.timestamp();
      for (const record of records) await kind.apply(ctx, record, at);
    }),
  );
  return jsonResponse(202, job);
}

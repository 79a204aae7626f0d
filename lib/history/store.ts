import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { statusKind } from "@/lib/outcome/status";
import type { AttemptRecord } from "@/lib/userpilot/client";

export type RequestSource = "form" | "replay" | "bulk";

export type NewRequest = {
  environment: string;
  environmentId: string | null;
  sentBy: string | null;
  source: RequestSource;
  replayOf: string | null;
  userId: string;
  companyId: string | null;
  propertyCount: number;
  /** Already redacted. */
  formValues: unknown;
  /** Already redacted. */
  requestBody: unknown;
};

/** Writes the row before anything is sent, so a crash mid-send still leaves it on record. */
export async function insertPending(request: NewRequest): Promise<string> {
  return insertRow(request, "pending");
}

/** A request our own validation stopped: on record, never sent. */
export async function insertRejected(request: NewRequest, reason: string): Promise<string> {
  return insertRow(request, "rejected", reason);
}

async function insertRow(request: NewRequest, status: string, errorMessage: string | null = null) {
  const id = randomUUID();
  const now = Date.now();
  await (await db())
    .insertInto("requests")
    .values({
      id,
      created_at: now,
      updated_at: now,
      environment: request.environment,
      environment_id: request.environmentId,
      sent_by: request.sentBy,
      source: request.source,
      replay_of: request.replayOf,
      user_id: request.userId,
      company_id: request.companyId,
      property_count: request.propertyCount,
      form_values: JSON.stringify(request.formValues),
      request_body: JSON.stringify(request.requestBody),
      status,
      outcome: statusKind(status),
      attempts: "[]",
      error_message: errorMessage,
    })
    .execute();
  return id;
}

export type RecordedOutcome = {
  status: string;
  statusCode: number | null;
  responseBody: string | null;
  upstreamRequestId: string | null;
  latencyMs: number;
  attempts: AttemptRecord[];
  errorMessage: string | null;
};

export async function recordOutcome(id: string, outcome: RecordedOutcome): Promise<void> {
  await (await db())
    .updateTable("requests")
    .set({
      updated_at: Date.now(),
      status: outcome.status,
      outcome: statusKind(outcome.status),
      status_code: outcome.statusCode,
      response_body: outcome.responseBody,
      upstream_request_id: outcome.upstreamRequestId,
      latency_ms: outcome.latencyMs,
      attempts: JSON.stringify(outcome.attempts),
      error_message: outcome.errorMessage,
    })
    .where("id", "=", id)
    .execute();
}

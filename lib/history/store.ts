import "server-only";
import { serverId } from "@/lib/db/server-presence";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { noteWriteFailed, noteWriteSucceeded, storageFailure } from "@/lib/db/write-health";
import { statusKind } from "@/lib/outcome/status";
import type { AttemptRecord } from "@/lib/userpilot/client";
import type { Redacted } from "./redact";

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
  formValues: Redacted<object>;
  requestBody: Redacted<object> | null;
  /** The bulk job that sends it. */
  jobId?: string | null;
};

/** The history can't be written (the database is full, read-only or locked): the reason in words. */
export class HistoryUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`The history can't be written: ${reason}`);
    this.name = "HistoryUnavailableError";
  }
}

async function writing<T>(work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    noteWriteSucceeded();
    return result;
  } catch (error) {
    const reason = storageFailure(error);
    if (reason === undefined) throw error;
    noteWriteFailed(reason);
    throw new HistoryUnavailableError(reason);
  }
}

/**
 * Writes a request's row (masked: see record-request.ts, its one caller); HistoryUnavailableError when it
 * can't be written.
 */
export async function insertRequest(request: NewRequest, status: "pending" | "rejected", errorMessage: Redacted<string> | null) {
  const id = randomUUID();
  const now = Date.now();
  const database = await db();
  await writing(() =>
    database
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
        job_id: request.jobId ?? null,
        server_id: serverId(),
      })
      .execute(),
  );
  return id;
}

export type RecordedOutcome = {
  status: string;
  statusCode: number | null;
  responseBody: Redacted<string> | null;
  upstreamRequestId: string | null;
  latencyMs: number;
  attempts: AttemptRecord[];
  errorMessage: string | null;
};

/** Writes what came back (masked: see record-request.ts); HistoryUnavailableError when it can't. */
export async function writeOutcome(id: string, outcome: RecordedOutcome): Promise<void> {
  const database = await db();
  await writing(() =>
    database
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
      .execute(),
  );
}

import "server-only";
import { z } from "zod";
import type { RequestsTable } from "@/lib/db/schema";
import { API_VERSION } from "@/lib/userpilot/client";
import { attemptSchema, type HistoryDetail, type HistoryListItem } from "./api-types";
import { REDACTED } from "./redact";

type ListRow = Pick<
  RequestsTable,
  | "id"
  | "created_at"
  | "environment"
  | "sent_by"
  | "source"
  | "replay_of"
  | "user_id"
  | "company_id"
  | "property_count"
  | "status"
  | "upstream_request_id"
  | "latency_ms"
>;

export function presentListItem(row: ListRow): HistoryListItem {
  return {
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    environment: row.environment,
    sentBy: row.sent_by,
    source: row.source,
    replayOf: row.replay_of,
    userId: row.user_id,
    companyId: row.company_id,
    propertyCount: row.property_count,
    status: row.status,
    requestId: row.upstream_request_id,
    latencyMs: row.latency_ms,
  };
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const storedRowsSchema = z.object({
  properties: z.array(z.object({ name: z.string(), value: z.string() })).catch([]),
  companyProperties: z.array(z.object({ name: z.string(), value: z.string() })).catch([]),
});

/** Names whose values the history holds masked; a resend cannot restore them. */
export function redactedNames(formValuesJson: string): string[] {
  const parsed = storedRowsSchema.safeParse(parseJson(formValuesJson));
  if (!parsed.success) return [];
  return [...parsed.data.properties, ...parsed.data.companyProperties]
    .filter((row) => row.value === REDACTED)
    .map((row) => row.name);
}

export function presentDetail(
  row: RequestsTable,
  replays: { id: string; created_at: number; status: string }[],
): HistoryDetail {
  return {
    ...presentListItem(row),
    requestBody: parseJson(row.request_body),
    endpoint: "POST /v1/identify",
    // The key is never stored; the record shows where it went, masked.
    headers: {
      "Content-Type": "application/json",
      Authorization: "Token ••••",
      "X-API-Version": API_VERSION,
    },
    responseBody: row.response_body,
    errorMessage: row.error_message,
    attempts: z.array(attemptSchema).catch([]).parse(parseJson(row.attempts)),
    redactedNames: redactedNames(row.form_values),
    replays: replays.map((replay) => ({
      id: replay.id,
      createdAt: new Date(replay.created_at).toISOString(),
      status: replay.status,
    })),
  };
}

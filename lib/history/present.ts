import "server-only";
import { z } from "zod";
import type { RequestsTable } from "@/lib/db/schema";
import { USERPILOT_PATHS, userpilotHeaders } from "@/lib/userpilot/protocol";
import { identifiesOf } from "./identifies";
import { attemptSchema, type HistoryDetail, type HistoryListItem } from "./api-types";
import type { ListRow } from "./queries";
import { replayValues } from "./replay";
import { parseStoredJson } from "./stored-json";

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

export function presentDetail(
  row: RequestsTable,
  replays: { id: string; created_at: number; status: string }[],
): HistoryDetail {
  return {
    ...presentListItem(row),
    requestBody: parseStoredJson(row.request_body),
    endpoint: `POST ${identifiesOf(row.user_id, row.company_id) === "company" ? USERPILOT_PATHS.identifyCompany : USERPILOT_PATHS.identifyUser}`,
    // The key is never stored; the record shows where it went, masked.
    headers: userpilotHeaders("••••", { json: true }),
    responseBody: row.response_body,
    errorMessage: row.error_message,
    attempts: z.array(attemptSchema).catch([]).parse(parseStoredJson(row.attempts)),
    redactedNames: replayValues(row).droppedRedacted,
    replays: replays.map((replay) => ({
      id: replay.id,
      createdAt: new Date(replay.created_at).toISOString(),
      status: replay.status,
    })),
  };
}

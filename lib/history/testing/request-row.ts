import type { RequestsTable } from "@/lib/db/schema";

/** A complete history row for tests: every NOT NULL column filled, a 202 from the form, overridable. */
export function requestRow(
  overrides: Partial<RequestsTable> & Pick<RequestsTable, "id" | "created_at">,
): RequestsTable {
  return {
    updated_at: overrides.created_at,
    environment: "Sandbox",
    sent_by: null,
    source: "form",
    replay_of: null,
    user_id: "user_001",
    company_id: null,
    property_count: 1,
    form_values: "{}",
    request_body: "{}",
    status: "202",
    outcome: "accepted",
    status_code: 202,
    response_body: null,
    upstream_request_id: null,
    latency_ms: 12,
    attempts: "[]",
    error_message: null,
    environment_id: null,
    ...overrides,
  };
}

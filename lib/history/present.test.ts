import { describe, expect, it } from "vitest";
import type { RequestsTable } from "@/lib/db/schema";
import { historyDetailSchema, historyListItemSchema } from "./api-types";
import { presentDetail, presentListItem } from "./present";

const BASE = Date.UTC(2025, 0, 1, 9, 30);

function requestRow(overrides: Partial<RequestsTable> & Pick<RequestsTable, "id">): RequestsTable {
  return {
    created_at: BASE,
    updated_at: BASE,
    environment: "Production · EU",
    sent_by: "ada@example.com",
    source: "replay",
    replay_of: "original-id",
    user_id: "user_001",
    company_id: "acme",
    property_count: 2,
    form_values: JSON.stringify({
      userId: "user_001",
      companyId: "acme",
      properties: [
        { name: "email", type: "string", value: "[redacted]" },
        { name: "plan", type: "string", value: "pro" },
      ],
      companyProperties: [],
    }),
    request_body: JSON.stringify({ user_id: "user_001", metadata: { email: "[redacted]", plan: "pro" }, company: { id: "acme" } }),
    status: "429",
    outcome: "rate_limited",
    status_code: 429,
    response_body: '{"error":"slow down"}',
    upstream_request_id: "req_7",
    latency_ms: 321,
    attempts: JSON.stringify([
      { attempt: 1, startedAt: "2025-01-01T09:30:00.000Z", latencyMs: 100, status: 429, requestId: "req_6", waitMs: 1000 },
      { attempt: 2, startedAt: "2025-01-01T09:30:01.100Z", latencyMs: 90, error: "timeout", message: "no answer" },
    ]),
    error_message: "Rate limited",
    environment_id: "env-1",
    ...overrides,
  };
}

describe("presentListItem", () => {
  it("names each column for the browser, the time as ISO 8601", () => {
    const item = presentListItem(requestRow({ id: "row-1" }));
    expect(item).toEqual({
      id: "row-1",
      createdAt: "2025-01-01T09:30:00.000Z",
      environment: "Production · EU",
      sentBy: "ada@example.com",
      source: "replay",
      replayOf: "original-id",
      userId: "user_001",
      companyId: "acme",
      propertyCount: 2,
      status: "429",
      requestId: "req_7",
      latencyMs: 321,
    });
    expect(historyListItemSchema.strict().parse(item)).toEqual(item);
  });
});

describe("presentDetail", () => {
  it("shows the stored body, a masked key header, the attempts and the masked names", () => {
    const detail = presentDetail(requestRow({ id: "row-1" }), [
      { id: "replay-2", created_at: BASE + 2_000, status: "202" },
      { id: "replay-1", created_at: BASE + 1_000, status: "pending" },
    ]);
    expect(historyDetailSchema.strict().parse(detail)).toEqual(detail);
    expect(detail).toMatchObject({ id: "row-1", createdAt: "2025-01-01T09:30:00.000Z", status: "429", requestId: "req_7" });
    expect(detail.requestBody).toEqual({ user_id: "user_001", metadata: { email: "[redacted]", plan: "pro" }, company: { id: "acme" } });
    expect(detail.endpoint).toBe("POST /v1/identify");
    expect(detail.headers).toEqual({
      "Content-Type": "application/json",
      Authorization: "Token ••••",
      "X-API-Version": "2020-09-22",
    });
    expect(detail.responseBody).toBe('{"error":"slow down"}');
    expect(detail.errorMessage).toBe("Rate limited");
    expect(detail.attempts).toEqual([
      { attempt: 1, startedAt: "2025-01-01T09:30:00.000Z", latencyMs: 100, status: 429, requestId: "req_6", waitMs: 1000 },
      { attempt: 2, startedAt: "2025-01-01T09:30:01.100Z", latencyMs: 90, error: "timeout", message: "no answer" },
    ]);
    expect(detail.redactedNames).toEqual(["email"]);
    expect(detail.replays).toEqual([
      { id: "replay-2", createdAt: "2025-01-01T09:30:02.000Z", status: "202" },
      { id: "replay-1", createdAt: "2025-01-01T09:30:01.000Z", status: "pending" },
    ]);
  });

  it("shows no attempts rather than failing on a malformed attempts column", () => {
    expect(presentDetail(requestRow({ id: "r", attempts: '[{"attempt":"one"}]' }), []).attempts).toEqual([]);
    expect(presentDetail(requestRow({ id: "r", attempts: "not json" }), []).attempts).toEqual([]);
  });

  it("keeps nulls: a rejected row has no body, response or request id", () => {
    const detail = presentDetail(
      requestRow({
        id: "rejected",
        sent_by: null,
        replay_of: null,
        company_id: null,
        request_body: "null",
        response_body: null,
        upstream_request_id: null,
        latency_ms: null,
        error_message: null,
        attempts: "[]",
      }),
      [],
    );
    expect(detail).toMatchObject({
      sentBy: null,
      replayOf: null,
      companyId: null,
      requestBody: null,
      responseBody: null,
      requestId: null,
      latencyMs: null,
      errorMessage: null,
      attempts: [],
      replays: [],
    });
  });
});

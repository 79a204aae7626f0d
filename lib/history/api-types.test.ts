import { describe, expect, it } from "vitest";
import { attemptSchema, historyDetailSchema, historyPageSchema } from "./api-types";

// The browser trusts nothing the history API answers until these schemas have read it.

const item = {
  id: "row-1",
  createdAt: "2025-01-01T00:00:00.000Z",
  environment: "Sandbox",
  sentBy: "ada@example.com",
  source: "replay",
  replayOf: "row-0",
  userId: "user_001",
  companyId: null,
  propertyCount: 2,
  status: "202",
  requestId: "req_1",
  latencyMs: 12.5,
};

describe("history API schemas", () => {
  it("read a page and a full detail without losing a field", () => {
    const page = { rows: [item], nextCursor: "abc" };
    expect(historyPageSchema.parse(page)).toEqual(page);

    const detail = {
      ...item,
      requestBody: { user_id: "user_001" },
      headers: { "X-API-Version": "2020-09-22" },
      endpoint: "POST /v1/identify",
      responseBody: "{}",
      errorMessage: null,
      attempts: [
        { attempt: 1, startedAt: "t0", latencyMs: 5, error: "network_error", message: "refused", waitMs: 10 },
        { attempt: 2, startedAt: "t1", latencyMs: 400, error: "timeout" },
        { attempt: 3, startedAt: "t2", latencyMs: 7, status: 202, requestId: "req_1" },
      ],
      redactedNames: ["email"],
      replays: [{ id: "row-2", createdAt: "2025-01-02T00:00:00.000Z", status: "pending" }],
    };
    expect(historyDetailSchema.parse(detail)).toEqual(detail);
  });

  it("refuse what the API never answers", () => {
    expect(historyPageSchema.safeParse({ rows: [{ ...item, propertyCount: 1.5 }], nextCursor: null }).success).toBe(false);
    expect(historyPageSchema.safeParse({ rows: [{ ...item, userId: undefined }], nextCursor: null }).success).toBe(false);
    expect(attemptSchema.safeParse({ attempt: 1, startedAt: "t", latencyMs: 1, error: "dns" }).success).toBe(false);
    expect(attemptSchema.safeParse({ attempt: 1.5, startedAt: "t", latencyMs: 1 }).success).toBe(false);
    expect(attemptSchema.safeParse({ attempt: 1, startedAt: "t", latencyMs: 1, status: 200.5 }).success).toBe(false);
  });
});

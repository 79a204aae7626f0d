import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import { insertPending, insertRejected, recordOutcome, type NewRequest } from "./store";

withTempAppDatabase("history-store-test");

const request: NewRequest = {
  environment: "Staging · Custom",
  environmentId: "env-1",
  sentBy: "ada@example.com",
  source: "replay",
  replayOf: "11111111-1111-4111-8111-111111111111",
  userId: "user_001",
  companyId: "acme",
  propertyCount: 2,
  formValues: { userId: "user_001", properties: [] },
  requestBody: { user_id: "user_001" },
};

const row = async (id: string) => (await db()).selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("history store", () => {
  it("writes a pending row before anything is sent", async () => {
    const before = Date.now();
    const id = await insertPending(request);
    expect(await row(id)).toMatchObject({
      status: "pending",
      outcome: "pending",
      environment: "Staging · Custom",
      environment_id: "env-1",
      sent_by: "ada@example.com",
      source: "replay",
      replay_of: request.replayOf,
      user_id: "user_001",
      company_id: "acme",
      property_count: 2,
      form_values: '{"userId":"user_001","properties":[]}',
      request_body: '{"user_id":"user_001"}',
      attempts: "[]",
      error_message: null,
      status_code: null,
    });
    const stored = await row(id);
    expect(stored.created_at).toBeGreaterThanOrEqual(before);
    expect(stored.updated_at).toBe(stored.created_at);
    expect(await insertPending(request)).not.toBe(id);
  });

  it("records a refusal with its reason", async () => {
    const id = await insertRejected({ ...request, requestBody: null }, "userId: Enter a user id");
    expect(await row(id)).toMatchObject({
      status: "rejected",
      outcome: "rejected",
      request_body: "null",
      error_message: "userId: Enter a user id",
    });
  });

  it("records the outcome on the pending row", async () => {
    const id = await insertPending(request);
    const attempts = [{ attempt: 1, startedAt: "2025-01-01T00:00:00.000Z", latencyMs: 30, status: 429, waitMs: 10 }];
    await recordOutcome(id, {
      status: "429",
      statusCode: 429,
      responseBody: '{"errors":[]}',
      upstreamRequestId: "req_1",
      latencyMs: 42,
      attempts,
      errorMessage: null,
    });
    const stored = await row(id);
    expect(stored).toMatchObject({
      status: "429",
      outcome: "rate_limited",
      status_code: 429,
      response_body: '{"errors":[]}',
      upstream_request_id: "req_1",
      latency_ms: 42,
      error_message: null,
    });
    expect(JSON.parse(stored.attempts)).toEqual(attempts);
    expect(stored.updated_at).toBeGreaterThanOrEqual(stored.created_at);
  });
});

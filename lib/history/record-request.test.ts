import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { IdentifyFormValues } from "@/lib/identify/schema";
import { testDatabaseKind } from "@/lib/testing/test-database";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import { recordOutcome, recordRefusedRequest, recordRequest, type RequestContext } from "./record-request";

withTempAppDatabase("record-request-test");

// HISTORY_REDACT_KEYS is unset here: its default masks "email" and "name".
const context: RequestContext = {
  environment: { id: "env-1", label: "Staging · Custom" },
  sentBy: "ada@example.com",
  source: "replay",
  replayOf: "11111111-1111-4111-8111-111111111111",
};

const values: IdentifyFormValues = {
  userId: "user_001",
  companyId: "acme",
  properties: [
    { name: "email", type: "string", value: "ada@example.com" },
    { name: "plan", type: "string", value: "pro" },
  ],
  companyProperties: [{ name: "tier", type: "string", value: "gold" }],
};

const row = async (id: string) => (await db()).selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("recordRequest", () => {
  it("writes a pending row before anything is sent: ids and counts derived, values and body masked", async () => {
    const before = Date.now();
    const { id, payload } = await recordRequest(values, context);
    expect(payload).toEqual({
      user_id: "user_001",
      metadata: { email: "ada@example.com", plan: "pro" },
      company: { id: "acme", tier: "gold" },
    });
    const stored = await row(id);
    expect(stored).toMatchObject({
      status: "pending",
      outcome: "pending",
      environment: "Staging · Custom",
      environment_id: "env-1",
      sent_by: "ada@example.com",
      source: "replay",
      replay_of: context.replayOf,
      user_id: "user_001",
      company_id: "acme",
      property_count: 3,
      attempts: "[]",
      error_message: null,
      status_code: null,
    });
    expect(JSON.parse(stored.form_values).properties[0]).toEqual({ name: "email", type: "string", value: "[redacted]" });
    expect(JSON.parse(stored.request_body)).toEqual({
      user_id: "user_001",
      metadata: { email: "[redacted]", plan: "pro" },
      company: { id: "acme", tier: "gold" },
    });
    expect(stored.created_at).toBeGreaterThanOrEqual(before);
    expect(stored.updated_at).toBe(stored.created_at);
    expect((await recordRequest(values, context)).id).not.toBe(id);
  });

  it("writes refused values as rejected, linked like any other, with the reasons masked", async () => {
    const refused = { ...values, companyId: "" };
    const id = await recordRefusedRequest(refused, context, [
      { path: "companyId", message: "Company ID is required when company properties are set" },
      { path: "properties.0.value", message: "ada@example.com is not allowed" },
    ]);
    expect(id).toBeDefined();
    const stored = await row(id!);
    expect(stored).toMatchObject({
      status: "rejected",
      outcome: "rejected",
      source: "replay",
      replay_of: context.replayOf,
      company_id: null,
      request_body: "null",
      error_message:
        "companyId: Company ID is required when company properties are set; properties.0.value: [redacted] (the value of a masked property was refused)",
    });
    expect(stored.form_values).not.toContain("ada@example.com");
  });

  it("leaves nothing for a refused body without even a user id", async () => {
    expect(await recordRefusedRequest({ hello: "world" }, context, [{ path: "userId", message: "missing" }])).toBeUndefined();
  });
  it("inserts the rows of requests arriving together with one statement on SQLite", async () => {
    const database = await db();
    const inserts = vi.spyOn(database, "executeQuery");
    let ids: string[];
    try {
      const pending = await Promise.all(
        Array.from({ length: 5 }, (_, i) => recordRequest({ ...values, userId: `together_${i}` }, context)),
      );
      ids = pending.map((entry) => entry.id);
      // PostgreSQL writes each row on its own, side by side over its pool (store.ts writerFor()).
      expect(inserts).toHaveBeenCalledTimes(testDatabaseKind() === "postgres" ? 5 : 1);
    } finally {
      inserts.mockRestore();
    }
    const stored = await Promise.all(ids.map(row));
    expect(stored.map((entry) => [entry.user_id, entry.status])).toEqual(
      Array.from({ length: 5 }, (_, i) => [`together_${i}`, "pending"]),
    );
  });
});

describe("recordOutcome", () => {
  it("records what came back on the pending row, masking a quoted value", async () => {
    const { id } = await recordRequest(values, context);
    const attempts = [{ attempt: 1, startedAt: "2025-01-01T00:00:00.000Z", latencyMs: 30, status: 429, waitMs: 10 }];
    await recordOutcome(id, values, {
      status: "429",
      statusCode: 429,
      responseBody: '{"errors":[{"message":"ada@example.com is limited"}]}',
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
      response_body: '{"errors":[{"message":"[redacted] is limited"}]}',
      upstream_request_id: "req_1",
      latency_ms: 42,
      error_message: null,
    });
    expect(JSON.parse(stored.attempts)).toEqual(attempts);
    expect(stored.updated_at).toBeGreaterThanOrEqual(stored.created_at);
  });
});

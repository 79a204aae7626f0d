import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createEnvironment, deleteEnvironment } from "@/lib/environments/store";
import { recordRefusedRequest } from "@/lib/history/record-request";
import { ApiError } from "@/lib/http/api-error";
import type { SandboxServer } from "@/lib/sandbox/http-server";
import { receivedRequests, resetSandbox, startTestSandbox } from "@/lib/testing/sandbox-control";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import { resendEntry, sendFromForm } from "./send-service";

// Resend (POST /api/history/[id]/resend): the entry's values again, to the environment it went to, on a real
// database and a real test-mode sandbox.

const API_KEY = "resend-test-key";
const ENV_NAMES = ["USERPILOT_API_KEY", "USERPILOT_API_URL", "SANDBOX_API_KEY", "USERPILOT_MAX_RETRIES", "APP_SECRET"];
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
const environmentHolder = globalThis as typeof globalThis & { __identifyConsoleEnvironments?: unknown };
let sandbox: SandboxServer;

withTempAppDatabase("resend-entry-test");

beforeAll(async () => {
  sandbox = await startTestSandbox(API_KEY);
  delete process.env.USERPILOT_API_KEY;
  Object.assign(process.env, {
    USERPILOT_API_URL: sandbox.url,
    SANDBOX_API_KEY: API_KEY,
    USERPILOT_MAX_RETRIES: "0",
    APP_SECRET: "resend-test-app-secret-of-at-least-32-characters",
  });
});

afterEach(async () => {
  await resetSandbox(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

const values = (userId: string) => ({
  userId,
  properties: [{ name: "plan", type: "string", value: "pro" }],
  companyId: "",
  companyProperties: [],
});

async function sendOnce(userId: string, environmentId: string | null = null) {
  return sendFromForm({ environmentId, replayOf: null, identifies: "user", values: values(userId) }, "first@example.com");
}

async function row(id: string) {
  return (await db()).selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function refusal(id: string): Promise<ApiError> {
  const error: unknown = await resendEntry(id, "again@example.com").then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

async function stored(name: string) {
  return createEnvironment({ name, region: "custom", baseUrl: sandbox.url, apiKey: API_KEY, isProduction: false });
}

describe("resendEntry", () => {
  it("sends the entry's values again to its environment and records the resend linked to it", async () => {
    const original = await sendOnce("resent_user");
    await resetSandbox(sandbox.url);

    const outcome = await resendEntry(original.historyId, "again@example.com");

    expect(outcome.status).toBe("202");
    expect(outcome.historyId).not.toBe(original.historyId);
    const received = await receivedRequests(sandbox.url);
    expect(received.map((request) => [request.path, JSON.parse(request.body) as unknown])).toEqual([
      ["/v1/identify", { user_id: "resent_user", metadata: { plan: "pro" } }],
    ]);
    expect(await row(outcome.historyId)).toMatchObject({
      source: "replay",
      replay_of: original.historyId,
      sent_by: "again@example.com",
      environment_id: "sandbox",
      user_id: "resent_user",
      status: "202",
    });
  });

  it("answers 404 for an id the history does not have, sending nothing", async () => {
    for (const id of ["6f1c2a7e-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const error = await refusal(id);
      expect([error.status, error.code, error.message]).toEqual([404, "not_found", "No request with that id in the history"]);
    }
    expect(await receivedRequests(sandbox.url)).toEqual([]);
  });

  it("answers 409 when the entry's environment was deleted, sending nothing", async () => {
    const staging = await stored("Going");
    const original = await sendOnce("gone_env_user", staging.id);
    expect(original.status).toBe("202");
    expect(await deleteEnvironment(staging.id)).toBe(true);
    await resetSandbox(sandbox.url);

    const error = await refusal(original.historyId);

    expect([error.status, error.code, error.message]).toEqual([
      409,
      "environment_gone",
      "The environment this request went to no longer exists; use Edit and resend",
    ]);
    expect(await receivedRequests(sandbox.url)).toEqual([]);
  });

  it("answers 409 key_unreadable when the entry's stored key no longer opens, sending nothing", async () => {
    const moved = await stored("Moved");
    const original = await sendOnce("moved_env_user", moved.id);
    expect(original.status).toBe("202");
    // Its row pointed elsewhere outside the console: the key, sealed for the old URL, no longer opens.
    await (await db())
      .updateTable("environments")
      .set({ base_url: "https://elsewhere.example" })
      .where("id", "=", moved.id)
      .execute();
    delete environmentHolder.__identifyConsoleEnvironments;
    await resetSandbox(sandbox.url);

    const error = await refusal(original.historyId);

    expect([error.status, error.code]).toEqual([409, "key_unreadable"]);
    expect(error.message).toContain("APP_SECRET");
    expect(await receivedRequests(sandbox.url)).toEqual([]);
  });

  it("answers 400 naming each invalid field of an entry that was refused, sending nothing", async () => {
    const refused = {
      userId: "refused_user",
      properties: [{ name: "", type: "string", value: "x" }],
      companyId: "",
      companyProperties: [],
    };
    const context = { environment: { id: "sandbox", label: "Sandbox" }, sentBy: null, source: "form" as const, replayOf: null };
    const id = await recordRefusedRequest(refused, context, [{ path: "properties.0.name", message: "Enter a property name" }]);
    if (id === undefined) throw new Error("the refused request was not recorded");

    const error = await refusal(id);

    expect([error.status, error.code, error.message]).toEqual([
      400,
      "invalid_request",
      "This request has invalid fields; use Edit and resend to fix them",
    ]);
    expect(error.fields?.map((field) => field.path)).toEqual(["values.properties.0.name"]);
    expect(await receivedRequests(sandbox.url)).toEqual([]);
  });
});

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { ResolvedEnvironment } from "@/lib/environments/store";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import { forwardToUserpilot } from "./forward-to-userpilot";

// A send that gets no answer, with a value the history masks (HISTORY_REDACT_KEYS, "email" by default):
// the caller gets the failure as an outcome and the row records it, on a real database.

const ENV_NAMES = ["USERPILOT_MAX_RETRIES", "HISTORY_REDACT_KEYS"];
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));

withTempAppDatabase("forward-test");

beforeAll(() => {
  delete process.env.HISTORY_REDACT_KEYS;
  process.env.USERPILOT_MAX_RETRIES = "0";
});

afterAll(() => {
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

it("answers and records an unreachable upstream as a network error, a masked value in the values", async () => {
  const environment: ResolvedEnvironment = {
    summary: {
      id: "nowhere",
      name: "Nowhere",
      kind: "stored",
      region: "custom",
      baseUrl: await closedPortUrl(),
      isProduction: false,
      keyLast4: "1234",
      keyUnreadable: false,
      isDefault: false,
      label: "Nowhere · Custom",
    },
    baseUrl: await closedPortUrl(),
    apiKey: "forward-test-key-1234",
    builtInSandbox: false,
  };
  const values = {
    userId: "unreachable_user",
    properties: [{ name: "email", type: "string" as const, value: "hidden@example.com" }],
    companyId: "",
    companyProperties: [],
  };

  const outcome = await forwardToUserpilot(values, { source: "form", replayOf: null, sentBy: "op@example.com", environment });

  expect(outcome).toMatchObject({ status: "network_error", httpStatus: null, requestId: null, attempts: 1 });
  const row = await (await db())
    .selectFrom("requests")
    .select(["status", "response_body", "error_message", "form_values"])
    .where("id", "=", outcome.historyId)
    .executeTakeFirstOrThrow();
  expect(row).toMatchObject({ status: "network_error", response_body: null, error_message: outcome.message });
  expect(row.form_values).not.toContain("hidden@example.com");
});

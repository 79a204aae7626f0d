import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { freshDatabaseUrl } from "@/lib/testing/test-database";
import type { Database } from "@/lib/db/schema";
import { apiErrorSchema } from "@/lib/outcome/schema";

// SANDBOX=off and no USERPILOT_API_KEY: no sandbox is offered in its place, and a send says why it can't go.

const ENV_NAMES = ["SANDBOX", "USERPILOT_API_KEY", "USERPILOT_API_URL", "SANDBOX_API_KEY", "DATABASE_URL"] as const;
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
const dbHolder = globalThis as typeof globalThis & { __identifyConsoleDb?: { kysely: Kysely<Database> } };
let tempDir: string;

// The session guard is proven end to end; here every request is a signed-in admin's.
vi.mock("@/lib/auth/session", () => ({
  currentActor: async () => ({ id: "a1", email: "admin@example.com", name: "Admin", role: "admin" }),
}));

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "no-environment-test-"));
  for (const name of ENV_NAMES) delete process.env[name];
  Object.assign(process.env, { SANDBOX: "off", DATABASE_URL: await freshDatabaseUrl(tempDir) });
});

afterAll(async () => {
  await dbHolder.__identifyConsoleDb?.kysely.destroy();
  delete dbHolder.__identifyConsoleDb;
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  fs.rmSync(tempDir, { recursive: true, force: true });
});

it("offers no environment, and a send answers 409 naming SANDBOX=off and the Environments page", async () => {
  const { listEnvironments } = await import("@/lib/environments/store");
  expect(await listEnvironments()).toEqual([]);

  const { POST } = await import("@/app/api/identify/route");
  const values = { userId: "u1", properties: [], companyId: "", companyProperties: [] };
  const response = await POST(
    new Request("http://localhost/api/identify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ environmentId: null, replayOf: null, values }),
    }),
    {},
  );
  expect(response.status).toBe(409);
  const { error } = apiErrorSchema.parse(await response.json());
  expect(error.code).toBe("no_environment");
  expect(error.message).toContain("SANDBOX=off");
  expect(error.message).toContain("Environments page");
  // No sandbox key was made either: nothing serves one.
  expect(fs.existsSync(path.join(tempDir, "sandbox-api-key"))).toBe(false);
});

import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/db/schema";
import { freshDatabaseUrl, testDatabaseKind } from "@/lib/testing/test-database";
import type { Sandbox } from "./types";

// The built-in sandbox reads its settings once (lib/env.ts) and keeps one database connection and one sandbox
// on globalThis, so this file sets them up once, without SANDBOX_API_KEY: the key is generated (SQLite) or
// derived from APP_SECRET (PostgreSQL).

const ENV_NAMES = ["SANDBOX_API_KEY", "DATABASE_URL", "SANDBOX_RATE_LIMIT_PER_MINUTE", "SANDBOX_JOB_STEP_MS"] as const;
const holder = globalThis as typeof globalThis & {
  __identifyConsoleDb?: { kysely: Kysely<Database> };
  __identifyConsoleSandbox?: Sandbox;
};
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
const logged: string[] = [];

let tempDir: string;
let inApp: typeof import("./in-app");
let key: string;

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "in-app-sandbox-test-"));
  delete process.env.SANDBOX_API_KEY;
  Object.assign(process.env, {
    DATABASE_URL: await freshDatabaseUrl(path.join(tempDir, "data"), "app.db"),
    SANDBOX_RATE_LIMIT_PER_MINUTE: "3",
    SANDBOX_JOB_STEP_MS: "0",
  });
  if (holder.__identifyConsoleDb || holder.__identifyConsoleSandbox) {
    throw new Error("Another database or sandbox is already open in this worker");
  }
  vi.spyOn(console, "log").mockImplementation((line: string) => void logged.push(line));
  inApp = await import("./in-app");
  key = (await import("./in-app-key")).inAppSandboxKey();
});

afterAll(async () => {
  vi.restoreAllMocks();
  const db = holder.__identifyConsoleDb;
  delete holder.__identifyConsoleDb;
  delete holder.__identifyConsoleSandbox;
  await db?.kysely.destroy();
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  fs.rmSync(tempDir, { recursive: true, force: true });
});

const send = (method: string, requestPath: string, body: unknown, authorization = `Token ${key}`) =>
  inApp.inAppSandbox().handle({
    method,
    path: requestPath,
    headers: { authorization },
    body: body === undefined ? "" : JSON.stringify(body),
  });

/** What the key's making printed: one line where a key file was generated (SQLite), nothing on PostgreSQL. */
const keyLines = () => (testDatabaseKind() === "sqlite" ? 1 : 0);

if (testDatabaseKind() === "sqlite") {
  describe("the built-in sandbox's key on SQLite", () => {
    it("is generated next to the database, says where once, and is kept", async () => {
      const file = path.join(tempDir, "data", "sandbox-api-key");
      expect(key).toMatch(/^[\w-]{43}$/);
      expect(fs.readFileSync(file, "utf8")).toBe(key);
      expect(logged).toEqual([`Sandbox: generated its API key in ${file} (owner-only).`]);
      expect((await import("./in-app-key")).inAppSandboxKey()).toBe(key);
      expect(logged).toHaveLength(1);
    });
  });
} else {
  describe("the built-in sandbox's key on PostgreSQL", () => {
    it("is derived from APP_SECRET, so every server sharing the database accepts the same one, and no file is written", async () => {
      expect(key).toMatch(/^[\w-]{43}$/);
      expect(key).toBe(createHmac("sha256", process.env.APP_SECRET ?? "").update("identify-console sandbox api key").digest("base64url"));
      expect(fs.existsSync(path.join(tempDir, "data", "sandbox-api-key"))).toBe(false);
      expect(logged).toEqual([]);
      // Another server: its own modules, the same secret.
      vi.resetModules();
      expect((await import("./in-app-key")).inAppSandboxKey()).toBe(key);
    });
  });
}

describe("the built-in sandbox", () => {

  it("is one sandbox for the whole process, with its key and without control endpoints", async () => {
    const sandbox = inApp.inAppSandbox();
    expect(inApp.inAppSandbox()).toBe(sandbox);
    const validate = await sandbox.handle({
      method: "GET",
      path: "/v1/validate",
      headers: { authorization: `Token ${key}` },
      body: "",
    });
    expect(validate.status).toBe(200);
    expect((await sandbox.handle({ method: "POST", path: "/__control/reset", headers: {}, body: "{}" })).status).toBe(404);
  });

  it("prefers a configured key, and says nothing when the generated one already exists", async () => {
    vi.resetModules();
    process.env.SANDBOX_API_KEY = "configured-key";
    try {
      expect((await import("./in-app-key")).inAppSandboxKey()).toBe("configured-key");
    } finally {
      delete process.env.SANDBOX_API_KEY;
    }
    vi.resetModules();
    expect((await import("./in-app-key")).inAppSandboxKey()).toBe(key);
    expect(logged).toHaveLength(keyLines());
  });

  it("keeps what it accepted in the app's database, read back through the lookup", async () => {
    expect((await send("POST", "/v1/identify", { user_id: "a/b c", metadata: { plan: "pro" }, company: { id: "c1" } })).status).toBe(202);
    expect(await inApp.readInAppProfile("a/b c")).toMatchObject({
      kind: "found",
      profile: { user: { user_id: "a/b c", metadata: { plan: "pro" }, company_id: "c1" }, company: { company_id: "c1" } },
    });
    expect(await inApp.readInAppProfile("nobody")).toEqual({ kind: "not_found" });
    const rows = await holder.__identifyConsoleDb?.kysely.selectFrom("sandbox_users").select("user_id").execute();
    expect(rows).toEqual([{ user_id: "a/b c" }]);
  });

  it("applies a bulk job at once with the configured step of 0", async () => {
    const job = await send("POST", "/v1/users/bulk_identify", { users: [{ user_id: "bulk1" }] });
    expect(job.status).toBe(202);
    expect(await inApp.readInAppProfile("bulk1")).toMatchObject({ kind: "found" });
  });

  it("refuses other keys, serves no control endpoints, and applies the configured rate limit", async () => {
    expect((await send("GET", "/v1/validate", undefined, "Token sandbox")).status).toBe(401);
    expect((await send("POST", "/__control/reset", {})).status).toBe(404);
    // The limit is 3 a minute; earlier tests may have used some of it.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send("GET", "/v1/validate", undefined)).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(3);
  });
});

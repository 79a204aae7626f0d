import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { connectDatabase } from "@/lib/db/open";
import { databaseUrlNamed, freshDatabaseUrl, locationOf, testDatabaseKind } from "@/lib/testing/test-database";

// What `next start` does first (instrumentation.ts → startServer), over a fresh database of the run's kind
// (a SQLite file in a temp dir, or a PostgreSQL database): each boot sets the variables, imports fresh modules
// and drops the app's singletons, as a new process would.

const ENV_NAMES = [
  "ADMIN_EMAIL",
  "ADMIN_PASSWORD",
  "APP_SECRET",
  "APP_URL",
  "DATABASE_URL",
  "PORT",
  "SANDBOX",
  "SANDBOX_API_KEY",
  "USERPILOT_API_KEY",
  "USERPILOT_API_URL",
  "USERPILOT_REGION",
] as const;
type Vars = Partial<Record<(typeof ENV_NAMES)[number], string>>;

const SINGLETONS = [
  "__identifyConsoleDb",
  "__identifyConsoleAuth",
  "__identifyConsoleEnvironments",
  "__identifyConsoleActors",
];
const holder = globalThis as typeof globalThis & {
  __identifyConsoleDb?: { kysely: { destroy(): Promise<void> } };
};
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
let root: string;
let dir: string;
let databaseUrl: string;
let count = 0;
const POSTGRES = testDatabaseKind() === "postgres";
// PostgreSQL requires APP_SECRET (lib/env.ts): every boot there has one unless a test says otherwise.
const KIND_VARS: Vars = POSTGRES ? { APP_SECRET: "startup-test-secret-0123456789abcdef" } : {};

type Boot = { log: string; warn: string; error: unknown[]; exitCode: number | undefined };

async function closeDatabase() {
  await holder.__identifyConsoleDb?.kysely.destroy();
  for (const name of SINGLETONS) delete (globalThis as Record<string, unknown>)[name];
}

/** One start of the server, its database in `dir`. */
async function boot(vars: Vars): Promise<Boot> {
  await closeDatabase();
  for (const name of ENV_NAMES) delete process.env[name];
  const all: Vars = { DATABASE_URL: databaseUrl, PORT: "3999", ...KIND_VARS, ...vars };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) process.env[name] = value;
  vi.resetModules();
  const text = (spy: { mock: { calls: unknown[][] } }) =>
    spy.mock.calls.map((call) => call.join(" ")).join("\n");
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  let exitCode: number | undefined;
  // A refused start ends the process; here it only records the code.
  vi.spyOn(process, "exit").mockImplementation((code) => {
    exitCode = Number(code);
    return undefined as never;
  });
  const { startServer } = await import("./startup");
  await startServer();
  const result = { log: text(log), warn: text(warn), error: error.mock.calls.flat(), exitCode };
  vi.restoreAllMocks();
  return result;
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "startup-test-"));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await closeDatabase();
});
afterAll(() => {
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  fs.rmSync(root, { recursive: true, force: true });
});

/** A new directory, and a new database (a file in it, on SQLite). */
async function freshDir(): Promise<string> {
  dir = path.join(root, `boot-${(count += 1)}`);
  fs.mkdirSync(dir);
  databaseUrl = await freshDatabaseUrl(dir, "app.db");
  return dir;
}

/** Reads the booted server's database through a connection of its own. */
async function query<T>(statement: string): Promise<T[]> {
  const database = connectDatabase(locationOf(databaseUrl));
  try {
    return (await sql<T>`${sql.raw(statement)}`.execute(database)).rows;
  } finally {
    await database.destroy();
  }
}

// Each boot imports the modules afresh (better-auth included): about a second each on these machines.
describe("startServer", { timeout: 30_000 }, () => {
  if (!POSTGRES) {
    it("with no variables: makes the app secret and the sandbox key, prints a set-up link, and sends to the built-in sandbox", async () => {
      await freshDir();
      const started = await boot({});
      expect(started.exitCode).toBeUndefined();
      expect(started.error).toEqual([]);
      expect(fs.existsSync(path.join(dir, "app-secret"))).toBe(true);
      expect(started.warn).toContain(`APP_SECRET is not set: generated one in ${path.join(dir, "app-secret")}`);
      expect(fs.existsSync(path.join(dir, "sandbox-api-key"))).toBe(true);
      expect(started.log).toMatch(/http:\/\/localhost:3999\/setup\?token=[\w-]{32}\n/);
      expect(started.log).toContain("Identify Console sends to: Sandbox (http://127.0.0.1:3999/api/sandbox)");
      // The migrations ran: the one set-up token is stored (as a hash).
      expect(await query("select count(*) as n from setup_tokens")).toEqual([{ n: 1 }]);
    });
  } else {
    it("on PostgreSQL with APP_SECRET only: makes no files, prints a set-up link, and sends to the built-in sandbox", async () => {
      await freshDir();
      const started = await boot({});
      expect(started.exitCode).toBeUndefined();
      expect(started.error).toEqual([]);
      // The secret is the one given, and the sandbox key derives from it: nothing is kept beside a file.
      expect(fs.readdirSync(dir)).toEqual([]);
      expect(started.warn).not.toContain("APP_SECRET is not set");
      expect(started.log).toMatch(/http:\/\/localhost:3999\/setup\?token=[\w-]{32}\n/);
      expect(started.log).toContain("Identify Console sends to: Sandbox (http://127.0.0.1:3999/api/sandbox)");
      // The migrations ran: the one set-up token is stored (as a hash).
      expect(await query("select count(*) as n from setup_tokens")).toEqual([{ n: 1 }]);
    });

    it("on PostgreSQL without APP_SECRET: stops the process, saying every server needs the same one", async () => {
      await freshDir();
      const started = await boot({ APP_SECRET: undefined });
      expect(started.exitCode).toBe(1);
      expect(started.error).toEqual([expect.stringContaining("APP_SECRET: must be set when DATABASE_URL is PostgreSQL")]);
      expect(fs.readdirSync(dir)).toEqual([]);
    });
  }

  it("puts APP_URL in the set-up link, and creates the first admin from ADMIN_EMAIL instead of a link", async () => {
    await freshDir();
    const withUrl = await boot({ APP_URL: "https://identify.example.com/", APP_SECRET: "a".repeat(32) });
    expect(withUrl.log).toContain("https://identify.example.com/setup?token=");
    expect(withUrl.warn).not.toContain("APP_SECRET is not set");
    expect(fs.existsSync(path.join(dir, "app-secret"))).toBe(false);

    await freshDir();
    const withAdmin = await boot({ ADMIN_EMAIL: "boss@example.com", ADMIN_PASSWORD: "0123456789ab" });
    expect(withAdmin.log).toContain("Created the first admin, boss@example.com");
    expect(withAdmin.log).not.toContain("/setup?token=");
    expect(await query('select email, role from "user"')).toEqual([{ email: "boss@example.com", role: "admin" }]);
  });

  it("names where sends go with a live key; makes the sandbox key only while SANDBOX is on", async () => {
    await freshDir();
    const live = await boot({ USERPILOT_API_KEY: "live-key-123", USERPILOT_REGION: "eu" });
    expect(live.log).toContain(
      "Identify Console sends to: Production · EU (https://analytex-eu.userpilot.io)",
    );
    expect(live.log).not.toContain("live-key-123");
    // On PostgreSQL the key derives from APP_SECRET: no file either way.
    expect(fs.existsSync(path.join(dir, "sandbox-api-key"))).toBe(!POSTGRES);

    await freshDir();
    const off = await boot({ USERPILOT_API_KEY: "live-key-123", SANDBOX: "off" });
    expect(off.log).toContain("Identify Console sends to: Production · US (https://analytex.userpilot.io)");
    expect(fs.existsSync(path.join(dir, "sandbox-api-key"))).toBe(false);
  });

  it("with SANDBOX=off and no key: warns that only environments added by an admin take sends", async () => {
    await freshDir();
    const started = await boot({ SANDBOX: "off" });
    expect(started.exitCode).toBeUndefined();
    expect(started.warn).toContain(
      "SANDBOX=off and no USERPILOT_API_KEY: sends go only to environments an admin adds on the Environments page.",
    );
    expect(started.log).not.toContain("Identify Console sends to");
    expect(fs.existsSync(path.join(dir, "sandbox-api-key"))).toBe(false);
  });

  it("warns, naming each environment whose stored key the current APP_SECRET can't open", async () => {
    await freshDir();
    await boot({ APP_SECRET: "first-secret-0123456789abcdef0123" });
    const { createEnvironment } = await import("@/lib/environments/store");
    for (const name of ["Prod EU", "Staging"]) {
      await createEnvironment({
        name,
        region: "eu",
        baseUrl: "",
        apiKey: `${name.length}-key-0123456789`,
        isProduction: false,
      });
    }
    const same = await boot({ APP_SECRET: "first-secret-0123456789abcdef0123" });
    expect(same.warn).not.toContain("can't be read");

    const changed = await boot({ APP_SECRET: "other-secret-0123456789abcdef0123" });
    expect(changed.exitCode).toBeUndefined();
    expect(changed.warn).toContain(
      `Warning: the stored API key of "Prod EU", "Staging" can't be read with the current APP_SECRET (or its address was changed outside the console): sends to it are refused until an admin enters the key again in Settings > Environments.`,
    );
  });

  it("stops the process on a bad configuration, printing only the configuration's message", async () => {
    await freshDir();
    const started = await boot({ PORT: "not-a-port" });
    expect(started.exitCode).toBe(1);
    expect(started.error).toHaveLength(1);
    expect(started.error[0]).toEqual(expect.stringContaining("PORT"));
    expect(fs.existsSync(path.join(dir, "app.db"))).toBe(false);
  });

  it("stops the process when the database can't be opened, printing the error", async () => {
    await freshDir();
    // SQLite: a directory where the file should be; PostgreSQL: a database the server doesn't have.
    if (POSTGRES) databaseUrl = databaseUrlNamed(`ict_missing_${count}`);
    else fs.mkdirSync(path.join(dir, "app.db"));
    const started = await boot({ APP_SECRET: "a".repeat(32) });
    expect(started.exitCode).toBe(1);
    expect(started.error).toHaveLength(1);
    expect(started.error[0]).toBeInstanceOf(Error);
  });
});

import { createCipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely, KyselyPlugin } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { connectDatabase } from "@/lib/db/open";
import type { Database, EnvironmentsTable } from "@/lib/db/schema";
import { freshDatabaseUrl, locationOf, testDatabaseKind } from "@/lib/testing/test-database";
import { encryptApiKey } from "./key-cipher";
import type { EnvironmentInput, EnvironmentSummary } from "./types";

// The store reads its configuration through env() (parsed once per module instance) and keeps one database
// connection and one snapshot on globalThis. This file owns its worker's environment: `load` sets the
// variables and imports a fresh store, so one file covers several configurations over one real database.

const SECRET = "store-test-app-secret-0123456789abcdef";
const US = "https://analytex.userpilot.io";
const EU = "https://analytex-eu.userpilot.io";
const EXTERNAL_SANDBOX = "http://127.0.0.1:4999";
const ENV_NAMES = [
  "APP_SECRET",
  "DATABASE_URL",
  "PORT",
  "SANDBOX",
  "SANDBOX_API_KEY",
  "USERPILOT_API_KEY",
  "USERPILOT_API_URL",
  "USERPILOT_REGION",
] as const;

type Store = typeof import("./store");
const holder = globalThis as typeof globalThis & {
  __identifyConsoleDb?: { kysely: Kysely<Database>; ready: Promise<Kysely<Database>> };
  __identifyConsoleEnvironments?: unknown;
};
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
let tempDir: string;
let databaseUrl: string;
let database: Kysely<Database>;

async function load(vars: Partial<Record<(typeof ENV_NAMES)[number], string>>): Promise<Store> {
  for (const name of ENV_NAMES) delete process.env[name];
  Object.assign(process.env, { APP_SECRET: SECRET, DATABASE_URL: databaseUrl }, vars);
  vi.resetModules();
  delete holder.__identifyConsoleEnvironments;
  return import("./store");
}

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "environments-store-test-"));
  databaseUrl = await freshDatabaseUrl(tempDir);
  await load({});
  database = await (await import("@/lib/db/client")).db();
});

beforeEach(async () => {
  await database.deleteFrom("environments").execute();
  await database.deleteFrom("settings").execute();
});

afterAll(async () => {
  await holder.__identifyConsoleDb?.kysely.destroy();
  delete holder.__identifyConsoleDb;
  delete holder.__identifyConsoleEnvironments;
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  fs.rmSync(tempDir, { recursive: true, force: true });
});

function input(overrides: Partial<EnvironmentInput> = {}): EnvironmentInput {
  return { name: "Staging", region: "us", baseUrl: "", apiKey: "stored-key-1111", isProduction: false, ...overrides };
}

async function rowNamed(name: string): Promise<EnvironmentsTable> {
  return database.selectFrom("environments").selectAll().where("name", "=", name).executeTakeFirstOrThrow();
}

/** A row written behind the store's back, as an older version or another tool would have left it. */
async function insertRow(overrides: Partial<EnvironmentsTable> & Pick<EnvironmentsTable, "id" | "name" | "key_ciphertext">) {
  await database
    .insertInto("environments")
    .values({ region: "us", base_url: null, is_production: 0, key_last4: "0000", created_at: 1, updated_at: 1, ...overrides })
    .execute();
}

/** A key sealed the way the console did before keys were bound to their URL. */
function sealV1(plain: string, secret: string): string {
  const key = Buffer.from(hkdfSync("sha256", secret, "identify-console", "environment-api-keys", 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"))].join(".");
}

const externalSandbox: EnvironmentSummary = {
  id: "sandbox",
  name: "Sandbox",
  kind: "sandbox",
  region: "sandbox",
  baseUrl: EXTERNAL_SANDBOX,
  isProduction: false,
  keyLast4: null,
  keyUnreadable: false,
  isDefault: true,
  label: "Sandbox",
};

describe("with only a sandbox at USERPILOT_API_URL", () => {
  let store: Store;
  beforeEach(async () => {
    store = await load({ USERPILOT_API_URL: `${EXTERNAL_SANDBOX}/`, SANDBOX_API_KEY: "sandbox-key" });
  });

  it("offers the sandbox as the default, and resolves it with its key", async () => {
    expect(await store.listEnvironments()).toEqual([externalSandbox]);
    expect(await store.resolveEnvironment(undefined)).toEqual({
      summary: externalSandbox,
      baseUrl: EXTERNAL_SANDBOX,
      apiKey: "sandbox-key",
      builtInSandbox: false,
    });
    expect(await store.resolveEnvironment("sandbox")).toMatchObject({ apiKey: "sandbox-key" });
  });

  it("creates stored environments with a sealed key, labelled by region, listed by name after the sandbox", async () => {
    const created = await store.createEnvironment(input({ name: "Zeta", isProduction: true }));
    expect(created).toEqual({
      id: expect.any(String),
      name: "Zeta",
      kind: "stored",
      region: "us",
      baseUrl: US,
      isProduction: true,
      keyLast4: "1111",
      keyUnreadable: false,
      isDefault: false,
      label: "Zeta · US",
    });
    await store.createEnvironment(input({ name: "Alpha", region: "eu", apiKey: "eu-key-2222" }));
    await store.createEnvironment(
      input({ name: "Mid", region: "custom", baseUrl: "https://Proxy.Example.com/up/", apiKey: "custom-key-3333" }),
    );

    const list = await store.listEnvironments();
    expect(list.map((entry) => [entry.label, entry.region, entry.baseUrl, entry.isProduction, entry.keyLast4])).toEqual([
      ["Sandbox", "sandbox", EXTERNAL_SANDBOX, false, null],
      ["Alpha · EU", "eu", EU, false, "2222"],
      ["Mid · Custom", "custom", "https://proxy.example.com/up", false, "3333"],
      ["Zeta · US", "us", US, true, "1111"],
    ]);
    expect(list.filter((entry) => entry.isDefault).map((entry) => entry.id)).toEqual(["sandbox"]);
    expect(list.every((entry) => entry.keyUnreadable === false)).toBe(true);

    const row = await rowNamed("Zeta");
    expect(row).toMatchObject({ id: created.id, region: "us", base_url: null, is_production: 1, key_last4: "1111" });
    expect(row.key_ciphertext).not.toContain("stored-key-1111");
    expect(row.created_at).toBe(row.updated_at);
    expect(Math.abs(row.created_at - Date.now())).toBeLessThan(60_000);
    expect((await rowNamed("Alpha")).is_production).toBe(0);
    expect((await rowNamed("Alpha")).base_url).toBeNull();
  });

  it("resolves a stored environment with its key opened, at its own address", async () => {
    const eu = await store.createEnvironment(input({ name: "Europe", region: "eu", apiKey: "eu-key-2222" }));
    const custom = await store.createEnvironment(
      input({ name: "Proxy", region: "custom", baseUrl: "https://proxy.example.com/up", apiKey: "custom-key-3333" }),
    );
    expect(await store.resolveEnvironment(eu.id)).toEqual({
      summary: { ...eu, isDefault: false },
      baseUrl: EU,
      apiKey: "eu-key-2222",
      builtInSandbox: false,
    });
    expect(await store.resolveEnvironment(custom.id)).toMatchObject({
      baseUrl: "https://proxy.example.com/up",
      apiKey: "custom-key-3333",
    });
    expect(await store.resolveEnvironment("no-such-id")).toBeUndefined();
  });

  it("makes a chosen environment the default, the latest choice winning, and refuses unknown ids", async () => {
    const first = await store.createEnvironment(input({ name: "First" }));
    const second = await store.createEnvironment(input({ name: "Second", apiKey: "second-key-2222" }));
    expect(await store.listEnvironments()).toHaveLength(3);

    expect(await store.setDefaultEnvironment(first.id)).toBe(true);
    expect((await store.listEnvironments()).filter((entry) => entry.isDefault).map((entry) => entry.id)).toEqual([first.id]);
    expect(await store.setDefaultEnvironment(second.id)).toBe(true);
    const defaults = (await store.listEnvironments()).filter((entry) => entry.isDefault);
    expect(defaults.map((entry) => entry.id)).toEqual([second.id]);
    expect(await store.resolveEnvironment(null)).toMatchObject({ apiKey: "second-key-2222", summary: { id: second.id } });

    expect(await store.setDefaultEnvironment("no-such-id")).toBe(false);
    // The name is part of the stored data: databases written by earlier versions hold it.
    expect(await database.selectFrom("settings").selectAll().execute()).toEqual([
      { name: "default_environment_id", value: second.id },
    ]);

    // The chosen one deleted: the sandbox is the default again.
    expect(await store.deleteEnvironment(second.id)).toBe(true);
    expect((await store.listEnvironments()).filter((entry) => entry.isDefault).map((entry) => entry.id)).toEqual(["sandbox"]);
  });

  it("deletes an environment once", async () => {
    const created = await store.createEnvironment(input());
    expect(await store.deleteEnvironment(created.id)).toBe(true);
    expect(await store.deleteEnvironment(created.id)).toBe(false);
    expect((await store.listEnvironments()).map((entry) => entry.id)).toEqual(["sandbox"]);
    expect(await store.resolveEnvironment(created.id)).toBeUndefined();
  });

  describe("updateEnvironment", () => {
    it("renames in place and keeps the key when none is entered", async () => {
      const created = await store.createEnvironment(input({ name: "Old" }));
      await store.listEnvironments();
      const before = await rowNamed("Old");
      expect(await store.updateEnvironment(created.id, input({ name: "New", apiKey: "", isProduction: true }))).toEqual({
        kind: "updated",
        rotated: false,
        fromUrl: US,
        toUrl: US,
      });
      const after = await rowNamed("New");
      expect(after).toMatchObject({ id: created.id, is_production: 1, key_ciphertext: before.key_ciphertext, key_last4: "1111" });
      expect(after.updated_at).toBeGreaterThanOrEqual(before.updated_at);
      expect(after.created_at).toBe(before.created_at);
      expect((await store.listEnvironments()).map((entry) => entry.label)).toEqual(["Sandbox", "New · US"]);
      expect(await store.resolveEnvironment(created.id)).toMatchObject({ apiKey: "stored-key-1111", baseUrl: US });
    });

    it("asks for the key again before a kept key would go to another address", async () => {
      const created = await store.createEnvironment(input({ name: "Mover" }));
      const before = await rowNamed("Mover");
      expect(await store.updateEnvironment(created.id, input({ name: "Mover", region: "eu", apiKey: "" }))).toEqual({
        kind: "key_required",
      });
      expect(
        await store.updateEnvironment(
          created.id,
          input({ name: "Mover", region: "custom", baseUrl: "https://proxy.example.com", apiKey: "" }),
        ),
      ).toEqual({ kind: "key_required" });
      expect(await rowNamed("Mover")).toEqual(before);
    });

    it("moves an environment with a new key, sealed for the new address", async () => {
      const created = await store.createEnvironment(input({ name: "Mover" }));
      await store.listEnvironments();
      expect(
        await store.updateEnvironment(
          created.id,
          input({ name: "Mover", region: "custom", baseUrl: "https://proxy.example.com", apiKey: "moved-key-4444" }),
        ),
      ).toEqual({ kind: "updated", rotated: true, fromUrl: US, toUrl: "https://proxy.example.com" });
      expect(await rowNamed("Mover")).toMatchObject({ region: "custom", base_url: "https://proxy.example.com", key_last4: "4444" });
      expect(await store.resolveEnvironment(created.id)).toMatchObject({
        baseUrl: "https://proxy.example.com",
        apiKey: "moved-key-4444",
        summary: { label: "Mover · Custom", keyLast4: "4444" },
      });

      // And back to a region: base_url is cleared, the key sealed for the region's host.
      expect(await store.updateEnvironment(created.id, input({ name: "Mover", region: "eu", apiKey: "eu-key-5555" }))).toEqual({
        kind: "updated",
        rotated: true,
        fromUrl: "https://proxy.example.com",
        toUrl: EU,
      });
      expect(await rowNamed("Mover")).toMatchObject({ region: "eu", base_url: null });
      expect(await store.resolveEnvironment(created.id)).toMatchObject({ baseUrl: EU, apiKey: "eu-key-5555" });
    });

    it("rotates the key at the same address", async () => {
      const created = await store.createEnvironment(input({ name: "Rotate" }));
      expect(await store.updateEnvironment(created.id, input({ name: "Rotate", apiKey: "rotated-key-6666" }))).toEqual({
        kind: "updated",
        rotated: true,
        fromUrl: US,
        toUrl: US,
      });
      expect(await store.resolveEnvironment(created.id)).toMatchObject({ apiKey: "rotated-key-6666" });
      expect((await rowNamed("Rotate")).is_production).toBe(0);
    });

    it("misses, instead of sealing the key for the wrong address, when another writer moves the row meanwhile", async () => {
      const created = await store.createEnvironment(
        input({ name: "Racer", region: "custom", baseUrl: "https://proxy.example.com", apiKey: "racer-key-7777" }),
      );
      // Another process moves the row to EU between the store's read and its write.
      const other = connectDatabase(locationOf(databaseUrl));
      // The store's read of the row has returned; its update has not run yet.
      const reads = new Set<unknown>();
      const moveFirst: KyselyPlugin = {
        transformQuery(args) {
          if (args.node.kind === "SelectQueryNode") reads.add(args.queryId);
          return args.node;
        },
        transformResult: async (args) => {
          if (reads.delete(args.queryId)) {
            await other.updateTable("environments").set({ region: "eu", base_url: null }).where("id", "=", created.id).execute();
          }
          return args.result;
        },
      };
      const connection = holder.__identifyConsoleDb!;
      const realReady = connection.ready;
      connection.ready = Promise.resolve(database.withPlugin(moveFirst));
      try {
        expect(
          await store.updateEnvironment(
            created.id,
            input({ name: "Racer", region: "custom", baseUrl: "https://proxy.example.com", apiKey: "" }),
          ),
        ).toEqual({ kind: "not_found" });
      } finally {
        connection.ready = realReady;
        await other.destroy();
      }
      expect(await rowNamed("Racer")).toMatchObject({ region: "eu", base_url: null });
      expect(await store.resolveEnvironment(created.id)).toBe(store.KEY_UNREADABLE);
    });

    it("answers not_found for an unknown id", async () => {
      expect(await store.updateEnvironment("no-such-id", input())).toEqual({ kind: "not_found" });
    });
  });

  describe("keys that do not open", () => {
    it("marks a key sealed for another address or with another secret unreadable, and never resolves it", async () => {
      await insertRow({ id: "moved", name: "Moved", key_ciphertext: encryptApiKey("moved-key", SECRET, EU) });
      await insertRow({
        id: "foreign",
        name: "Foreign",
        key_ciphertext: encryptApiKey("foreign-key", "another-secret-0123456789abcdefghijkl", US),
      });
      await insertRow({ id: "fine", name: "Fine", key_ciphertext: encryptApiKey("fine-key", SECRET, US) });

      const list = await store.listEnvironments();
      expect(list.map((entry) => [entry.id, entry.keyUnreadable])).toEqual([
        ["sandbox", false],
        ["fine", false],
        ["foreign", true],
        ["moved", true],
      ]);
      expect(await store.unreadableEnvironmentNames()).toEqual(["Foreign", "Moved"]);
      expect(await store.resolveEnvironment("moved")).toBe(store.KEY_UNREADABLE);
      expect(store.KEY_UNREADABLE).toBe("key_unreadable");
      expect(await store.resolveEnvironment("fine")).toMatchObject({ apiKey: "fine-key" });
    });

    it("binds a custom row's key to its normalized address", async () => {
      await insertRow({
        id: "proxy",
        name: "Proxy",
        region: "custom",
        base_url: "https://Proxy.Example.com/up/",
        key_ciphertext: encryptApiKey("proxy-key", SECRET, "https://proxy.example.com/up"),
      });
      expect(await store.resolveEnvironment("proxy")).toMatchObject({
        baseUrl: "https://proxy.example.com/up",
        apiKey: "proxy-key",
      });
      expect(await store.unreadableEnvironmentNames()).toEqual([]);
    });

    it("sends a region row's key to the region's host, whatever base_url the row holds", async () => {
      await insertRow({
        id: "edited",
        name: "Edited",
        region: "us",
        base_url: "https://elsewhere.example.com",
        key_ciphertext: encryptApiKey("edited-key", SECRET, US),
      });
      expect(await store.resolveEnvironment("edited")).toMatchObject({ baseUrl: US, apiKey: "edited-key" });
    });

    it("reads a row of an unknown region as the US host", async () => {
      await insertRow({ id: "odd", name: "Odd", region: "mars", key_ciphertext: encryptApiKey("odd-key", SECRET, US) });
      expect(await store.resolveEnvironment("odd")).toMatchObject({
        baseUrl: US,
        apiKey: "odd-key",
        summary: { region: "us" },
      });
    });
  });

  describe("resealLegacyKeys", () => {
    it("re-seals v1 keys for their row's address, leaves other secrets' keys and v2 keys alone", async () => {
      await insertRow({ id: "old-us", name: "Old US", key_ciphertext: sealV1("old-us-key", SECRET) });
      await insertRow({
        id: "old-proxy",
        name: "Old Proxy",
        region: "custom",
        base_url: "https://proxy.example.com/",
        key_ciphertext: sealV1("old-proxy-key", SECRET),
      });
      const foreign = sealV1("foreign-key", "another-secret-0123456789abcdefghijkl");
      await insertRow({ id: "old-foreign", name: "Old Foreign", key_ciphertext: foreign });
      const current = encryptApiKey("current-key", SECRET, US);
      await insertRow({ id: "current", name: "Current", key_ciphertext: current });

      // Read before the reseal: the reseal must make the store read again.
      expect(await store.unreadableEnvironmentNames()).toEqual(["Old Foreign", "Old Proxy", "Old US"]);
      expect(await store.resealLegacyKeys()).toBe(2);

      expect(await store.unreadableEnvironmentNames()).toEqual(["Old Foreign"]);
      expect(await store.resolveEnvironment("old-us")).toMatchObject({ apiKey: "old-us-key", baseUrl: US });
      expect(await store.resolveEnvironment("old-proxy")).toMatchObject({
        apiKey: "old-proxy-key",
        baseUrl: "https://proxy.example.com",
      });
      expect((await rowNamed("Old US")).key_ciphertext.startsWith("v2.")).toBe(true);
      expect((await rowNamed("Old Foreign")).key_ciphertext).toBe(foreign);
      expect((await rowNamed("Current")).key_ciphertext).toBe(current);

      expect(await store.resealLegacyKeys()).toBe(0);
    });
  });

  it("does not keep a failed read: the next call reads again", async () => {
    await store.createEnvironment(input({ name: "Known" }));
    await database.schema.alterTable("environments").renameTo("environments_away").execute();
    try {
      // SQLite: "no such table"; PostgreSQL: relation "environments" does not exist.
      await expect(store.listEnvironments()).rejects.toThrow(/no such table|"environments" does not exist/);
    } finally {
      await database.schema.alterTable("environments_away").renameTo("environments").execute();
    }
    expect((await store.listEnvironments()).map((entry) => entry.name)).toEqual(["Sandbox", "Known"]);
  });

  it("keeps what it read until a write through it", async () => {
    await store.createEnvironment(input({ name: "Known" }));
    expect(await store.listEnvironments()).toHaveLength(2);
    await insertRow({ id: "behind", name: "Behind", key_ciphertext: encryptApiKey("behind-key", SECRET, US) });
    expect(await store.listEnvironments()).toHaveLength(2);
    await store.createEnvironment(input({ name: "Another" }));
    expect((await store.listEnvironments()).map((entry) => entry.name)).toEqual(["Sandbox", "Another", "Behind", "Known"]);
  });
});

describe("with a real key in the variables", () => {
  it("lists the built-in sandbox and the variable key's environment, which is the default", async () => {
    const store = await load({ USERPILOT_API_KEY: "live-key-9876", USERPILOT_REGION: "eu", PORT: "4321" });
    const live: EnvironmentSummary = {
      id: "env",
      name: "Production · EU",
      kind: "env",
      region: "eu",
      baseUrl: EU,
      isProduction: true,
      keyLast4: "9876",
      keyUnreadable: false,
      isDefault: true,
      label: "Production · EU",
    };
    const sandbox = { ...externalSandbox, baseUrl: "http://127.0.0.1:4321/api/sandbox", isDefault: false };
    expect(await store.listEnvironments()).toEqual([sandbox, live]);
    expect(await store.resolveEnvironment(undefined)).toEqual({ summary: live, baseUrl: EU, apiKey: "live-key-9876", builtInSandbox: false });

    // SQLite: a random key kept next to the database file; PostgreSQL: derived from APP_SECRET, which every server shares.
    const generated =
      testDatabaseKind() === "postgres"
        ? createHmac("sha256", SECRET).update("identify-console sandbox api key").digest("base64url")
        : fs.readFileSync(path.join(tempDir, "sandbox-api-key"), "utf8").trim();
    expect(generated.length).toBeGreaterThan(20);
    expect(await store.resolveEnvironment("sandbox")).toEqual({
      summary: sandbox,
      baseUrl: "http://127.0.0.1:4321/api/sandbox",
      apiKey: generated,
      builtInSandbox: true,
    });

    // A stored environment does not take the default until chosen.
    const stored = await store.createEnvironment(input());
    expect((await store.listEnvironments()).filter((entry) => entry.isDefault).map((entry) => entry.id)).toEqual(["env"]);
    expect(await store.setDefaultEnvironment(stored.id)).toBe(true);
    expect(await store.resolveEnvironment(null)).toMatchObject({ apiKey: "stored-key-1111" });
    expect(await store.setDefaultEnvironment("env")).toBe(true);
    expect(await store.resolveEnvironment(null)).toMatchObject({ apiKey: "live-key-9876" });
  });

  it("gives USERPILOT_API_URL to the real key, and the sandbox is then the built-in one", async () => {
    const store = await load({
      USERPILOT_API_KEY: "live-key-9876",
      USERPILOT_API_URL: "http://127.0.0.1:4999",
      SANDBOX_API_KEY: "sandbox-key",
    });
    const [sandbox, live, ...rest] = await store.listEnvironments();
    expect(rest).toEqual([]);
    expect(sandbox).toMatchObject({ id: "sandbox", baseUrl: "http://127.0.0.1:3000/api/sandbox", isDefault: false });
    expect(live).toMatchObject({
      id: "env",
      name: "Custom · 127.0.0.1:4999",
      label: "Custom · 127.0.0.1:4999",
      region: "custom",
      baseUrl: "http://127.0.0.1:4999",
      isDefault: true,
    });
    expect(await store.resolveEnvironment("sandbox")).toMatchObject({ apiKey: "sandbox-key", builtInSandbox: true });
    expect(await store.resolveEnvironment("env")).toMatchObject({ apiKey: "live-key-9876", baseUrl: "http://127.0.0.1:4999" });
  });

  it("offers no sandbox with SANDBOX=off", async () => {
    const store = await load({ SANDBOX: "off", USERPILOT_API_KEY: "live-key-9876" });
    expect((await store.listEnvironments()).map((entry) => [entry.id, entry.region, entry.isDefault])).toEqual([["env", "us", true]]);
    expect(await store.resolveEnvironment("sandbox")).toBeUndefined();
  });
});

describe("with nothing configured (SANDBOX=off, no key)", () => {
  it("offers nothing until an environment is stored, which is then the default", async () => {
    const store = await load({ SANDBOX: "off" });
    expect(await store.listEnvironments()).toEqual([]);
    expect(await store.resolveEnvironment(undefined)).toBeUndefined();
    expect(await store.setDefaultEnvironment("sandbox")).toBe(false);
    const stored = await store.createEnvironment(input());
    expect(await store.listEnvironments()).toEqual([{ ...stored, isDefault: true }]);
    expect(await store.resolveEnvironment(undefined)).toMatchObject({ apiKey: "stored-key-1111", builtInSandbox: false });
  });
});

import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { staffSession, startAuthApp, type AuthApp } from "./testing/auth-app";

// A fresh instance: the real migrations on an empty database, the auth library on top. Configuration is read
// once per process, so the ADMIN_EMAIL cases load the module again after changing the variables, as a restart
// would.

let app: AuthApp;

beforeAll(async () => {
  app = await startAuthApp({ ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await app.database.deleteFrom("setup_tokens").execute();
  await app.database.deleteFrom("audit_log").execute();
  await app.database.deleteFrom("session").execute();
  await sql`delete from account`.execute(app.database);
  await app.database.deleteFrom("user").execute();
});

afterAll(async () => {
  await app.close();
});

/** Runs a fresh start's ensureFirstAdmin and returns what it printed. */
async function start(firstAdmin: typeof import("./first-admin")): Promise<string[]> {
  const printed: string[] = [];
  vi.spyOn(console, "log").mockImplementation((message: string) => {
    printed.push(message);
  });
  await firstAdmin.ensureFirstAdmin("https://console.example.com");
  vi.restoreAllMocks();
  return printed;
}

const tokenIn = (printed: string[]) => /\/setup\?token=([\w-]+)\n/.exec(printed.join("\n"))?.[1] ?? "";

describe("the one-time set-up link", () => {
  it("is printed at a start with no users, works once, and is not stored in clear", async () => {
    const firstAdmin = await import("./first-admin");
    expect(await firstAdmin.hasUsers()).toBe(false);
    const printed = await start(firstAdmin);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^\nNo staff accounts yet\. Create the first admin \(this link works once\):\n {2}https:\/\/console\.example\.com\/setup\?token=[\w-]{32}\n$/);
    const token = tokenIn(printed);
    const stored = await app.database.selectFrom("setup_tokens").select(["token_hash", "used_at"]).execute();
    expect(stored).toEqual([{ token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), used_at: null }]);

    expect(await firstAdmin.claimSetupToken(`${token}x`)).toBe(false);
    expect(await firstAdmin.claimSetupToken("")).toBe(false);
    expect(await firstAdmin.claimSetupToken(token)).toBe(true);
    expect(await firstAdmin.claimSetupToken(token)).toBe(false);
  });

  it("works only in its newest form: a restart makes the older one useless", async () => {
    const firstAdmin = await import("./first-admin");
    const older = tokenIn(await start(firstAdmin));
    const newer = tokenIn(await start(firstAdmin));
    expect(newer).not.toBe(older);
    expect(await app.database.selectFrom("setup_tokens").select("used_at").execute()).toEqual([{ used_at: null }]);
    expect(await firstAdmin.claimSetupToken(older)).toBe(false);
    expect(await firstAdmin.claimSetupToken(newer)).toBe(true);
  });

  it("is spent by one of two simultaneous claims only", async () => {
    const firstAdmin = await import("./first-admin");
    const token = tokenIn(await start(firstAdmin));
    const claims = await Promise.all([firstAdmin.claimSetupToken(token), firstAdmin.claimSetupToken(token)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("is neither printed nor accepted once an account exists", async () => {
    const firstAdmin = await import("./first-admin");
    const token = tokenIn(await start(firstAdmin));
    await staffSession("ann@example.com", "viewer");
    expect(await firstAdmin.hasUsers()).toBe(true);
    expect(await firstAdmin.claimSetupToken(token)).toBe(false);
    await app.database.deleteFrom("setup_tokens").execute();
    expect(await start(firstAdmin)).toEqual([]);
    expect(await app.database.selectFrom("setup_tokens").select("used_at").execute()).toEqual([]);
  });
});

describe("ADMIN_EMAIL and ADMIN_PASSWORD", () => {
  async function restartWith(vars: Record<string, string | undefined>) {
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    vi.resetModules();
    return import("./first-admin");
  }

  it("create the first admin, audited, instead of a link", async () => {
    const firstAdmin = await restartWith({ ADMIN_EMAIL: "boss@example.com", ADMIN_PASSWORD: "password-123" });
    expect(await start(firstAdmin)).toEqual(["Created the first admin, boss@example.com, from ADMIN_EMAIL and ADMIN_PASSWORD."]);
    expect(await app.database.selectFrom("user").select(["email", "name", "role"]).execute()).toEqual([
      { email: "boss@example.com", name: "Admin", role: "admin" },
    ]);
    expect((await sql`select "providerId" from account`.execute(app.database)).rows).toEqual([{ providerId: "credential" }]);
    expect(await app.database.selectFrom("audit_log").select(["actor", "action", "target", "details"]).execute()).toEqual([
      { actor: "system", action: "user.created", target: "boss@example.com", details: '{"role":"admin","via":"ADMIN_EMAIL"}' },
    ]);
    expect(await app.database.selectFrom("setup_tokens").select("used_at").execute()).toEqual([]);
    // A later start leaves the existing admin alone.
    expect(await start(firstAdmin)).toEqual([]);
  }, 20_000);

  it("without the password, print the link as if neither were set", async () => {
    const firstAdmin = await restartWith({ ADMIN_EMAIL: "boss@example.com", ADMIN_PASSWORD: undefined });
    expect(tokenIn(await start(firstAdmin))).toMatch(/^[\w-]{32}$/);
    expect(await firstAdmin.hasUsers()).toBe(false);
  });
});

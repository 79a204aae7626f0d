import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookie, signInRequest, staffSession, startAuthApp, type AuthApp } from "./testing/auth-app";

// The auth library as the console sets it up (lib/auth/auth.ts), seen from outside: its cookies, its
// endpoints, its refusals. Served over plain HTTP on port 3000, without APP_URL, and with NODE_ENV=production
// as the console runs (under NODE_ENV=test or TEST, which vitest sets, the library skips its origin checks).

const BASE = "http://localhost:3000";
const PASSWORD = "password-123";
let app: AuthApp;
let auth: typeof import("./auth").auth;
let joCookie: string;
let signInAnswer: Response;

beforeAll(async () => {
  app = await startAuthApp({ NODE_ENV: "production", TEST: undefined, PORT: "3000", APP_URL: undefined, TRUSTED_PROXY_HOPS: "0" });
  ({ auth } = await import("./auth"));
  await auth().api.createUser({ body: { email: "jo@example.com", password: PASSWORD, name: "Jo", role: "operator" } });
  signInAnswer = await auth().handler(signInRequest("jo@example.com", PASSWORD, { origin: BASE }));
  joCookie = sessionCookie(signInAnswer);
}, 30_000);

afterAll(async () => {
  await app.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  auth().handler(
    new Request(`${BASE}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, ...headers },
      body: JSON.stringify(body),
    }),
  );

describe("the session", () => {
  it("is a 12-hour, HTTP-only, same-site cookie, not marked Secure over plain HTTP", async () => {
    const cookie = signInAnswer.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^better-auth\.session_token=[^;]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
    const [row] = (await sql<{ expiresAt: string | Date }>`select "expiresAt" from session`.execute(app.database)).rows;
    const hours = (new Date(row!.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
  });

  it("is stored in the console's database, as is the library's rate limiting", async () => {
    expect((await sql<{ n: number }>`select count(*) as n from session`.execute(app.database)).rows).toEqual([{ n: 1 }]);
    expect((await sql<{ n: number }>`select count(*) as n from "rateLimit"`.execute(app.database)).rows[0]?.n).toBeGreaterThan(0);
  });
});

describe("accounts", () => {
  it("can't be made by signing up", async () => {
    const response = await post("/sign-up/email", { email: "new@example.com", password: PASSWORD, name: "New" });
    expect(response.ok).toBe(false);
    expect(await app.database.selectFrom("user").select("email").where("email", "=", "new@example.com").execute()).toEqual([]);
  });

  it("are viewers unless made with another role", async () => {
    const { user } = await auth().api.createUser({ body: { email: "plain@example.com", name: "Plain" } });
    expect(user).toMatchObject({ role: "viewer" });
  });

  it("keep passwords of at least 10 characters", async () => {
    const response = await post("/change-password", { currentPassword: PASSWORD, newPassword: "123456789" }, { cookie: joCookie });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "PASSWORD_TOO_SHORT" });
  });

  it("once deactivated, can't sign in, and are told why", async () => {
    await app.database.updateTable("user").set({ banned: 1 }).where("email", "=", "jo@example.com").execute();
    const response = await auth().handler(signInRequest("jo@example.com", PASSWORD, { origin: BASE }));
    await app.database.updateTable("user").set({ banned: 0 }).where("email", "=", "jo@example.com").execute();
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ message: "This account is deactivated. Ask an admin to reactivate it." });
  }, 20_000);
});

describe("the admin plugin", () => {
  it("serves none of its endpoints, even to an admin", async () => {
    const { cookie, id } = await staffSession("ann@example.com", "admin");
    for (const path of ["/admin/set-role", "/admin/ban-user", "/admin/impersonate-user", "/admin/list-users"]) {
      expect((await post(path, { userId: id, role: "admin" }, { cookie })).status).toBe(404);
    }
  });

  it("gives no role any of its permissions, so even a server-side call with an admin's session is refused", async () => {
    const { cookie } = await staffSession("ada@example.com", "admin");
    const { id } = await staffSession("vic@example.com", "viewer");
    const headers = new Headers({ cookie });
    await expect(auth().api.setRole({ headers, body: { userId: id, role: "admin" } })).rejects.toMatchObject({ statusCode: 403 });
    await expect(auth().api.banUser({ headers, body: { userId: id } })).rejects.toMatchObject({ statusCode: 403 });
    await expect(auth().api.impersonateUser({ headers, body: { userId: id } })).rejects.toMatchObject({ statusCode: 403 });
    const row = await app.database.selectFrom("user").select(["role", "banned"]).where("id", "=", id).executeTakeFirstOrThrow();
    // 0 in SQLite, false in PostgreSQL.
    expect({ role: row.role, banned: Boolean(row.banned) }).toEqual({ role: "viewer", banned: false });
  });
});

describe("origins", () => {
  it("accepts writes from the console's local addresses only", async () => {
    const signOut = (origin: string) => post("/sign-out", {}, { origin, cookie: "better-auth.session_token=none" });
    for (const origin of [BASE, "http://127.0.0.1:3000"]) expect((await signOut(origin)).status).toBe(200);
    for (const origin of ["https://evil.example", "http://localhost:3001"]) expect((await signOut(origin)).status).toBe(403);
  });
});

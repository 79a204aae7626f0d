import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { staffSession, startAuthApp, signInRequest, type AuthApp } from "./testing/auth-app";

// Every request to /api/auth/* as the route passes it on: the real auth library on a fresh database, one
// proxy hop trusted, and a library limit of 3 sign-in requests per minute and address.

const PASSWORD = "password-123";
let app: AuthApp;
let handleAuthRequest: (request: Request) => Promise<Response>;
let isAdminEndpoint: (url: string) => boolean;

beforeAll(async () => {
  app = await startAuthApp({ TRUSTED_PROXY_HOPS: "1", SIGN_IN_ATTEMPTS_PER_MINUTE: "3", APP_URL: undefined, PORT: "3000" });
  ({ handleAuthRequest, isAdminEndpoint } = await import("./auth-route"));
  const { auth } = await import("./auth");
  await auth().api.createUser({ body: { email: "jo@example.com", password: PASSWORD, name: "Jo", role: "admin" } });
}, 30_000);

afterEach(async () => {
  await app.database.deleteFrom("sign_in_lockouts").execute();
});

afterAll(async () => {
  await app.close();
});

const lockRow = (email = "jo@example.com") =>
  app.database.selectFrom("sign_in_lockouts").select(["failures", "lockouts"]).where("email", "=", email).executeTakeFirst();
const sessionRows = async () => (await sql<{ ip: string }>`select "ipAddress" as ip from session order by "createdAt", id`.execute(app.database)).rows;
/** Each test signs in from its own address, so the library's per-address limit of one can't touch another. */
const from = (ip: string) => ({ "x-forwarded-for": `198.51.100.200, ${ip}` });

describe("isAdminEndpoint", () => {
  it.each([
    "/api/auth/admin",
    "/api/auth/admin/",
    "/api/auth/admin/set-role",
    "/API/Auth/Admin/ban-user",
    "/api/auth//admin/list-users",
    "/api//auth/admin",
    "/api/auth/%61dmin/impersonate-user",
    "/api/auth/admin%2Fset-user-password",
    "/api/auth%5Cadmin/set-role",
    "/api/auth/admin/%E0%A4%A",
  ])("refuses %s however it is spelled", (path) => {
    expect(isAdminEndpoint(`http://localhost:3000${path}`)).toBe(true);
  });

  it.each(["/api/auth/administrator", "/api/auth/get-session", "/api/auth/sign-in/email", "/api/auth/%E0%A4%A/admin", "/admin"])(
    "lets %s through",
    (path) => {
      expect(isAdminEndpoint(`http://localhost:3000${path}`)).toBe(false);
    },
  );

  it("answers 404 for them before the library sees the request, session or not", async () => {
    const { cookie } = await staffSession("ada@example.com", "admin");
    for (const [method, path] of [["POST", "/api/auth/admin/set-role"], ["GET", "/api/auth/admin/list-users"], ["POST", "/api/auth/%61dmin/set-role"]]) {
      const response = await handleAuthRequest(
        new Request(`http://localhost:3000${path}`, { method, headers: { cookie, "content-type": "application/json" }, body: method === "POST" ? "{}" : undefined }),
      );
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: "Not found" });
    }
  });
});

describe("handleAuthRequest", () => {
  it("passes reads to the library", async () => {
    const { cookie } = await staffSession("reader@example.com", "viewer");
    const response = await handleAuthRequest(new Request("http://localhost:3000/api/auth/get-session", { headers: { cookie } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("retry-after")).toBeNull();
    expect(await response.json()).toMatchObject({ user: { email: "reader@example.com", role: "viewer" } });
    // A HEAD is passed on as it came (the library serves none, so it answers 404) rather than failing here.
    const head = await handleAuthRequest(new Request("http://localhost:3000/api/auth/get-session", { method: "HEAD", headers: { cookie } }));
    expect(head.status).toBe(404);
  });

  it("counts a wrong password against the account, clears it on success, and records the trusted address", async () => {
    const wrong = await handleAuthRequest(signInRequest("jo@example.com", "not-the-password", from("203.0.113.10")));
    expect(wrong.status).toBe(401);
    expect(await lockRow()).toEqual({ failures: 1, lockouts: 0 });

    const before = (await sessionRows()).length;
    const right = await handleAuthRequest(signInRequest("Jo@Example.com", PASSWORD, from("203.0.113.10")));
    expect(right.status).toBe(200);
    expect(right.headers.get("set-cookie")).toContain("better-auth.session_token=");
    expect(await lockRow()).toBeUndefined();
    const sessions = await sessionRows();
    expect(sessions).toHaveLength(before + 1);
    expect(sessions.at(-1)).toEqual({ ip: "203.0.113.10" });
  }, 20_000);

  it("refunds an attempt the library refused for another reason", async () => {
    const response = await handleAuthRequest(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", ...from("203.0.113.20") },
        body: JSON.stringify({ email: "refund@example.com" }),
      }),
    );
    expect(response.status).toBe(400);
    expect(await lockRow("refund@example.com")).toEqual({ failures: 0, lockouts: 0 });
  });

  it("refuses a locked account before the library checks its password, however the path is spelled", async () => {
    const now = Date.now();
    await app.database
      .insertInto("sign_in_lockouts")
      .values({ email: "jo@example.com", failures: 0, window_start: now, locked_until: now + 90_000, lockouts: 1 })
      .execute();
    const before = (await sessionRows()).length;
    for (const path of ["/api/auth/sign-in/email", "/api/auth/sign-in/email/", "/API/auth//sign-in/EMAIL"]) {
      const response = await handleAuthRequest(signInRequest("JO@example.com", PASSWORD, from("203.0.113.30"), `http://localhost:3000${path}`));
      expect(response.status).toBe(429);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(89);
      expect(await response.json()).toEqual({ code: "ACCOUNT_LOCKED", message: "Too many attempts for this account. Try again in 2 minutes." });
    }
    expect(await sessionRows()).toHaveLength(before);

    // Only the password sign-in is locked: other endpoints that carry an email are the library's to answer.
    const other = await handleAuthRequest(
      new Request("http://localhost:3000/api/auth/sign-out", {
        method: "POST",
        headers: { "content-type": "application/json", ...from("203.0.113.31") },
        body: JSON.stringify({ email: "jo@example.com" }),
      }),
    );
    expect(other.status).toBe(200);
  });

  it("leaves requests without a usable email to the library, and no account is counted", async () => {
    const long = `${"a".repeat(309)}@example.com`;
    const now = Date.now();
    await app.database
      .insertInto("sign_in_lockouts")
      .values({ email: long, failures: 0, window_start: now, locked_until: now + 90_000, lockouts: 1 })
      .execute();
    for (const body of [JSON.stringify({ email: long, password: "x" }), JSON.stringify({ email: "   " }), "not json"]) {
      const response = await handleAuthRequest(
        new Request("http://localhost:3000/api/auth/sign-in/email", {
          method: "POST",
          headers: { "content-type": "application/json", ...from(`203.0.113.4${body.length % 10}`) },
          body,
        }),
      );
      expect(response.status).not.toBe(429);
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
    expect(await app.database.selectFrom("sign_in_lockouts").select("email").execute()).toEqual([{ email: long }]);
  });

  it("passes the library's own limit on with the standard Retry-After header", async () => {
    const attempt = () =>
      handleAuthRequest(
        new Request("http://localhost:3000/api/auth/sign-in/email", {
          method: "POST",
          headers: { "content-type": "application/json", ...from("203.0.113.50") },
          body: JSON.stringify({ email: "limited@example.com" }),
        }),
      );
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(400);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    const seconds = Number(limited.headers.get("x-retry-after"));
    expect(seconds).toBeGreaterThan(0);
    expect(limited.headers.get("retry-after")).toBe(String(seconds));
    // The library's refusal isn't a wrong password: every attempt was refunded.
    expect(await lockRow("limited@example.com")).toEqual({ failures: 0, lockouts: 0 });
  });

  it("refunds the attempt when the library fails, and lets the failure through", async () => {
    await sql`alter table "rateLimit" rename to "rateLimit_away"`.execute(app.database);
    try {
      await expect(handleAuthRequest(signInRequest("jo@example.com", PASSWORD, from("203.0.113.60")))).rejects.toThrow();
    } finally {
      await sql`alter table "rateLimit_away" rename to "rateLimit"`.execute(app.database);
    }
    expect(await lockRow()).toEqual({ failures: 0, lockouts: 0 });
  });
});

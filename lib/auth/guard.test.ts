import { AsyncLocalStorage } from "node:async_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffSession, startAuthApp, type AuthApp } from "./testing/auth-app";
import type { Actor } from "./session";

// Real sessions: accounts made through the auth library on a fresh database, signed in through its handler.

const APP_URL = "https://console.example.com";
let app: AuthApp;
let admin: string;
let viewer: string;

// As Next's server does before loading any of its modules: its request storage is built on this.
Object.assign(globalThis, { AsyncLocalStorage });

let guard: typeof import("./guard");
let session: typeof import("./session");

beforeAll(async () => {
  // NODE_ENV=production and no TEST, as the console runs: under test the auth library skips its origin checks.
  app = await startAuthApp({ APP_URL, PORT: "3100", NODE_ENV: "production", TEST: undefined });
  guard = await import("./guard");
  session = await import("./session");
  admin = (await staffSession("ann@example.com", "admin")).cookie;
  viewer = (await staffSession("vic@example.com", "viewer")).cookie;
});

afterAll(async () => {
  await app.close();
});

const request = (method: string, headers: Record<string, string> = {}, url = `${APP_URL}/api/users`) =>
  new Request(url, { method, headers });

describe("isCrossSite", () => {
  it("never refuses a read", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(guard.isCrossSite(request(method, { origin: "https://evil.example", "sec-fetch-site": "cross-site" }))).toBe(false);
    }
  });

  it("refuses a write the browser marks cross-site, whatever its Origin says", () => {
    expect(guard.isCrossSite(request("POST", { "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(guard.isCrossSite(request("DELETE", { "sec-fetch-site": "cross-site", origin: APP_URL }))).toBe(true);
    expect(guard.isCrossSite(request("POST", { "sec-fetch-site": "same-site" }))).toBe(false);
    expect(guard.isCrossSite(request("POST", { "sec-fetch-site": "same-origin", origin: APP_URL }))).toBe(false);
  });

  it("refuses a write from another origin, and lets scripts without Origin through", () => {
    expect(guard.isCrossSite(request("POST", { origin: "https://evil.example" }))).toBe(true);
    expect(guard.isCrossSite(request("PATCH", { origin: "https://console.example.com.evil.example" }))).toBe(true);
    expect(guard.isCrossSite(request("POST", { origin: "http://localhost:3000" }))).toBe(true);
    expect(guard.isCrossSite(request("POST"))).toBe(false);
  });

  it("accepts the request's own origin, APP_URL and the local addresses on PORT", () => {
    const local = "http://10.0.0.5:3100/api/users";
    expect(guard.isCrossSite(request("POST", { origin: "http://10.0.0.5:3100" }, local))).toBe(false);
    expect(guard.isCrossSite(request("POST", { origin: APP_URL }, local))).toBe(false);
    expect(guard.isCrossSite(request("POST", { origin: "http://localhost:3100" }, local))).toBe(false);
    expect(guard.isCrossSite(request("POST", { origin: "http://127.0.0.1:3100" }, local))).toBe(false);
    expect(guard.isCrossSite(request("POST", { origin: "http://127.0.0.1:3101" }, local))).toBe(true);
  });
});

describe("guarded", () => {
  const calls: { actor: Actor; context: unknown }[] = [];
  const handler = () =>
    guard.guarded<{ params: string }>("users:manage", async (_request, actor, context) => {
      calls.push({ actor, context });
      return Response.json({ ok: true });
    });

  async function answer(response: Response) {
    return { status: response.status, body: (await response.json()) as unknown };
  }

  it("runs the handler for a role that may, with the actor and the route's context", async () => {
    calls.length = 0;
    const response = await handler()(request("POST", { cookie: admin, origin: APP_URL }), { params: "p" });
    expect(await answer(response)).toEqual({ status: 200, body: { ok: true } });
    expect(calls).toEqual([
      { actor: { id: expect.any(String), email: "ann@example.com", name: "ann", role: "admin" }, context: { params: "p" } },
    ]);
  });

  it("answers an ApiError the handler throws in the one error shape, and lets any other error through", async () => {
    const { ApiError } = await import("@/lib/http/api-error");
    const throwing = (error: Error) =>
      guard.guarded("users:manage", async () => {
        throw error;
      });
    const signedIn = () => request("POST", { cookie: admin, origin: APP_URL });
    const refused = new ApiError(400, "invalid_request", "Some fields need attention", [{ path: "email", message: "Enter an email" }]);
    expect(await answer(await throwing(refused)(signedIn(), {}))).toEqual({
      status: 400,
      body: {
        error: { code: "invalid_request", message: "Some fields need attention", fields: [{ path: "email", message: "Enter an email" }] },
      },
    });
    await expect(throwing(new Error("a bug"))(signedIn(), {})).rejects.toThrow("a bug");
  });

  it("answers 404 to a path whose id holds a NUL (no stored id can: PostgreSQL text can't), before the handler", async () => {
    calls.length = 0;
    const signedIn = () => request("PATCH", { cookie: admin, origin: APP_URL });
    const nul = { params: Promise.resolve({ id: "env\u0000" }) };
    expect(await answer(await guard.guarded("users:manage", async () => Response.json({ ok: true }))(signedIn(), nul))).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: "No id holds a NUL character (U+0000)" } },
    });
    const caught = { params: Promise.resolve({ path: ["a", "b\u0000"] }) };
    expect((await guard.guarded("users:manage", async () => Response.json({ ok: true }))(signedIn(), caught)).status).toBe(404);
    const plain = { params: Promise.resolve({ id: "env-1", path: ["a", "b"] }) };
    expect((await guard.guarded("users:manage", async () => Response.json({ ok: true }))(signedIn(), plain)).status).toBe(200);
  });

  it("answers 403 to a role that may not", async () => {
    calls.length = 0;
    const response = await handler()(request("GET", { cookie: viewer }), { params: "p" });
    expect(await answer(response)).toEqual({
      status: 403,
      body: { error: { code: "forbidden", message: "Your role (viewer) does not allow this" } },
    });
    expect(calls).toEqual([]);
  });

  it("answers 401 without a session, or with one that isn't valid", async () => {
    calls.length = 0;
    for (const headers of [{}, { cookie: "better-auth.session_token=forged.value" }] as Record<string, string>[]) {
      expect(await answer(await handler()(request("GET", headers), { params: "p" }))).toEqual({
        status: 401,
        body: { error: { code: "unauthenticated", message: "Sign in to use the console" } },
      });
    }
    expect(calls).toEqual([]);
  });

  it("refuses a cross-site write before looking at the session, even an admin's", async () => {
    calls.length = 0;
    const response = await handler()(request("POST", { cookie: admin, origin: "https://evil.example" }), { params: "p" });
    expect(await answer(response)).toEqual({
      status: 403,
      body: { error: { code: "cross_site", message: "Cross-site requests are not accepted" } },
    });
    expect(calls).toEqual([]);
  });
});

describe("currentActor with the auth library", () => {
  it("reads the signed-in staff member, and nobody for a deactivated account", async () => {
    const headers = new Headers({ cookie: viewer });
    expect(await session.currentActor(headers)).toEqual({ id: expect.any(String), email: "vic@example.com", name: "vic", role: "viewer" });
    // Banned by hand, with the session left in place: the flag alone is enough to refuse it.
    await app.database.updateTable("user").set({ banned: 1 }).where("email", "=", "vic@example.com").execute();
    session.forgetActors();
    expect(await session.currentActor(headers)).toBeNull();
    await app.database.updateTable("user").set({ banned: 0 }).where("email", "=", "vic@example.com").execute();
    session.forgetActors();
  });
});

describe("requirePageActor", () => {
  /**
   * Runs `render` the way Next runs a page for a request carrying `headers`: `headers()` from next/headers
   * reads them from Next's own request storage, which is set here as the server sets it.
   */
  async function renderPage<T>(headers: Record<string, string>, render: () => Promise<T>): Promise<T> {
    const { workAsyncStorage } = await import("next/dist/server/app-render/work-async-storage.external.js");
    const { workUnitAsyncStorage } = await import("next/dist/server/app-render/work-unit-async-storage.external.js");
    const store = { type: "private-cache", phase: "render", headers: new Headers(headers) };
    return workAsyncStorage.run({ route: "/history", forceStatic: false } as never, () =>
      workUnitAsyncStorage.run(store as never, render),
    );
  }

  /** Where a page sends the visitor, from the redirect Next throws. */
  async function redirectOf(render: () => Promise<unknown>): Promise<string> {
    const { getURLFromRedirectError } = await import("next/dist/client/components/redirect.js");
    const { isRedirectError } = await import("next/dist/client/components/redirect-error.js");
    const error: unknown = await render().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!isRedirectError(error)) throw new Error(`expected a redirect, got ${String(error)}`);
    return getURLFromRedirectError(error);
  }

  it("gives the page the signed-in staff member its role allows", async () => {
    const actor = await renderPage({ cookie: admin }, () => session.requirePageActor("users:manage", "/users"));
    expect(actor).toMatchObject({ email: "ann@example.com", role: "admin" });
  });

  it("sends a visitor without a session to sign in, then back", async () => {
    expect(await redirectOf(() => renderPage({}, () => session.requirePageActor("history:read", "/history?status=429&x=a b")))).toBe(
      "/login?next=%2Fhistory%3Fstatus%3D429%26x%3Da%20b",
    );
  });

  it("sends a role that can't open the page to the explanation", async () => {
    expect(await redirectOf(() => renderPage({ cookie: viewer }, () => session.requirePageActor("users:manage", "/users")))).toBe(
      "/denied?need=users%3Amanage",
    );
  });
});

describe("the auth library behind an HTTPS APP_URL", () => {
  it("names its session cookie for HTTPS only", () => {
    expect(admin).toMatch(/^__Secure-better-auth\.session_token=/);
  });

  it("accepts writes from APP_URL and the local addresses on PORT, and no other origin", async () => {
    const { auth } = await import("./auth");
    const signOut = (origin: string) =>
      auth().handler(
        new Request(`${APP_URL}/api/auth/sign-out`, {
          method: "POST",
          headers: { "content-type": "application/json", origin, cookie: "__Secure-better-auth.session_token=none" },
          body: "{}",
        }),
      );
    for (const origin of [APP_URL, "http://localhost:3100", "http://127.0.0.1:3100"]) expect((await signOut(origin)).status).toBe(200);
    for (const origin of ["https://evil.example", "http://localhost:3000"]) expect((await signOut(origin)).status).toBe(403);
  });
});

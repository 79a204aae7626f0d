import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffSession, startAuthApp, type AuthApp } from "./testing/auth-app";

// Single sign-on end to end: a small OpenID Connect provider on 127.0.0.1 (discovery, token and userinfo
// endpoints), the console's auth route in front of the real auth library, and a fresh database.

const BASE = "http://localhost:3000";
const CLIENT_ID = "identify-console";
const CLIENT_SECRET = "s3cret-value";

type Profile = { id: string; email: string; name: string; email_verified: boolean };
const provider = {
  url: "",
  profile: undefined as Profile | undefined,
  tokenRequests: [] as { authorization: string | undefined; body: URLSearchParams }[],
};
let server: http.Server;
let app: AuthApp;
let handleAuthRequest: (request: Request) => Promise<Response>;

function json(response: http.ServerResponse, body: unknown) {
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
}

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const path = new URL(request.url ?? "/", provider.url).pathname;
      if (path === "/.well-known/openid-configuration") {
        return json(response, {
          issuer: provider.url,
          authorization_endpoint: `${provider.url}/authorize`,
          token_endpoint: `${provider.url}/token`,
          userinfo_endpoint: `${provider.url}/userinfo`,
        });
      }
      if (path === "/token") {
        provider.tokenRequests.push({ authorization: request.headers.authorization, body: new URLSearchParams(body) });
        return json(response, { access_token: "provider-access-token", token_type: "Bearer", expires_in: 3600 });
      }
      if (path === "/userinfo" && request.headers.authorization === "Bearer provider-access-token") {
        return json(response, provider.profile);
      }
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  provider.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app = await startAuthApp({
    PORT: "3000",
    APP_URL: undefined,
    OIDC_ISSUER: provider.url,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_PROVIDER_NAME: "Acme ID",
    OIDC_DEFAULT_ROLE: "operator",
    OIDC_ALLOWED_DOMAINS: "acme.test",
  });
  ({ handleAuthRequest } = await import("./auth-route"));
  // As the server does at start: the auth library is built, and the provider discovered, before any request.
  const { auth } = await import("./auth");
  await auth().$context;
});

afterAll(async () => {
  await app.close();
  await new Promise((resolve) => server.close(resolve));
});

/** The browser's side: start at the sign-in page's button, come back from the provider with a code. */
async function signInThroughProvider(profile: Profile) {
  provider.profile = profile;
  const start = await handleAuthRequest(
    new Request(`${BASE}/api/auth/sign-in/social`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE },
      body: JSON.stringify({ provider: "oidc", callbackURL: "/history", errorCallbackURL: "/login" }),
    }),
  );
  expect(start.status).toBe(200);
  const authorize = new URL(((await start.json()) as { url: string }).url);
  const cookie = start.headers.getSetCookie().map((set) => set.split(";")[0]).join("; ");
  const callback = await handleAuthRequest(
    new Request(`${BASE}/api/auth/callback/oidc?code=provider-code&state=${authorize.searchParams.get("state")}`, { headers: { cookie } }),
  );
  return { authorize, callback, location: new URL(callback.headers.get("location") ?? "/", BASE) };
}

const jo: Profile = { id: "sub-jo", email: "jo@acme.test", name: "Jo", email_verified: true };
const users = () => app.database.selectFrom("user").select(["email", "role"]).orderBy("createdAt").execute();

describe("single sign-on through the company's provider", () => {
  it("creates no account while there is no active admin, and says why on the sign-in page", async () => {
    const { authorize, location } = await signInThroughProvider(jo);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${provider.url}/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      response_type: "code",
      scope: "openid email profile",
      redirect_uri: `${BASE}/api/auth/callback/oidc`,
      code_challenge_method: "S256",
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(location.pathname).toBe("/login");
    expect(Object.fromEntries(location.searchParams)).toEqual({ error: "sso_before_first_admin", error_description: "No admin is set up yet" });
    expect(await users()).toEqual([]);
  });

  it("gives a first-time staff member OIDC_DEFAULT_ROLE, audited under the provider's name", async () => {
    await staffSession("ann@acme.test", "admin");
    provider.tokenRequests.length = 0;
    const { callback, location } = await signInThroughProvider(jo);
    expect(callback.status).toBe(302);
    expect(location.pathname).toBe("/history");
    expect(callback.headers.get("set-cookie")).toContain("better-auth.session_token=");
    expect(await users()).toEqual([
      { email: "ann@acme.test", role: "admin" },
      { email: "jo@acme.test", role: "operator" },
    ]);
    expect(await app.database.selectFrom("audit_log").select(["actor", "action", "target", "details"]).execute()).toEqual([
      { actor: "Acme ID (single sign-on)", action: "user.created", target: "jo@acme.test", details: '{"role":"operator","via":"OIDC"}' },
    ]);

    // The code was exchanged as the registered confidential client (client_secret_basic), with the PKCE verifier.
    expect(provider.tokenRequests).toHaveLength(1);
    const [exchange] = provider.tokenRequests;
    expect(exchange?.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`);
    expect(exchange?.body.get("code")).toBe("provider-code");
    expect(exchange?.body.get("code_verifier")).toMatch(/^[\w-]{43,128}$/);
    expect(exchange?.body.get("client_secret")).toBeNull();

    // The provider's tokens are sealed, not stored as received.
    const accounts = (await sql<{ providerId: string; accessToken: string }>`select "providerId", "accessToken" from account`.execute(app.database)).rows;
    expect(accounts).toEqual([{ providerId: "oidc", accessToken: expect.any(String) }]);
    expect(accounts[0]?.accessToken).not.toContain("provider-access-token");
  });

  it("lets staff start single sign-on more often than the library's default of 3 per 10 seconds", async () => {
    for (let i = 0; i < 5; i++) {
      const start = await handleAuthRequest(
        new Request(`${BASE}/api/auth/sign-in/social`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: BASE },
          body: JSON.stringify({ provider: "oidc", callbackURL: "/" }),
        }),
      );
      expect(start.status).toBe(200);
    }
  });

  it("refuses an email outside OIDC_ALLOWED_DOMAINS", async () => {
    const { location } = await signInThroughProvider({ id: "sub-eve", email: "eve@elsewhere.test", name: "Eve", email_verified: true });
    expect(location.pathname).toBe("/login");
    expect(Object.fromEntries(location.searchParams)).toEqual({ error: "sso_domain_not_allowed", error_description: "Email domain not allowed" });
    expect((await users()).map((user) => user.email)).not.toContain("eve@elsewhere.test");
  });
});

import type { Browser, Page } from "@playwright/test";
import path from "node:path";
import { freePort, makeTempDir, removeTempDir, startAppServer, type AppServer } from "./support/app-server";
import { query } from "./support/database";
import { expect, test } from "./support/fixtures";
import { startOidcProvider, type OidcAccount, type OidcProvider } from "./support/oidc-provider";
import { E2E } from "./support/settings";

/**
 * Single sign-on against a local OpenID Connect provider: a separate console started with OIDC_* pointing
 * at it. The default role is set to operator, not the built-in viewer, so the test sees it was applied.
 */

const PROVIDER_NAME = "Acme ID";
const person: OidcAccount = {
  id: "jo",
  email: `jo-${Date.now().toString(36)}@acme.test`,
  name: "Jo Example",
};
// A provider account with the email of the console's password admin.
const lookalike: OidcAccount = { id: "admin-lookalike", email: E2E.admin.email, name: "Not The Admin" };
// Outside OIDC_ALLOWED_DOMAINS (acme.test; the admin's e2e.test account exists already, so it isn't a sign-up).
const outsider: OidcAccount = {
  id: "outsider",
  email: `out-${Date.now().toString(36)}@elsewhere.test`,
  name: "Out Sider",
};

let provider: OidcProvider;
let app: AppServer;
let appUrl: string;
let dataDir: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const port = await freePort();
  // The browser must reach the console at the URL its callback is registered under, so that the sign-in
  // state cookie set before leaving comes back with the provider's redirect.
  appUrl = `http://localhost:${port}`;
  provider = await startOidcProvider({
    redirectUris: [`${appUrl}/api/auth/callback/oidc`],
    accounts: [person, lookalike, outsider],
  });
  dataDir = makeTempDir("sso");
  app = await startAppServer({
    databaseFile: path.join(dataDir, "sso.db"),
    port,
    env: {
      APP_URL: appUrl,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_PROVIDER_NAME: PROVIDER_NAME,
      OIDC_DEFAULT_ROLE: "operator",
      OIDC_ALLOWED_DOMAINS: "acme.test",
    },
  });
});

test.afterAll(async () => {
  await app?.stop();
  await provider?.stop();
  if (dataDir) removeTempDir(dataDir);
});

/** A browser with no cookies, for the console nor the provider: every sign-in starts from scratch. */
async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: appUrl, storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

/** From the console's sign-in page, through the provider's login form, back to the console. */
async function signInThroughProvider(page: Page, account: OidcAccount = person) {
  await page.goto("/login");
  await page.getByRole("button", { name: `Sign in with ${PROVIDER_NAME}` }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(account.id);
  await page.locator('input[name="password"]').fill("any password the dev login accepts");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForURL((url) => url.origin === appUrl);
}

async function signedInAdmin(browser: Browser): Promise<Page> {
  const page = await freshPage(browser);
  const response = await page.request.post("/api/auth/sign-in/email", {
    data: { email: E2E.admin.email, password: E2E.admin.password },
    headers: { origin: appUrl },
  });
  expect(response.status()).toBe(200);
  return page;
}

test("without OIDC variables the sign-in page offers no single sign-on", async ({ browser }) => {
  const context = await browser.newContext({
    baseURL: E2E.appUrl,
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /Sign in with/ })).toHaveCount(0);
  await context.close();
});

test("a first sign-in through the provider creates the account with OIDC_DEFAULT_ROLE", async ({
  browser,
}) => {
  const page = await freshPage(browser);
  await page.goto("/login");
  await expect(page.getByRole("button", { name: `Sign in with ${PROVIDER_NAME}` })).toBeVisible();
  // The page knows the button's label, never the client's credentials.
  expect(await page.content()).not.toContain(provider.clientSecret);

  await signInThroughProvider(page);
  await expect(page).toHaveURL(`${appUrl}/`);
  await expect(page.getByText(`${person.email} · operator`)).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "History" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeVisible();
  await page.context().close();

  // The provider's access token is kept sealed (the provider issues base64url tokens; sealed ones are long
  // hex). The ID token, a signed statement of who signed in, is stored as it came.
  const [tokens] = await query<{ idToken: string | null; accessToken: string | null }>(
    path.join(dataDir, "sso.db"),
    `select "idToken", "accessToken" from account where "providerId" = 'oidc'`,
  );
  expect(tokens?.idToken).toBeTruthy();
  expect(tokens?.accessToken).toBeTruthy();
  expect(tokens?.accessToken).toMatch(/^[0-9a-f]{80,}$/);
});

test("the returning person keeps the same account, and `next` is honoured", async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto("/login?next=%2Fhistory");
  await page.getByRole("button", { name: `Sign in with ${PROVIDER_NAME}` }).click();
  await page.locator('input[name="login"]').fill(person.id);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page).toHaveURL(`${appUrl}/history`);
  await expect(page.getByRole("heading", { level: 1, name: "History" })).toBeVisible();

  const admin = await signedInAdmin(browser);
  const users = (await (await admin.request.get("/api/users")).json()) as { users: { email: string }[] };
  expect(users.users.filter((user) => user.email === person.email)).toHaveLength(1);
  await admin.context().close();
  await page.context().close();
});

test("the admin sees the SSO user with that role, and after deactivating it SSO no longer gets in", async ({
  browser,
}) => {
  const personPage = await freshPage(browser);
  await signInThroughProvider(personPage);
  await expect(personPage.getByText(`${person.email} · operator`)).toBeVisible();

  const admin = await signedInAdmin(browser);
  await admin.goto("/users");
  const row = admin.getByRole("row").filter({ hasText: person.email });
  await expect(row).toContainText(person.name);
  await expect(row.getByLabel(`Role of ${person.email}`)).toHaveValue("operator");
  await expect(row).toContainText("Active");
  const audit = (await (await admin.request.get("/api/audit")).json()) as {
    entries: { action: string; target: string; actor: string }[];
  };
  expect(audit.entries.filter((entry) => entry.target === person.email)).toEqual([
    expect.objectContaining({ action: "user.created", actor: `${PROVIDER_NAME} (single sign-on)` }),
  ]);

  const listed = (await (await admin.request.get("/api/users")).json()) as {
    users: { id: string; email: string }[];
  };
  const id = listed.users.find((user) => user.email === person.email)?.id;
  expect(id).toBeTruthy();
  const deactivated = await admin.request.patch(`/api/users/${id}`, {
    data: { active: false },
    headers: { origin: appUrl },
  });
  expect(deactivated.status()).toBe(200);
  expect((await deactivated.json()).user.active).toBe(false);

  // The open session ends with the deactivation...
  await personPage.goto("/history");
  await expect(personPage).toHaveURL(/\/login/);
  await personPage.context().close();

  // ...and signing in through the provider again is refused, with the reason on the sign-in page.
  const again = await freshPage(browser);
  await signInThroughProvider(again);
  await expect(again).toHaveURL(/\/login\?/);
  await expect(
    again.getByText("This account is deactivated. Ask an admin to reactivate it."),
  ).toHaveAttribute("role", "alert");
  await again.goto("/history");
  await expect(again).toHaveURL(/\/login/);
  const session = await again.request.get("/api/auth/get-session");
  expect(await session.json()).toBeNull();
  await again.context().close();
  await admin.context().close();
});

test("a provider account is not linked to an existing password account with the same email", async ({
  browser,
}) => {
  const page = await freshPage(browser);
  await signInThroughProvider(page, lookalike);
  await expect(page).toHaveURL(/\/login\?/);
  await expect(
    page.getByText(`An account with your email already exists but isn't linked to ${PROVIDER_NAME}.`, {
      exact: false,
    }),
  ).toHaveAttribute("role", "alert");
  expect(await (await page.request.get("/api/auth/get-session")).json()).toBeNull();
  await page.context().close();

  const admin = await signedInAdmin(browser);
  const users = (await (await admin.request.get("/api/users")).json()) as {
    users: { email: string; role: string; name: string }[];
  };
  expect(users.users.filter((user) => user.email === E2E.admin.email)).toEqual([
    expect.objectContaining({ role: "admin", name: "Admin" }),
  ]);
  await admin.context().close();
});

test("an email outside OIDC_ALLOWED_DOMAINS gets no account", async ({ browser }) => {
  const page = await freshPage(browser);
  await signInThroughProvider(page, outsider);
  await expect(page).toHaveURL(/\/login\?/);
  await expect(
    page.getByText(`Your ${PROVIDER_NAME} email address is not in a domain allowed to sign in here.`, {
      exact: false,
    }),
  ).toHaveAttribute("role", "alert");
  expect(await (await page.request.get("/api/auth/get-session")).json()).toBeNull();
  await page.context().close();

  const admin = await signedInAdmin(browser);
  const users = (await (await admin.request.get("/api/users")).json()) as { users: { email: string }[] };
  expect(users.users.filter((user) => user.email === outsider.email)).toEqual([]);
  await admin.context().close();
});

test("before the first admin exists, single sign-on creates no account and the set-up link still works", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const early = await startOidcProvider({
    redirectUris: [`${url}/api/auth/callback/oidc`],
    accounts: [person],
  });
  const dir = makeTempDir("sso-first");
  const server = await startAppServer({
    databaseFile: path.join(dir, "db.sqlite"),
    port,
    env: {
      APP_URL: url,
      ADMIN_EMAIL: "",
      ADMIN_PASSWORD: "",
      OIDC_ISSUER: early.issuer,
      OIDC_CLIENT_ID: early.clientId,
      OIDC_CLIENT_SECRET: early.clientSecret,
      OIDC_PROVIDER_NAME: PROVIDER_NAME,
    },
  });
  try {
    const context = await browser.newContext({ baseURL: url, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.getByText("Single sign-on opens once the first admin is set up.")).toBeVisible();
    await expect(page.getByRole("button", { name: `Sign in with ${PROVIDER_NAME}` })).toHaveCount(0);

    // Starting it anyway, by hand, ends back on the sign-in page without an account.
    const started = await page.request.post("/api/auth/sign-in/social", {
      data: { provider: "oidc", callbackURL: "/", errorCallbackURL: "/login", disableRedirect: true },
      headers: { origin: url },
    });
    const { url: authorize } = (await started.json()) as { url: string };
    await page.goto(authorize);
    await page.locator('input[name="login"]').fill(person.id);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.waitForURL((at) => at.origin === url);
    await expect(page).toHaveURL(/\/login\?/);
    await expect(page.getByText("Single sign-on opens once the first admin is set up.")).toHaveAttribute(
      "role",
      "alert",
    );
    expect(await (await page.request.get("/api/auth/get-session")).json()).toBeNull();

    const link = /(http\S+\/setup\?token=[\w-]+)/.exec(server.output())?.[1];
    const token = new URL(link ?? "http://x").searchParams.get("token") ?? "";
    const setup = await page.request.post("/api/setup", {
      data: { token, name: "First Admin", email: "first@e2e.test", password: "first-admin-password" },
      headers: { origin: url },
    });
    expect(setup.status()).toBeLessThan(300);
    await page.goto("/login");
    await expect(page.getByRole("button", { name: `Sign in with ${PROVIDER_NAME}` })).toBeVisible();
    await context.close();
  } finally {
    await server.stop();
    await early.stop();
    removeTempDir(dir);
  }
});

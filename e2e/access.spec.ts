import fs from "node:fs";
import path from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { addEnvironmentInSettings } from "./support/environments";
import { IdentifyPage } from "./support/identify-page";
import { databaseContents } from "./support/database";
import { builtRoutes, fillRoute, filesUnder, findKey } from "./support/key-search";
import { sandbox } from "./support/sandbox-control";
import { E2E } from "./support/settings";
import { sendBody } from "./support/identify-api";
import { createStaff, signedInContext } from "./support/staff";

const identifyBody = sendBody({ userId: "access_user", properties: [], companyId: "", companyProperties: [] });

test.beforeEach(async () => {
  await sandbox.reset();
});

test("a viewer reads the history, sees no Send button, and a direct POST gets 403", async ({ browser, request }) => {
  const viewer = await createStaff(request, "viewer");
  const context = await signedInContext(browser, viewer);
  const page = await context.newPage();

  await page.goto("/history");
  await expect(page.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Environments" })).toHaveCount(0);

  await page.goto("/");
  await expect(page.getByText("can read the history but not send")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send", exact: true })).toHaveCount(0);

  const response = await context.request.post("/api/identify", { data: identifyBody });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("forbidden");
  expect(await sandbox.requests()).toHaveLength(0);

  await page.goto("/settings");
  await expect(page).toHaveURL(/\/denied/);
  await context.close();
});

test("an operator sends, and is recorded as the sender", async ({ browser, request }) => {
  const operator = await createStaff(request, "operator");
  const context = await signedInContext(browser, operator);
  const page = await context.newPage();
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill("access_operator_user");
  await form.send();
  await expect(form.outcome()).toContainText("202 Accepted");
  await page.goto("/history?user=access_operator_user");
  await expect(page.getByRole("row").filter({ hasText: "access_operator_user" })).toContainText(operator.email);
  await context.close();
});

test("an admin adds an environment: the key is write-only, encrypted, and used for sends after a production confirmation", async ({ page, request }) => {
  const key = `staging-key-${Date.now().toString(36)}-wxyz`;
  const name = `Staging ${Date.now().toString(36)}`;
  await addEnvironmentInSettings(page, { name, baseUrl: E2E.sandboxUrl, key });
  await expect(page.getByTestId(`key-${name}`)).toHaveText("••••wxyz");
  expect(await page.content()).not.toContain(key);

  const listed = await request.get("/api/environments");
  expect(await listed.text()).not.toContain(key);

  await page.getByRole("button", { name: `Test connection of ${name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "hint, not a guarantee" })).toBeVisible();

  const validate = await sandbox.requests();
  expect(validate.map((r) => [r.path, r.headers["authorization"]])).toEqual([["/v1/validate", `Token ${key}`]]);

  await sandbox.reset();
  await sandbox.acceptKey(key);
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("Environment").selectOption({ label: `${name} · Custom (production)` });
  await expect(page.getByTestId("environment-badge")).toHaveText(new RegExp(name));
  await page.getByLabel("User ID").fill("access_env_user");
  await form.send();
  const dialog = page.getByRole("dialog", { name: `Send to ${name} · Custom?` });
  await expect(dialog).toBeVisible();
  expect(await sandbox.requests()).toHaveLength(0);
  await dialog.getByRole("button", { name: `Send to ${name}` }).click();
  await expect(form.outcome()).toContainText("202 Accepted");
  const requests = await sandbox.requests();
  expect(requests.map((r) => r.headers["authorization"])).toEqual([`Token ${key}`]);

  // The key exists only as ciphertext: not in the database (SQLite: its files, -wal and -shm included), the audit log, any
  // page or any client bundle, in any of its encodings.
  const files = await databaseContents(E2E.databaseFile);
  expect(files.length).toBeGreaterThan(0);
  expect(findKey(key, files)).toEqual([]);
  expect(Buffer.concat(files.map((file) => file.content)).includes(Buffer.from(name))).toBe(true);
  await page.goto("/audit");
  await expect(page.getByRole("row").filter({ hasText: name }).first()).toContainText("Added environment");
  expect(await page.content()).not.toContain(key);
  const bundles = filesUnder(path.resolve(".next/static"));
  expect(bundles.filter((file) => file.endsWith(".js")).length).toBeGreaterThan(3);
  expect(findKey(key, bundles.map((file) => ({ where: file, content: fs.readFileSync(file) })))).toEqual([]);
});

test("every /api route answers 401 without a session", async () => {
  const anonymous = await playwrightRequest.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] } });
  const apiRoot = path.resolve("app/api");
  const routes = (fs.readdirSync(apiRoot, { recursive: true, encoding: "utf8" }) as string[])
    .filter((file) => file.endsWith("route.ts"))
    .map((file) => path.dirname(file).split(path.sep).join("/"))
    // Public by design: health checks, the sign-in endpoints, the first-admin set-up, and the sandbox (key auth).
    .filter((route) => !/^(health|auth\/|setup|sandbox\/)/.test(route));
  expect(routes.length).toBeGreaterThanOrEqual(10);

  for (const route of routes) {
    const url = `/api/${route.replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000")}`;
    const source = fs.readFileSync(path.join(apiRoot, route, "route.ts"), "utf8");
    const methods = ["GET", "POST", "PATCH", "DELETE"].filter((method) => new RegExp(`export const ${method}\\b`).test(source));
    expect(methods.length, route).toBeGreaterThan(0);
    for (const method of methods) {
      const response = await anonymous.fetch(url, { method, data: method === "GET" ? undefined : {} });
      expect(response.status(), `${method} ${url}`).toBe(401);
      expect((await response.json()).error.code, `${method} ${url}`).toBe("unauthenticated");
    }
  }
  await anonymous.dispose();
});

test("a page without a session goes to the sign-in page and comes back after it", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/history?user=someone");
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel("Email").fill(E2E.admin.email);
  await page.getByLabel("Password").fill("wrong-password-123");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is wrong.")).toHaveAttribute("role", "alert");
  await page.getByLabel("Password").fill(E2E.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/history/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/history");
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

test("a cross-origin POST is rejected before anything is sent", async ({ request }) => {
  const response = await request.post("/api/identify", { data: identifyBody, headers: { Origin: "https://evil.example" } });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("cross_site");
  const sameOrigin = await request.post("/api/identify", { data: identifyBody, headers: { Origin: E2E.appUrl } });
  expect(sameOrigin.status()).toBe(200);
  expect(await sandbox.requests()).toHaveLength(1);
});

test("every page and API route carries the security headers", async ({ request }) => {
  const routes = builtRoutes();
  const urls = [...routes.pages, ...routes.api, "/no-such-page", "/api/no-such-route"].map((route) =>
    fillRoute(route, { id: "00000000-0000-4000-8000-000000000000", userId: "u", path: "v1/validate" }),
  );
  expect(urls.length).toBeGreaterThan(20);
  for (const url of urls) {
    const headers = (await request.get(url, { maxRedirects: 0 })).headers();
    expect(headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], url).not.toContain("unsafe-eval");
    expect(headers["x-content-type-options"], url).toBe("nosniff");
    expect(headers["referrer-policy"], url).toBe("same-origin");
    expect(headers["x-frame-options"], url).toBe("DENY");
  }
  const cookies = (await request.storageState()).cookies;
  const session = cookies.find((cookie) => cookie.name.includes("session_token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});

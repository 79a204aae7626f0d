import type http from "node:http";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { makeTempDir, removeTempDir, signIn, startAppServer, type AppServer } from "./support/app-server";
import { query } from "./support/database";
import { addEnvironmentInSettings } from "./support/environments";
import { expect, test } from "./support/fixtures";
import { bareForm, historyDetail, runPrefix, sendBody } from "./support/identify-api";
import { listenLocally, type LocalServer } from "./support/local-server";
import { sandbox } from "./support/sandbox-control";
import { E2E } from "./support/settings";

// A stored key goes only where it was entered for: not to a URL changed without it, not to a URL changed in
// the database, not after a redirect; and a key that no longer opens stops sends with a 409 in words.

const KEY_UNREADABLE =
  "This environment's key can't be read with the current APP_SECRET: enter it again in Settings > Environments";

type Listener = LocalServer & { hits: { method: string; path: string; authorization?: string }[] };

/** A local HTTP server that records every request it gets and answers with `answer`. */
async function startListener(answer: (res: http.ServerResponse) => void = (res) => res.writeHead(200).end("{}")): Promise<Listener> {
  const hits: Listener["hits"] = [];
  const server = await listenLocally((req, res) => {
    hits.push({ method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization });
    req.resume();
    answer(res);
  });
  return { ...server, hits };
}

async function addEnvironment(request: APIRequestContext, name: string, baseUrl: string, apiKey: string, origin = "") {
  const response = await request.post(`${origin}/api/environments`, {
    data: { name, region: "custom", baseUrl, apiKey, isProduction: false },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { environment: { id: string } }).environment.id;
}

test.beforeEach(async () => {
  await sandbox.reset();
});

test("a changed base URL needs the key again: refused next to the key field, nothing sent there, both URLs audited", async ({ page }) => {
  const listener = await startListener();
  const name = `Moved ${Date.now().toString(36)}`;
  const key = `moved-key-${Date.now().toString(36)}-k9q2`;
  try {
    await addEnvironmentInSettings(page, { name, baseUrl: E2E.sandboxUrl, key });

    await page.getByRole("button", { name: `Edit ${name}` }).click();
    const edit = page.getByRole("form", { name: "Edit environment" });
    await edit.getByLabel("Base URL").fill(listener.url);
    await edit.getByRole("button", { name: "Save environment" }).click();
    const keyField = edit.getByLabel("API key");
    await expect(keyField).toHaveAttribute("aria-invalid", "true");
    await expect(edit.getByText("Enter the API key again: a changed region or base URL needs the key")).toBeVisible();

    await page.getByRole("button", { name: `Test connection of ${name}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "hint, not a guarantee" })).toBeVisible();
    expect(listener.hits).toEqual([]);
    expect((await sandbox.requests()).map((r) => r.path)).toEqual(["/v1/validate"]);

    // Entered again, the key may go to the new URL, and the audit log says from where to where.
    await keyField.fill(key);
    await edit.getByRole("button", { name: "Save environment" }).click();
    await expect(edit).toHaveCount(0);
    await page.goto("/audit");
    const entry = page.getByRole("row").filter({ hasText: name }).filter({ hasText: "Changed environment" });
    await expect(entry).toContainText(`fromUrl: ${E2E.sandboxUrl}`);
    await expect(entry).toContainText(`toUrl: ${listener.url}`);
  } finally {
    await listener.close();
  }
});

test("a key with a line break or a space is refused at creation, in words next to the key field", async ({ page, request }) => {
  const name = `Broken key ${Date.now().toString(36)}`;
  const response = await request.post("/api/environments", {
    data: { name, region: "custom", baseUrl: E2E.sandboxUrl, apiKey: "first-half\nsecond-half", isProduction: false },
  });
  expect(response.status()).toBe(400);
  const body = (await response.json()) as { error: { fields: { path: string; message: string }[] } };
  expect(body.error.fields).toEqual([
    { path: "apiKey", message: "The API key can only contain printable characters without spaces or line breaks" },
  ]);

  // A browser drops line breaks from a one-line field; a space or a tab pasted with the key stays.
  await page.goto("/settings");
  const add = page.getByRole("form", { name: "Add an environment" });
  await add.getByLabel("Name", { exact: true }).fill(name);
  await add.getByLabel("Region").selectOption("custom");
  await add.getByLabel("Base URL").fill(E2E.sandboxUrl);
  await add.getByLabel("API key").fill("first-half second-half");
  await add.getByRole("button", { name: "Add environment" }).click();
  await expect(add.getByLabel("API key")).toHaveAttribute("aria-invalid", "true");
  await expect(add.getByText("The API key can only contain printable characters without spaces or line breaks")).toBeVisible();
  await expect(page.getByTestId(`key-${name}`)).toHaveCount(0);
});

test("a plain http custom URL outside UPSTREAM_ALLOWED_HOSTS is refused on the base URL field", async ({ request }) => {
  const response = await request.post("/api/environments", {
    data: { name: `Plain ${Date.now().toString(36)}`, region: "custom", baseUrl: "http://10.0.0.7:8080", apiKey: "some-key-1234", isProduction: false },
  });
  expect(response.status()).toBe(400);
  const body = (await response.json()) as { error: { fields: { path: string; message: string }[] } };
  expect(body.error.fields).toEqual([
    { path: "baseUrl", message: "Use an https:// URL: plain http:// is allowed only for hosts listed in UPSTREAM_ALLOWED_HOSTS" },
  ]);
});

test("an upstream answering 303 is recorded as a redirect, not followed, not retried", async ({ page, request }) => {
  const target = await startListener((res) => res.writeHead(200, { "content-type": "application/json" }).end('{"internal":"data"}'));
  const redirector = await startListener((res) => res.writeHead(303, { location: `${target.url}/internal` }).end("see other"));
  const userId = runPrefix("redirect");
  try {
    const id = await addEnvironment(request, `Redirecting ${Date.now().toString(36)}`, redirector.url, "redirect-key-1234");
    await page.goto("/");
    await page.getByLabel("Environment").selectOption(id);
    await page.getByLabel("User ID").fill(userId);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const outcome = page.getByRole("region", { name: "Outcome" });
    await expect(outcome).toContainText("303 Redirect");
    await expect(outcome).toContainText("Userpilot answered a redirect; check the environment's URL");
    await expect(outcome).toContainText("1 attempt");

    await outcome.getByRole("link", { name: "View this request in the history" }).click();
    await expect(page.getByText("303 Redirect").first()).toBeVisible();
    await expect(page.getByText("Userpilot answered a redirect; check the environment's URL")).toBeVisible();
    await expect(page.getByText("internal")).toHaveCount(0);

    expect(redirector.hits.map((hit) => hit.path)).toEqual(["/v1/identify"]);
    expect(target.hits).toEqual([]);
  } finally {
    await redirector.close();
    await target.close();
  }
});

test.describe("keys that no longer open", () => {
  test.setTimeout(150_000);
  let dir: string;
  let server: AppServer | undefined;

  test.beforeEach(() => {
    dir = makeTempDir("stored-keys");
  });
  test.afterEach(async () => {
    await server?.stop();
    removeTempDir(dir);
  });

  async function restart(databaseFile: string, secret?: string) {
    await server?.stop();
    server = await startAppServer({ databaseFile, ...(secret ? { env: { APP_SECRET: secret } } : {}) });
    return server;
  }

  async function signedIn(page: Page, app: AppServer) {
    await page.context().clearCookies();
    await signIn(page.request, app);
  }

  test("a row moved to another URL in the database, or another APP_SECRET: 409 in words, nothing sent, a warning at start", async ({ page }) => {
    const listener = await startListener();
    const databaseFile = path.join(dir, "identify-console.db");
    try {
      let app = await restart(databaseFile);
      await signedIn(page, app);
      const stayed = await addEnvironment(page.request, "Stayed", E2E.sandboxUrl, E2E.apiKey, app.url);
      const moved = await addEnvironment(page.request, "Moved in the database", E2E.sandboxUrl, E2E.apiKey, app.url);
      const sent = await page.request.post(`${app.url}/api/identify`, { data: sendBody(bareForm(runPrefix("stayed")), { environmentId: stayed }) });
      expect(sent.status()).toBe(200);
      const historyId = ((await sent.json()) as { outcome: { historyId: string; status: string } }).outcome.historyId;
      await app.stop();

      await query(databaseFile, "UPDATE environments SET base_url = ? WHERE id = ?", [listener.url, moved]);

      // Same APP_SECRET: only the moved row's key stops opening.
      app = await restart(databaseFile);
      expect(app.output()).toContain(`Warning: the stored API key of "Moved in the database" can't be read`);
      expect(app.output()).not.toContain(`"Stayed"`);
      await signedIn(page, app);
      await sandbox.reset();
      const toMoved = await page.request.post(`${app.url}/api/identify`, { data: sendBody(bareForm(runPrefix("moved")), { environmentId: moved }) });
      expect(toMoved.status()).toBe(409);
      expect(await toMoved.json()).toEqual({ error: { code: "key_unreadable", message: KEY_UNREADABLE } });
      const testMoved = await page.request.post(`${app.url}/api/environments/${moved}/test`);
      expect(testMoved.status()).toBe(409);
      expect(listener.hits).toEqual([]);
      expect(await sandbox.requests()).toEqual([]);
      const toStayed = await page.request.post(`${app.url}/api/identify`, { data: sendBody(bareForm(runPrefix("stayed")), { environmentId: stayed }) });
      expect(toStayed.status()).toBe(200);

      // Another APP_SECRET: no stored key opens any more.
      app = await restart(databaseFile, "another-e2e-app-secret-abcdefghijklmnopqrstuv");
      expect(app.output()).toMatch(/Warning: the stored API key of "Moved in the database", "Stayed" can't be read/);
      await signedIn(page, app);
      await sandbox.reset();

      await page.goto(`${app.url}/settings`);
      await expect(page.getByTestId("key-Stayed")).toContainText("Key unreadable: enter it again");
      await page.getByRole("button", { name: "Test connection of Stayed" }).click();
      await expect(page.getByRole("status").filter({ hasText: KEY_UNREADABLE })).toBeVisible();

      await page.goto(`${app.url}/`);
      await page.getByLabel("Environment").selectOption(stayed);
      const userId = runPrefix("unreadable");
      await page.getByLabel("User ID").fill(userId);
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await expect(page.getByRole("region", { name: "Outcome" })).toContainText(KEY_UNREADABLE);

      await page.goto(`${app.url}/history/${historyId}`);
      await page.getByRole("button", { name: "Resend" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Resend" }).click();
      await expect(page.getByText(KEY_UNREADABLE)).toBeVisible();

      const resend = await page.request.post(`${app.url}/api/history/${historyId}/resend`);
      expect(resend.status()).toBe(409);
      expect(((await resend.json()) as { error: { code: string } }).error.code).toBe("key_unreadable");

      // Nothing reached an upstream, and no history row was left for the refused sends.
      expect(await sandbox.requests()).toEqual([]);
      expect(listener.hits).toEqual([]);
      const rows = await page.request.get(`${app.url}/api/history?user=${userId}`);
      expect(((await rows.json()) as { rows: unknown[] }).rows).toEqual([]);
      expect((await historyDetail(page.request, historyId, app.url)).status).toBe("202");
    } finally {
      await listener.close();
    }
  });
});

import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { makeTempDir, removeTempDir, signIn, startAppServer, type AppServer } from "./support/app-server";
import { runPrefix, sendBody } from "./support/identify-api";
import { E2E } from "./support/settings";

// The built-in sandbox (no USERPILOT_API_URL, no SANDBOX_API_KEY): its key is generated into the data
// folder, its lookups need a session, and an outsider can neither read, write nor spend its rate limit.
test.describe.serial("the built-in sandbox, seen from outside", () => {
  const RATE_LIMIT = 5;
  let dir: string;
  let server: AppServer;
  let admin: APIRequestContext;
  let outsider: APIRequestContext;
  const answers: string[] = [];
  let sends = 0;
  const userId = runPrefix("exposed");
  const email = `${userId}@private.example`;

  async function kept(response: APIResponse): Promise<APIResponse> {
    answers.push(JSON.stringify(response.headers()), await response.text());
    return response;
  }

  async function send(form: object): Promise<{ status: string; httpStatus: number | null }> {
    const response = await kept(await admin.post(`${server.url}/api/identify`, { data: sendBody(form), headers: { origin: server.url } }));
    expect(response.status(), await response.text()).toBe(200);
    sends += 1;
    return (await response.json()).outcome as { status: string; httpStatus: number | null };
  }

  test.beforeAll(async ({ playwright }) => {
    dir = makeTempDir("sandbox-exposure");
    server = await startAppServer({
      databaseFile: path.join(dir, "db.sqlite"),
      env: {
        USERPILOT_API_URL: "",
        USERPILOT_API_KEY: "",
        SANDBOX_API_KEY: "",
        SANDBOX_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
        // A 429 would be retried after its Retry-After (up to a minute): the outcome must show it at once.
        USERPILOT_MAX_RETRIES: "0",
      },
    });
    const blank = { storageState: { cookies: [], origins: [] } };
    admin = await playwright.request.newContext(blank);
    await signIn(admin, server);
    outsider = await playwright.request.newContext(blank);
  });

  test.afterAll(async () => {
    await admin?.dispose();
    await outsider?.dispose();
    await server?.stop();
    removeTempDir(dir);
  });

  test("a signed-in send with an email is accepted by the built-in sandbox", async () => {
    const outcome = await send({
      userId,
      properties: [{ name: "email", type: "string", value: email }],
      companyId: `${userId}_co`,
      companyProperties: [],
    });
    expect(outcome.httpStatus).toBe(202);
  });

  test("without a session the lookups answer 401 and show nothing", async () => {
    const user = await kept(await outsider.get(`${server.url}/api/sandbox/_sandbox/users/${userId}`));
    expect(user.status()).toBe(401);
    expect(await user.text()).not.toContain(email);
    const company = await kept(await outsider.get(`${server.url}/api/sandbox/_sandbox/companies/${userId}_co`));
    expect(company.status()).toBe(401);
    expect(await company.text()).not.toContain(userId);
    // A signed-in staff member may look.
    const mine = await kept(await admin.get(`${server.url}/api/sandbox/_sandbox/users/${userId}`));
    expect(mine.status()).toBe(200);
    expect(await mine.text()).toContain(email);
  });

  test("the public default key writes nothing, and /__control is not served", async () => {
    const write = await kept(
      await outsider.post(`${server.url}/api/sandbox/v1/identify`, {
        headers: { authorization: "Token sandbox" },
        data: { user_id: `${userId}_intruder`, metadata: { plan: "free" } },
      }),
    );
    expect(write.status()).toBe(401);
    const looked = await kept(await admin.get(`${server.url}/api/sandbox/_sandbox/users/${userId}_intruder`));
    expect(looked.status()).toBe(404);
    for (const control of ["/api/sandbox/__control/requests", "/api/sandbox/__control/reset"]) {
      expect((await kept(await outsider.get(`${server.url}${control}`))).status()).toBe(404);
      expect((await kept(await admin.post(`${server.url}${control}`, { headers: { origin: server.url } }))).status()).toBe(404);
    }
  });

  test("requests with a wrong key do not spend the console's rate limit", async () => {
    for (let i = 0; i < RATE_LIMIT * 4; i++) {
      const attempt = await outsider.post(`${server.url}/api/sandbox/v1/identify`, {
        headers: { authorization: "Token sandbox" },
        data: { user_id: `${userId}_flood` },
      });
      expect(attempt.status()).toBe(401);
    }
    // One send above; the rest of the minute's budget is still the console's own.
    for (let i = 0; i < RATE_LIMIT - 1; i++) {
      const outcome = await send({ userId, properties: [], companyId: "", companyProperties: [] });
      expect(outcome.httpStatus).toBe(202);
    }
  });

  test("the built-in sandbox's own limit: the send over it shows 429 in the form, safe to send again", async ({
    browser,
  }) => {
    // The minute's budget (RATE_LIMIT) is spent by the sends above; this one is the sandbox's 429.
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await signIn(context.request, server);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel("User ID").fill(`${userId}_limited`);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const outcome = page.getByRole("status").filter({ hasText: "429 Too many requests" });
    await expect(outcome).toBeVisible();
    await expect(outcome).toContainText("Sending again is safe");
    await context.close();
  });

  test("the signed-in /sandbox page shows the profile, read on the server", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await signIn(context.request, server);
    const page = await context.newPage();
    page.on("response", (response) => {
      void response.text().then(
        (text) => answers.push(text),
        () => undefined,
      );
    });
    await page.goto(`${server.url}/sandbox?user=${userId}`);
    await expect(page.getByRole("row", { name: /email/ })).toContainText(email);
    await expect(page.getByTestId("environment-badge")).toHaveText(/Sandbox/);
    await context.close();
  });

  test("its key (SQLite: generated owner-only into the data folder; PostgreSQL: derived from APP_SECRET) never appears in an answer or the log", async () => {
    const file = path.join(dir, "sandbox-api-key");
    let key: string;
    if (E2E.postgres) {
      // Every server on the database derives the same key, so none is written to a folder.
      expect(fs.existsSync(file)).toBe(false);
      key = createHmac("sha256", E2E.appEnv.APP_SECRET).update("identify-console sandbox api key").digest("base64url");
      // The derived key is the one the sandbox takes (a wrong key is 401; this minute's budget may be spent).
      const write = await fetch(`${server.url}/api/sandbox/v1/identify`, {
        method: "POST",
        headers: { authorization: `Token ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ user_id: `${userId}_derived` }),
      });
      expect([202, 429]).toContain(write.status);
    } else {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      key = fs.readFileSync(file, "utf8").trim();
      expect(server.output()).toContain(`generated its API key in ${file}`);
    }
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(server.output()).not.toContain(key);
    expect(answers.length).toBeGreaterThan(10);
    for (const answer of answers) expect(answer).not.toContain(key);
    const history = await kept(await admin.get(`${server.url}/api/history?user=${userId}`));
    expect(await history.text()).not.toContain(key);
  });

  test("erasure deletes the sandbox profile too, and the audit keeps only a hash of the id", async ({ browser }) => {
    const review = await admin.get(`${server.url}/api/history/users/${userId}`);
    expect(await review.json()).toMatchObject({ count: sends, sandboxProfile: true });
    const erased = await admin.delete(`${server.url}/api/history/users/${userId}`, { headers: { origin: server.url } });
    expect(await erased.json()).toMatchObject({ deleted: sends, sandboxProfileDeleted: true });

    const audit = await (await admin.get(`${server.url}/api/audit`)).text();
    expect(audit).not.toContain(userId);
    const entry = (JSON.parse(audit) as { entries: { action: string; target: string }[] }).entries.find(
      (row) => row.action === "history.user_erased",
    );
    expect(entry?.target).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect((await admin.get(`${server.url}/api/sandbox/_sandbox/users/${userId}`)).status()).toBe(404);

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await signIn(context.request, server);
    const page = await context.newPage();
    await page.goto(`${server.url}/sandbox?user=${userId}`);
    await expect(page.getByRole("status")).toContainText(`The sandbox has no user ${userId}`);
    // Whoever holds the id finds the entry by it; the page says the target is hashed.
    await page.goto(`${server.url}/audit`);
    await page.getByLabel("Erased user ID").fill(userId);
    await page.getByRole("button", { name: "Find erasure" }).click();
    const row = page.getByRole("row", { name: /Erased a user's history/ });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(`user (hashed) ${entry?.target ?? "?"}`);
    await page.getByLabel("Erased user ID").fill(`${userId}_other`);
    await page.getByRole("button", { name: "Find erasure" }).click();
    await expect(page.getByText("No erasure of this user ID is on record.")).toBeVisible();
    await context.close();
  });
});

// SANDBOX=off: nothing of the sandbox is served, even to a signed-in admin.
test.describe.serial("SANDBOX=off", () => {
  let dir: string;
  let server: AppServer;

  test.beforeAll(async () => {
    dir = makeTempDir("sandbox-off");
    server = await startAppServer({
      databaseFile: path.join(dir, "db.sqlite"),
      env: { SANDBOX: "off", USERPILOT_API_KEY: E2E.apiKey, USERPILOT_API_URL: E2E.sandboxUrl },
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    removeTempDir(dir);
  });

  test("every /api/sandbox path is 404, and the /sandbox page says it is off", async ({ playwright, browser }) => {
    const blank = { storageState: { cookies: [], origins: [] } };
    const admin = await playwright.request.newContext(blank);
    await signIn(admin, server);
    const outsider = await playwright.request.newContext(blank);
    const paths = ["v1/identify", "v1/validate", "_sandbox/users/anyone", "_sandbox/companies/acme", "__control/requests", "x"];
    for (const requester of [admin, outsider]) {
      for (const sandboxPath of paths) {
        const url = `${server.url}/api/sandbox/${sandboxPath}`;
        const headers = { authorization: `Token ${E2E.apiKey}`, origin: server.url };
        expect((await requester.get(url, { headers })).status(), `GET ${url}`).toBe(404);
        expect((await requester.post(url, { headers, data: { user_id: "u" } })).status(), `POST ${url}`).toBe(404);
      }
    }
    await admin.dispose();
    await outsider.dispose();

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await signIn(context.request, server);
    const page = await context.newPage();
    await page.goto(`${server.url}/sandbox?user=anyone`);
    await expect(page.getByText("The sandbox is turned off (SANDBOX=off).")).toBeVisible();
    await expect(page.getByTestId("environment-badge")).not.toHaveText(/Sandbox/);
    await context.close();
  });
});

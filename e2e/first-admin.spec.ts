import path from "node:path";
import { expect, test } from "./support/fixtures";
import { makeTempDir, removeTempDir, startAppServer, type AppServer } from "./support/app-server";

// A fresh instance without ADMIN_EMAIL/ADMIN_PASSWORD: only the set-up link from its log can claim it.
test.describe.serial("first admin", () => {
  let dir: string;
  let server: AppServer;

  test.beforeAll(async () => {
    dir = makeTempDir("setup");
    server = await startAppServer({
      databaseFile: path.join(dir, "db.sqlite"),
      env: { ADMIN_EMAIL: "", ADMIN_PASSWORD: "", SIGN_IN_ATTEMPTS_PER_MINUTE: "3" },
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    removeTempDir(dir);
  });

  test("the set-up link from the log creates the first admin once, and never again", async ({ browser }) => {
    const link = /(http\S+\/setup\?token=[\w-]+)/.exec(server.output())?.[1];
    expect(link).toBeDefined();
    const token = new URL(link ?? "").searchParams.get("token") ?? "";
    const context = await browser.newContext({ baseURL: server.url, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();

    await page.goto("/history");
    await expect(page).toHaveURL(/\/login/);

    await page.goto(`/setup?token=${token}x`);
    await page.getByLabel("Name").fill("First Admin");
    await page.getByLabel("Email").fill("first@e2e.test");
    await page.getByLabel("Password").fill("first-admin-password");
    await page.getByRole("button", { name: "Create admin" }).click();
    await expect(page.getByText("invalid or was already used")).toBeVisible();

    await page.goto(`/setup?token=${token}`);
    await page.getByLabel("Name").fill("First Admin");
    await page.getByLabel("Email").fill("first@e2e.test");
    await page.getByLabel("Password").fill("first-admin-password");
    await page.getByRole("button", { name: "Create admin" }).click();
    // Signed in with the password just chosen: straight into the app, not the sign-in page.
    await expect(page).toHaveURL(new URL("/", server.url).href);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toBeVisible();
    await page.context().clearCookies();

    const again = await context.request.post("/api/setup", {
      data: { token, name: "Intruder", email: "intruder@e2e.test", password: "intruder-password" },
    });
    expect(again.status()).toBe(403);
    await page.goto(`/setup?token=${token}`);
    await expect(page).toHaveURL(/\/login/);

    await page.getByLabel("Email").fill("first@e2e.test");
    await page.getByLabel("Password").fill("first-admin-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toBeVisible();
    await page.goto("/users");
    await expect(page.getByRole("row").filter({ hasText: "first@e2e.test" })).toHaveCount(1);
    await expect(page.getByRole("row").filter({ hasText: "intruder@e2e.test" })).toHaveCount(0);
    await context.close();
  });

  test("sign-in attempts are rate limited", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill("first@e2e.test");
    const messages: string[] = [];
    // Three attempts a minute on this server: wrong passwords are refused until the limit, then all are.
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.getByLabel("Password").fill(`not-the-password-${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      const alert = page.getByText(/Email or password is wrong|Too many sign-in attempts/);
      await expect(alert).toBeVisible();
      messages.push((await alert.textContent()) ?? "");
      await page.getByLabel("Password").fill("");
    }
    expect(messages[0]).toBe("Email or password is wrong.");
    expect(messages.at(-1)).toMatch(/^Too many sign-in attempts\. Try again in (1 minute|\d+ seconds)\.$/);
    // Even the right password waits out the limit.
    await page.getByLabel("Password").fill("first-admin-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    await expect(page.getByText("Too many sign-in attempts")).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    await context.close();
  });
});

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
    await expect(page).toHaveURL(/\/login/);

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
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await context.request.post("/api/auth/sign-in/email", {
        data: { email: "first@e2e.test", password: "not-the-password" },
      });
      statuses.push(response.status());
    }
    // Three attempts a minute here (the earlier test spent one): wrong passwords get 401 until the limit.
    expect(statuses[0]).toBe(401);
    const limited = statuses.indexOf(429);
    expect(limited).toBeGreaterThan(0);
    expect(statuses.slice(limited).every((status) => status === 429)).toBe(true);
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill("first@e2e.test");
    await page.getByLabel("Password").fill("first-admin-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Too many sign-in attempts")).toBeVisible();
    await context.close();
  });
});

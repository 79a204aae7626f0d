import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { makeTempDir, removeTempDir, signIn, startAppServer, type AppServer } from "./support/app-server";
import { E2E } from "./support/settings";

/**
 * Account administration keeps the console's own rules: the auth library's admin endpoints aren't served,
 * at least one active admin stays even when two admins demote each other at once, and the Users list pages.
 * A server of its own, so demoting admins can't touch the shared app.
 */

type Listed = { id: string; email: string; role: string; active: boolean };

test.describe.serial("account administration", () => {
  let dir: string;
  let server: AppServer;
  let admin: APIRequestContext;

  test.beforeAll(async ({ playwright }) => {
    dir = makeTempDir("admin-rules");
    server = await startAppServer({
      databaseFile: path.join(dir, "db.sqlite"),
      env: { SIGN_IN_ATTEMPTS_PER_MINUTE: "100" },
    });
    admin = await playwright.request.newContext({ baseURL: server.url });
    await signIn(admin, server);
  });

  test.afterAll(async () => {
    await admin?.dispose();
    await server?.stop();
    removeTempDir(dir);
  });

  async function users(context: APIRequestContext = admin, query = "?limit=200"): Promise<Listed[]> {
    const response = await context.get(`/api/users${query}`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { users: Listed[] }).users;
  }

  async function create(email: string, role: "viewer" | "operator" | "admin") {
    const response = await admin.post("/api/users", {
      data: { name: email, email, password: `${role}-password-123`, role },
    });
    expect(response.status()).toBe(201);
  }

  test("the auth library's admin endpoints are not served, however the path is spelled", async () => {
    await create("target@e2e.test", "viewer");
    const target = (await users()).find((user) => user.email === "target@e2e.test");
    const body = { userId: target?.id, role: "admin", newPassword: "taken-over-password" };
    for (const endpoint of [
      "set-role",
      "impersonate-user",
      "set-user-password",
      "list-users",
      "ban-user",
      "create-user",
      "stop-impersonating",
    ]) {
      expect(
        (
          await admin.post(`/api/auth/admin/${endpoint}`, { data: body, headers: { origin: server.url } })
        ).status(),
        endpoint,
      ).toBe(404);
    }
    expect((await admin.get("/api/auth/admin/list-users")).status()).toBe(404);
    for (const spelling of [
      "/api/auth//admin/set-role",
      "/api/auth/%61dmin/set-role",
      "/api/auth/ADMIN/set-role",
      "/api/auth/admin/set-role/",
    ]) {
      expect(
        (await admin.post(spelling, { data: body, headers: { origin: server.url } })).status(),
        spelling,
      ).not.toBe(200);
    }
    expect((await users()).find((user) => user.email === "target@e2e.test")?.role).toBe("viewer");
  });

  test("the list pages past its first 50, on the API and the Users page, and duplicates are found on any page", async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    for (let index = 0; index < 52; index++)
      await create(`paged-${String(index).padStart(2, "0")}@e2e.test`, "viewer");
    const first = await admin.get("/api/users?offset=0&limit=2");
    expect(await first.json()).toMatchObject({ total: 54, nextOffset: 2 });
    expect((await admin.get("/api/users?limit=0")).status()).toBe(400);

    const duplicate = await admin.post("/api/users", {
      data: { name: "Again", email: "PAGED-51@e2e.test", password: "viewer-password-123", role: "viewer" },
    });
    expect(duplicate.status()).toBe(409);

    const context = await browser.newContext({
      baseURL: server.url,
      storageState: { cookies: [], origins: [] },
    });
    await signIn(context.request, server);
    const page = await context.newPage();
    await page.goto("/users");
    await expect(page.getByText("Showing 50 of 54 accounts")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "paged-51@e2e.test" })).toHaveCount(0);
    await page.getByRole("button", { name: "Load more users" }).click();
    await expect(page.getByRole("row").filter({ hasText: "paged-51@e2e.test" })).toHaveCount(1);
    await expect(page.getByText("Showing 54 of 54 accounts")).toBeVisible();
    await expect(page.getByRole("button", { name: "Load more users" })).toHaveCount(0);
    await context.close();
  });

  test("two admins demoting each other at once leave exactly one admin", async ({ playwright }) => {
    await create("second-admin@e2e.test", "admin");
    const second = await playwright.request.newContext({ baseURL: server.url });
    const signedIn = await second.post("/api/auth/sign-in/email", {
      data: { email: "second-admin@e2e.test", password: "admin-password-123" },
      headers: { origin: server.url },
    });
    expect(signedIn.status()).toBe(200);
    const listed = await users();
    const first = listed.find((user) => user.email === E2E.admin.email);
    const other = listed.find((user) => user.email === "second-admin@e2e.test");

    const [a, b] = await Promise.all([
      admin.patch(`/api/users/${other?.id}`, { data: { role: "viewer" } }),
      second.patch(`/api/users/${first?.id}`, { data: { role: "viewer" } }),
    ]);
    // Exactly one wins. The loser gets 409 when both passed the role check before either committed, or 403
    // when the winner's change landed first (lib/auth/users.test.ts forces the 409 interleaving).
    expect([a, b].filter((response) => response.status() === 200)).toHaveLength(1);
    const refused = a.status() === 200 ? b : a;
    expect([403, 409]).toContain(refused.status());
    expect(await refused.json()).toMatchObject({
      error: {
        message: refused.status() === 409 ? "There must stay at least one active admin" : "Your role (viewer) does not allow this",
      },
    });

    const survivor = a.status() === 200 ? admin : second;
    const admins = (await users(survivor)).filter((user) => user.role === "admin" && user.active);
    expect(admins).toHaveLength(1);
    await second.dispose();
  });
});

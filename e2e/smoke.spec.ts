import { expect, test } from "./support/fixtures";
import { E2E } from "./support/settings";

test("the app opens in Sandbox mode with its navigation", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("environment-badge")).toHaveText(/Sandbox/);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Identify" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
});

test("pages link the console's icon, served from public/", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(href).toBe("/icon.svg");
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});

test("the health endpoint reports the version and the database, its kind and migrations", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const databaseUrl = E2E.appEnv.DATABASE_URL;
  expect(await response.json()).toMatchObject({
    status: "ok",
    database: "ok",
    version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    databaseKind: databaseUrl.startsWith("postgres") ? "postgres" : "sqlite",
    migrations: { state: "current" },
  });
  const text = await response.text();
  for (const part of [databaseUrl, new URL(databaseUrl).pathname]) expect(text).not.toContain(part);
});

test("a path with broken percent-encoding is a 400, not a server error", async ({ request }) => {
  const api = await request.get("/api/history/%E0%A4%A");
  expect(api.status()).toBe(400);
  expect((await api.json()).error.code).toBe("invalid_path");
  const page = await request.get("/history/%FF");
  expect(page.status()).toBe(400);
});

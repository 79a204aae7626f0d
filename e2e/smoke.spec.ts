import { expect, test } from "./support/fixtures";

test("the app opens in Sandbox mode with its navigation", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("environment-badge")).toHaveText(/Sandbox/);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Identify" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
});

test("the health endpoint reports the version and the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "ok", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
});

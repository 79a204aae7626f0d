import { expect, test as setup } from "@playwright/test";
import { E2E } from "./support/settings";

// Signs the first admin (created from ADMIN_EMAIL/ADMIN_PASSWORD at start) in once; specs reuse the session.
setup("sign in as the first admin", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E.admin.email);
  await page.getByLabel("Password").fill(E2E.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.context().storageState({ path: E2E.adminStorageState });
});

import { z } from "zod";
import type { APIRequestContext } from "@playwright/test";
import { addEnvironmentInSettings } from "./support/environments";
import { expect, test } from "./support/fixtures";
import { E2E } from "./support/settings";

// Settings > Environments: removing asks in the console's own dialog (not the browser's), and the row
// actions reach their routes.

const listSchema = z.object({ environments: z.array(z.object({ id: z.string(), name: z.string(), isDefault: z.boolean() })) });

async function environments(request: APIRequestContext) {
  const response = await request.get("/api/environments");
  expect(response.status()).toBe(200);
  return listSchema.parse(await response.json()).environments;
}

test("Remove asks in a dialog: Cancel and Escape keep the environment, Remove environment removes it", async ({ page, request }) => {
  const name = `Removable ${Date.now().toString(36)}`;
  await addEnvironmentInSettings(page, { name, baseUrl: E2E.sandboxUrl, key: `removable-key-${Date.now().toString(36)}-r7x1` });
  // A native confirm() would be accepted here and remove the environment: the test would then fail below.
  page.on("dialog", (dialog) => void dialog.accept());
  const dialog = page.getByRole("dialog", { name: `Remove ${name} and its stored key?` });

  await page.getByRole("button", { name: `Remove ${name}` }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: `Remove ${name}` }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByTestId(`key-${name}`)).toBeVisible();
  expect((await environments(request)).map((entry) => entry.name)).toContain(name);

  await page.getByRole("button", { name: `Remove ${name}` }).click();
  await dialog.getByRole("button", { name: "Remove environment" }).click();
  await expect(page.getByText(`${name} removed`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`key-${name}`)).toHaveCount(0);
  expect((await environments(request)).map((entry) => entry.name)).not.toContain(name);
});

test("Make default moves the default badge, and the list says so", async ({ page, request }) => {
  const name = `Defaultable ${Date.now().toString(36)}`;
  const before = (await environments(request)).find((entry) => entry.isDefault);
  if (!before) throw new Error("No default environment to restore");
  await addEnvironmentInSettings(page, { name, baseUrl: E2E.sandboxUrl, key: `default-key-${Date.now().toString(36)}-d4k8` });
  try {
    const row = page.getByRole("row").filter({ hasText: name });
    await row.getByRole("button", { name: "Make default" }).click();
    await expect(page.getByText(`${name} is now the default`)).toBeVisible();
    await expect(row.getByText("default", { exact: true })).toBeVisible();
    await expect(row.getByRole("button", { name: "Make default" })).toHaveCount(0);
    expect((await environments(request)).find((entry) => entry.isDefault)?.name).toBe(name);
  } finally {
    const restored = await request.post(`/api/environments/${before.id}/default`);
    expect(restored.status()).toBe(200);
  }
});

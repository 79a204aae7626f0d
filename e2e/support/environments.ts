import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Adds a custom-URL environment on the Settings page, as an admin would, and waits for its masked key. */
export async function addEnvironmentInSettings(
  page: Page,
  environment: { name: string; baseUrl: string; key: string },
) {
  await page.goto("/settings");
  const add = page.getByRole("form", { name: "Add an environment" });
  await add.getByLabel("Name", { exact: true }).fill(environment.name);
  await add.getByLabel("Region").selectOption("custom");
  await add.getByLabel("Base URL").fill(environment.baseUrl);
  await add.getByLabel("API key").fill(environment.key);
  await add.getByRole("button", { name: "Add environment" }).click();
  await expect(page.getByTestId(`key-${environment.name}`)).toHaveText(`••••${environment.key.slice(-4)}`);
}

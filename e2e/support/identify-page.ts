import { expect, type Locator, type Page } from "@playwright/test";

type Row = { name: string; type: "String" | "Numeric" | "Date" | "Remove"; value?: string };

/** Drives the Identify form the way a person would, by its accessible names. */
export class IdentifyPage {
  constructor(readonly page: Page) {}

  userProperties(): Locator {
    return this.page.getByRole("group", { name: "User properties" });
  }

  companyProperties(): Locator {
    return this.page.getByRole("group", { name: "Company properties" });
  }

  outcome(): Locator {
    return this.page.getByRole("status").filter({ hasText: /./ }).first();
  }

  async open() {
    await this.page.goto("/");
    await expect(this.page.getByLabel("User ID")).toBeVisible();
  }

  async addRows(group: Locator, rows: Row[]) {
    for (const row of rows) {
      await group.getByRole("button", { name: "Add property" }).click();
      const index = (await group.getByLabel("Property name").count()) - 1;
      await group.getByLabel("Property name").nth(index).fill(row.name);
      await group.getByLabel("Type").nth(index).selectOption({ label: row.type });
      if (row.value !== undefined) {
        // Remove rows have no Value input, so count Value inputs up to this row.
        const values = group.getByRole("listitem").nth(index).getByLabel("Value", { exact: true });
        await values.fill(row.value);
      }
    }
  }

  async send() {
    await this.page.getByRole("button", { name: "Send", exact: true }).click();
  }

  async previewJson(): Promise<unknown> {
    return JSON.parse((await this.page.getByTestId("json-preview").textContent()) ?? "null");
  }
}

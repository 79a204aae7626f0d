import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";
import { expect } from "./fixtures";
import { E2E } from "./settings";

export type Staff = { email: string; password: string; role: "viewer" | "operator" | "admin" };

/** Creates a staff account through the admin API (the `request` fixture is signed in as admin). */
export async function createStaff(adminRequest: APIRequestContext, role: Staff["role"]): Promise<Staff> {
  const staff = { email: `${role}-${Date.now().toString(36)}@e2e.test`, password: `${role}-password-123`, role };
  const response = await adminRequest.post("/api/users", { data: { name: `E2E ${role}`, ...staff } });
  expect(response.status()).toBe(201);
  return staff;
}

/** A fresh browser context signed in through the login page, as a person would. */
export async function signedInContext(browser: Browser, staff: Pick<Staff, "email" | "password">): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.close();
  return context;
}

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { identify, runPrefix } from "./support/identify-api";
import { IdentifyPage } from "./support/identify-page";
import { sandbox } from "./support/sandbox-control";
import { createStaff, signedInContext } from "./support/staff";

// The known profile (as sent from this console): a send through the Identify page shows on the user's page
// with its send; a company page lists its members; the registry counts types; axe finds nothing.

const userId = runPrefix("prof_user");
const companyId = runPrefix("prof_co");

async function expectNoViolations(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
  expect(
    results.violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) })),
    `axe violations on ${state}`,
  ).toEqual([]);
  expect(results.passes.length, `axe checks that passed on ${state}`).toBeGreaterThan(10);
}

const propertyRow = (page: Page, name: string) => page.locator(`tr[data-property="${name}"]`);

test.describe.serial("known profiles", () => {
  test.beforeAll(async () => {
    await sandbox.reset();
  });

  test("a send of plan=pro, seats=5 from the Identify page shows on the user's page with the send", async ({ page }) => {
    const form = new IdentifyPage(page);
    await form.open();
    await page.getByLabel("User ID").fill(userId);
    await form.addRows(form.userProperties(), [
      { name: "plan", type: "String", value: "pro" },
      { name: "seats", type: "Numeric", value: "5" },
    ]);
    await page.getByLabel("Company ID").fill(companyId);
    await form.send();
    await expect(form.outcome()).toContainText("202 Accepted");

    await page.goto(`/users/${userId}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(userId);
    await expect(page.getByText("as sent from this console").first()).toBeVisible();
    await expect(propertyRow(page, "plan")).toContainText("pro");
    await expect(propertyRow(page, "plan")).toContainText("String");
    await expect(propertyRow(page, "seats")).toContainText("5");
    await expect(propertyRow(page, "seats")).toContainText("Numeric");
    await expect(propertyRow(page, "seats")).toContainText("admin");
    const sends = page.getByRole("table", { name: "Sends, newest first" });
    await expect(sends.getByRole("row")).toHaveCount(2);
    await expect(sends).toContainText("202 Accepted");
    await expect(page.getByRole("link", { name: "The sandbox's stored profile of this user" })).toHaveAttribute(
      "href",
      `/sandbox?user=${encodeURIComponent(userId)}`,
    );
    await expectNoViolations(page, "the user page");

    // The value's last change links to the history row of the send, which links back.
    await propertyRow(page, "plan").getByRole("link", { name: "Send that set plan" }).click();
    await expect(page).toHaveURL(/\/history\/[0-9a-f-]{36}$/);
    await page.getByRole("link", { name: "User profile" }).click();
    await expect(page).toHaveURL(new RegExp(`/users/${userId}$`));
  });

  test("a second send merges, removes, and leaves a refused one out; the history list links to the pages", async ({ page, request }) => {
    const merged = await identify(request, {
      userId,
      properties: [
        { name: "plan", type: "string", value: "enterprise" },
        { name: "seats", type: "remove", value: "" },
      ],
      companyId: "",
      companyProperties: [],
    });
    expect(merged.httpStatus).toBe(202);
    await sandbox.respond({ status: 400, body: { message: "refused" } });
    const refused = await identify(request, { userId, properties: [{ name: "plan", type: "string", value: "refused" }], companyId: "", companyProperties: [] });
    expect(refused.httpStatus).toBe(400);

    await page.goto(`/users/${userId}`);
    await expect(propertyRow(page, "plan")).toContainText("enterprise");
    await expect(propertyRow(page, "seats")).toHaveCount(0);
    const sends = page.getByRole("table", { name: "Sends, newest first" });
    await expect(sends.getByRole("row")).toHaveCount(4);
    await expect(sends.getByRole("row").nth(1)).toContainText("400");
    await page.getByRole("link", { name: companyId }).click();
    await expect(page).toHaveURL(new RegExp(`/companies/${companyId}\\?environment=sandbox$`));

    await page.goto(`/history?user=${userId}`);
    const row = page.getByRole("row").filter({ hasText: "202 Accepted" }).first();
    await expect(row.getByRole("link", { name: `Profile of user ${userId}` })).toHaveAttribute("href", `/users/${userId}`);
  });

  test("a company page lists its known members; viewers read the pages but not the registry export", async ({ browser, request, page }) => {
    await page.goto(`/companies/${companyId}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(companyId);
    await expect(page.getByRole("list", { name: "Known members" }).getByRole("link", { name: userId })).toBeVisible();
    await expectNoViolations(page, "the company page");

    // An id with characters the address encodes reads back as sent.
    const oddId = `${userId}+tag@example.org`;
    expect((await identify(request, { userId: oddId, properties: [{ name: "plan", type: "string", value: "odd" }], companyId: "", companyProperties: [] })).httpStatus).toBe(202);
    await page.goto(`/users/${encodeURIComponent(oddId)}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`User ${oddId}`);
    await expect(propertyRow(page, "plan")).toContainText("odd");
    const odd = await request.get(`/api/profiles/users/${encodeURIComponent(oddId)}?environmentId=sandbox`);
    expect((await odd.json()).profile?.userId).toBe(oddId);

    const viewer = await createStaff(request, "viewer");
    const context = await signedInContext(browser, viewer);
    const viewerPage = await context.newPage();
    await viewerPage.goto(`/users/${userId}`);
    await expect(propertyRow(viewerPage, "plan")).toContainText("enterprise");
    await viewerPage.goto("/properties");
    await expect(viewerPage).toHaveURL(/\/denied/);
    const csv = await context.request.get("/api/profiles/registry/export?environmentId=sandbox");
    expect(csv.status()).toBe(403);
    const registry = await context.request.get("/api/profiles/registry?environmentId=sandbox");
    expect(registry.status()).toBe(200);
    await context.close();
  });

  test("the property types page counts each type sent, exports CSV, and has no axe violations", async ({ page, request }) => {
    await identify(request, { userId: `${userId}_2`, properties: [{ name: "seats", type: "string", value: "many" }], companyId: "", companyProperties: [] });
    await page.goto("/properties");
    await expect(page.getByRole("heading", { level: 1, name: "Property types" })).toBeVisible();
    const seats = page.locator('tr[data-property="seats"][data-group="user"]');
    await expect(seats).toContainText("sent as more than one type");
    await expectNoViolations(page, "the property types page");
    const exported = await request.get(
      (await page.getByRole("link", { name: "Export CSV" }).getAttribute("href")) ?? "",
    );
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-type"]).toContain("text/csv");
    expect(await exported.text()).toMatch(/^group,name,established,string,numeric,date,total\n/);
    expect(await exported.text()).toContain("user,seats,");
    const missing = await request.get("/api/profiles/registry");
    expect(missing.status()).toBe(400);
    expect((await missing.json()).error.fields[0].path).toBe("environmentId");
  });
});

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { identify, idempotent, runPrefix } from "./support/identify-api";
import { IdentifyPage } from "./support/identify-page";
import { sandbox } from "./support/sandbox-control";
import { E2E } from "./support/settings";

// Issue 12: see the change before it goes (the Identify page's part: preview, drift, companies on their own).

test.beforeEach(async () => {
  await sandbox.reset();
});

const row = (name: string, type: "string" | "numeric" | "date" | "remove", value = "") => ({ name, type, value });

async function expectNoAxeViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).options({ resultTypes: ["violations"] }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(3);
}

test("the change preview shows what a send changes; Send only changes drops the unchanged; a new type asks once more", async ({
  page,
  request,
}) => {
  const userId = runPrefix("preview");
  const company = runPrefix("co");
  const first = await identify(request, {
    userId,
    properties: [row("plan", "string", "pro"), row("seats", "numeric", "5"), row("trial", "string", "yes")],
    companyId: company,
    companyProperties: [],
  });
  expect(first.status).toBe("202");

  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill(userId);
  await form.addRows(form.userProperties(), [
    { name: "plan", type: "String", value: "enterprise" },
    { name: "seats", type: "Numeric", value: "5" },
    { name: "trial", type: "Remove" },
  ]);

  const preview = page.getByRole("region", { name: "Change preview" });
  const change = (name: string) => preview.getByRole("listitem").filter({ hasText: new RegExp(`^\\w+${name}`) });
  await expect(change("plan")).toHaveText('Changedplan"pro" (String) → "enterprise" (String)');
  await expect(change("seats")).toHaveText("Unchangedseats5 (Numeric)");
  await expect(change("trial")).toHaveText('Removedtrialwas "yes" (String)');
  await expect(preview).not.toContainText("Nothing sent to this user");
  await expectNoAxeViolations(page, '[aria-label="Change preview"]');

  // One click, with the keyboard: the unchanged seats leaves the form and the JSON.
  await preview.getByRole("button", { name: "Send only changes" }).focus();
  await page.keyboard.press("Enter");
  expect(await form.previewJson()).toEqual({ user_id: userId, metadata: { plan: "enterprise", trial: null } });
  await expect(form.userProperties().getByLabel("Property name")).toHaveCount(2);
  await expect(preview.getByRole("button", { name: "Send only changes" })).toHaveCount(0);

  // A different company id names both companies.
  await page.getByLabel("Company ID").fill("another_co");
  await expect(preview.getByRole("note")).toHaveText(
    `This send moves user ${userId} from company ${company} to company another_co: a user belongs to one company at a time.`,
  );
  await page.getByLabel("Company ID").fill(company);
  await expect(preview.getByRole("note")).toHaveCount(0);

  // seats sent as String this time: a warning beside the row, then one more question before it goes.
  await form.addRows(form.userProperties(), [{ name: "seats", type: "String", value: "5" }]);
  const seatsRow = form.userProperties().getByRole("listitem").nth(2);
  // Other specs send seats as Numeric to the same environment: the count is theirs and ours.
  const drift = /^seats was sent as Numeric (once|[\d,]+ times); sending String splits segments$/;
  await expect(seatsRow.getByRole("note")).toHaveText(drift);
  await expect(seatsRow.getByLabel("Type")).toHaveAccessibleDescription(drift);
  await form.send();
  const dialog = page.getByRole("dialog", { name: "Send with a changed type?" });
  await expect(dialog.getByRole("list", { name: "Properties that change type" }).getByRole("listitem")).toHaveText(drift);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await sandbox.requests()).toHaveLength(1);

  await form.send();
  await dialog.getByRole("button", { name: "Send anyway" }).click();
  await expect(form.outcome()).toContainText("202 Accepted");
  const received = await sandbox.requests();
  expect(received).toHaveLength(2);
  expect(JSON.parse(received[1]?.body ?? "null")).toEqual({
    user_id: userId,
    metadata: { plan: "enterprise", trial: null, seats: "5" },
    company: { id: company },
  });

  // Read again after the send: plan is now known as enterprise.
  await expect(change("plan")).toHaveText('Unchangedplan"enterprise" (String)');
});

test("a user nobody sent to yet: the preview says so and lists every value as added", async ({ page }) => {
  const form = new IdentifyPage(page);
  await form.open();
  const preview = page.getByRole("region", { name: "Change preview" });
  await expect(preview).toHaveCount(0);
  await page.getByLabel("User ID").fill(runPrefix("nobody"));
  await form.addRows(form.userProperties(), [{ name: "plan", type: "String", value: "pro" }]);
  await expect(preview).toContainText("Nothing sent to this user from this console yet");
  await expect(preview.getByRole("listitem")).toHaveText('Addedplan"pro" (String)');
});

test("Identify Company: the company alone goes to Identify Company as { company_id, metadata }, and reopens as a company", async ({
  page,
}) => {
  const companyId = runPrefix("solo");
  const form = new IdentifyPage(page);
  await form.open();

  // The radio group, with the keyboard: from User to Company with an arrow key.
  const choice = page.getByRole("radiogroup", { name: "Identify" });
  await choice.getByRole("radio", { name: "User" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(choice.getByRole("radio", { name: "Company" })).toBeChecked();
  await expect(page.getByLabel("User ID")).toBeHidden();
  await expect(page.getByRole("form", { name: "Identify company" })).toBeVisible();

  // Nothing without a company id.
  await form.send();
  await expect(page.getByText("Company ID is required to identify a company")).toBeVisible();
  expect(await sandbox.requests()).toHaveLength(0);

  await page.getByLabel("Company ID").fill(companyId);
  await form.addRows(form.companyProperties(), [
    { name: "plan", type: "String", value: "pro" },
    { name: "size", type: "Numeric", value: "40" },
  ]);
  const expected = { company_id: companyId, metadata: { plan: "pro", size: 40 } };
  expect(await form.previewJson()).toEqual(expected);
  await expect(page.getByText(/^POST http:\/\/127\.0\.0\.1:\d+\/v1\/companies\/identify$/)).toBeVisible();
  const preview = page.getByRole("region", { name: "Change preview" });
  await expect(preview).toContainText("Nothing sent to this company from this console yet");
  await expectNoAxeViolations(page, "form");

  await form.send();
  await expect(form.outcome()).toContainText("202 Accepted");
  const [received] = await sandbox.requests();
  expect(received?.path).toBe("/v1/companies/identify");
  expect(JSON.parse(received?.body ?? "null")).toEqual(expected);
  await expect(preview.getByRole("listitem").first()).toHaveText('Unchangedplan"pro" (String)');

  // The history says it was a company send, and Edit and resend reopens it as one.
  await page.goto(`/history?company=${companyId}`);
  await page.getByRole("link", { name: /^Details/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Request for company ${companyId}`);
  await expect(page.getByText("POST /v1/companies/identify")).toBeVisible();
  await page.getByRole("link", { name: "Edit and resend" }).click();
  await expect(page.getByRole("radiogroup", { name: "Identify" }).getByRole("radio", { name: "Company" })).toBeChecked();
  await expect(page.getByLabel("Company ID")).toHaveValue(companyId);
  expect(await form.previewJson()).toEqual(expected);
});

test("rows are removed by their name, and a 400 that names one row's property marks that row", async ({ page }) => {
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill(runPrefix("named"));
  await form.addRows(form.userProperties(), [
    { name: "plan_tier", type: "String", value: "gold" },
    { name: "plan", type: "String", value: "pro" },
  ]);
  await form.userProperties().getByRole("button", { name: "Add property" }).click();
  await form.userProperties().getByRole("button", { name: "Remove property 3" }).click();
  await form.userProperties().getByRole("button", { name: "Remove plan", exact: true }).click();
  await expect(form.userProperties().getByLabel("Property name")).toHaveCount(1);
  await expect(form.userProperties().getByLabel("Property name")).toHaveValue("plan_tier");

  await sandbox.respond({
    status: 400,
    body: { errors: [{ error: "invalid_request", message: "Metadata value for plan_tier is not allowed" }] },
    times: 1,
  });
  await form.send();
  await expect(form.outcome()).toContainText("Metadata value for plan_tier is not allowed");
  const value = form.userProperties().getByLabel("Value", { exact: true });
  await expect(value).toHaveAttribute("aria-invalid", "true");
  await expect(value).toHaveAccessibleDescription("Metadata value for plan_tier is not allowed");
});

test("POST /api/identify refuses a company send with a user part or without a company id, naming each field", async ({ request }) => {
  const body = (identifies: unknown, values: unknown) => ({ environmentId: null, replayOf: null, identifies, values });
  const company = { userId: "", properties: [], companyId: runPrefix("api_co"), companyProperties: [] };
  const answers = [
    await request.post("/api/identify", { data: body("company", { ...company, userId: "u1" }) }),
    await request.post("/api/identify", { data: body("company", { ...company, companyId: "" }) }),
    await request.post("/api/identify", { data: body("account", company) }),
  ];
  const fields = await Promise.all(
    answers.map(async (answer) => {
      expect(answer.status()).toBe(400);
      return ((await answer.json()) as { error: { fields: { path: string; message: string }[] } }).error.fields;
    }),
  );
  expect(fields).toEqual([
    [{ path: "values.userId", message: "A company is identified without a user: leave User ID empty" }],
    [{ path: "values.companyId", message: "Company ID is required to identify a company" }],
    [{ path: "identifies", message: 'identifies must be "user" or "company"' }],
  ]);
  expect(await sandbox.requests()).toHaveLength(0);
  expect((await request.post("/api/identify", { data: body("company", company) })).status()).toBe(200);
  expect((await sandbox.requests()).map((received) => received.path)).toEqual(["/v1/companies/identify"]);
});

test("a production environment and a changed type ask once, in one dialog that gives both reasons", async ({ page, request }) => {
  const key = `preview-prod-${Date.now().toString(36)}`;
  const name = `Preview prod ${Date.now().toString(36)}`;
  const created = await request.post("/api/environments", {
    data: { name, region: "custom", baseUrl: E2E.sandboxUrl, apiKey: key, isProduction: true },
  });
  expect(created.status()).toBe(201);
  const environmentId = ((await created.json()) as { environment: { id: string } }).environment.id;
  try {
    await sandbox.acceptKey(key);
    const userId = runPrefix("prod");
    const values = { userId, properties: [row("seats", "numeric", "5")], companyId: "", companyProperties: [] };
    expect((await identify(request, values, "", { environmentId })).status).toBe("202");

    const form = new IdentifyPage(page);
    await form.open();
    await page.getByLabel("Environment").selectOption({ label: `${name} · Custom (production)` });
    await page.getByLabel("User ID").fill(userId);
    await form.addRows(form.userProperties(), [{ name: "seats", type: "String", value: "6" }]);
    await form.send();
    const dialogs = page.getByRole("dialog");
    await expect(dialogs).toHaveCount(1);
    const dialog = page.getByRole("dialog", { name: `Send to ${name} · Custom?` });
    await expect(dialog).toContainText("is a production environment: this changes a real Userpilot profile.");
    await expect(dialog.getByRole("list", { name: "Properties that change type" })).toHaveText(
      "seats was sent as Numeric once; sending String splits segments",
    );
    await dialog.getByRole("button", { name: `Send to ${name}` }).click();
    await expect(form.outcome()).toContainText("202 Accepted");
    const received = await sandbox.requests();
    expect(received.map((sent) => JSON.parse(sent.body) as unknown)).toEqual([
      { user_id: userId, metadata: { seats: 5 } },
      { user_id: userId, metadata: { seats: "6" } },
    ]);
  } finally {
    await idempotent(() => request.delete(`/api/environments/${environmentId}`));
  }
});

test("a Send right after the form is entered waits for the type registry: a changed type still asks first", async ({ page, request }) => {
  const userId = runPrefix("early");
  expect((await identify(request, { userId, properties: [row("seats", "numeric", "5")], companyId: "", companyProperties: [] })).status).toBe("202");
  // The registry answers late, as on a slow network: the form is filled in and sent before it arrives.
  let registryAsked = false;
  await page.route("**/api/profiles/registry*", async (route) => {
    registryAsked = true;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  const form = new IdentifyPage(page);
  await form.open();
  await page.getByLabel("User ID").fill(userId);
  await form.addRows(form.userProperties(), [{ name: "seats", type: "String", value: "6" }]);
  await form.send();
  expect(registryAsked).toBe(true);
  const dialog = page.getByRole("dialog", { name: "Send with a changed type?" });
  await expect(dialog.getByRole("list", { name: "Properties that change type" })).toContainText("seats was sent as Numeric");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await sandbox.requests()).toHaveLength(1);
});

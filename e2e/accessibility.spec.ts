import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { makeTempDir, removeTempDir, startAppServer } from "./support/app-server";
import { expect, test } from "./support/fixtures";
import { bareForm, idempotent, identify, runPrefix } from "./support/identify-api";
import { IdentifyPage } from "./support/identify-page";
import { sandbox } from "./support/sandbox-control";
import { E2E } from "./support/settings";

// axe-core on every page in its main states: zero violations. Then one send done with the keyboard alone.

async function expectNoViolations(page: Page, state: string) {
  // Only violations are collected node by node: passes are counted, which keeps each run fast.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
  const violations = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
  expect(violations, `axe violations on ${state}`).toEqual([]);
  // axe really looked at the page.
  expect(results.passes.length, `axe checks that passed on ${state}`).toBeGreaterThan(10);
}

const prefix = runPrefix("a11y");

test.beforeEach(async () => {
  await sandbox.reset();
});

test("the Identify form: empty, with errors, with a 202 and a 401 outcome", async ({ page }) => {
  const form = new IdentifyPage(page);
  await form.open();
  await expectNoViolations(page, "the empty Identify form");

  await form.send();
  await expect(page.getByLabel("User ID")).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page, "the form after submitting it empty");

  await page.getByLabel("User ID").fill(`${prefix}_form`);
  await form.addRows(form.userProperties(), [{ name: "seats", type: "Numeric", value: "1,000" }]);
  await form.send();
  await expect(form.userProperties().getByLabel("Value", { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expectNoViolations(page, "the form with a bad numeric value");

  await form.userProperties().getByLabel("Value", { exact: true }).fill("1000");
  await form.addRows(form.userProperties(), [
    { name: "renewal", type: "Date", value: "2026-01-31" },
    { name: "legacy", type: "Remove" },
  ]);
  await page.getByLabel("Company ID").fill("acme");
  await form.send();
  await expect(form.outcome()).toContainText("202 Accepted");
  await expectNoViolations(page, "the form with a 202 outcome");

  await sandbox.acceptKey("another-key");
  await form.send();
  await expect(form.outcome()).toContainText("401 Unauthorized");
  await expectNoViolations(page, "the form with a 401 outcome");
});

test("history: with rows, with no match, a detail page, the erase dialog", async ({ page, request }) => {
  const sent = await identify(request, bareForm(`${prefix}_history`));
  await sandbox.respond({ status: 503, times: 10 });
  const failed = await identify(request, bareForm(`${prefix}_history_503`));
  expect(failed.status).toBe("503");

  await page.goto("/history");
  await expect(
    page
      .getByRole("table")
      .getByRole("row")
      .filter({ hasText: `${prefix}_history` })
      .first(),
  ).toBeVisible();
  await expectNoViolations(page, "history with rows");

  await page.goto(`/history?user=${prefix}_nobody`);
  await expect(page.getByText("No requests match these filters")).toBeVisible();
  await expectNoViolations(page, "history with no matching rows");

  for (const outcome of [sent, failed]) {
    await page.goto(`/history/${outcome.historyId}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`${prefix}_history`);
    await expectNoViolations(page, `the detail page of a ${outcome.status}`);
  }

  await page.goto("/history");
  await page.getByText("Erase a user's history").click();
  await expectNoViolations(page, "history with the erase form open");
  await page.getByLabel("User ID to erase").fill(`${prefix}_history_503`);
  await page.getByRole("button", { name: "Review erasure" }).click();
  await expect(page.getByRole("dialog", { name: "Erase this user's history?" })).toBeVisible();
  await expectNoViolations(page, "the erase dialog");
});

test("the sandbox profile page: empty, unknown user, with a profile", async ({ page, request }) => {
  await identify(request, {
    userId: `${prefix}_profile`,
    properties: [
      { name: "plan", type: "string", value: "pro" },
      { name: "seats", type: "numeric", value: "12" },
    ],
    companyId: "acme",
    companyProperties: [{ name: "name", type: "string", value: "Acme" }],
  });
  await page.goto("/sandbox");
  await expectNoViolations(page, "the sandbox page");
  await page.goto(`/sandbox?user=${prefix}_nobody`);
  await expect(page.getByText("The sandbox has no user")).toBeVisible();
  await expectNoViolations(page, "the sandbox page for an unknown user");
  await page.goto(`/sandbox?user=${prefix}_profile`);
  await expect(page.getByRole("row", { name: /seats/ })).toBeVisible();
  await expectNoViolations(page, "the sandbox page with a profile");
});

test("sign-in, set-up, settings, users, audit, denied, and the production confirmation", async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const signedOut = await browser.newContext({
    baseURL: E2E.appUrl,
    storageState: { cookies: [], origins: [] },
  });
  try {
    const login = await signedOut.newPage();
    await login.goto("/login");
    await expectNoViolations(login, "the sign-in page");
    await login.getByLabel("Email").fill("nobody@e2e.test");
    await login.getByLabel("Password").fill("not-the-password");
    await login.getByRole("button", { name: "Sign in" }).click();
    await expect(login.getByRole("alert")).toBeVisible();
    await expectNoViolations(login, "the sign-in page with an error");
  } finally {
    await signedOut.close();
  }

  // The set-up page exists only while there are no staff accounts: a fresh server without ADMIN_* shows it.
  const dir = makeTempDir("a11y-setup");
  const fresh = await startAppServer({
    databaseFile: `${dir}/setup.db`,
    env: { ADMIN_EMAIL: "", ADMIN_PASSWORD: "" },
  });
  try {
    const link = /(http\S+\/setup\?token=[\w-]+)/.exec(fresh.output())?.[1];
    expect(link, fresh.output()).toBeDefined();
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const setup = await context.newPage();
    await setup.goto(link!.replace(/^http:\/\/[^/]+/, fresh.url));
    await expect(setup.getByRole("heading", { name: "Create the first admin" })).toBeVisible();
    await expectNoViolations(setup, "the first-admin set-up page");
    await context.close();
  } finally {
    await fresh.stop();
    removeTempDir(dir);
  }

  const name = `A11y prod ${Date.now().toString(36)}`;
  const created = await request.post("/api/environments", {
    data: {
      name,
      region: "custom",
      baseUrl: E2E.sandboxUrl,
      apiKey: `a11y-key-${Date.now().toString(36)}`,
      isProduction: true,
    },
  });
  expect(created.status()).toBe(201);
  const environmentId = ((await created.json()) as { environment: { id: string } }).environment.id;
  try {
    await page.goto("/settings");
    await expect(page.getByText(name).first()).toBeVisible();
    await expectNoViolations(page, "the settings page with environments");
    for (const url of ["/users", "/audit", "/denied?need=environments:manage"]) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoViolations(page, `the page ${url}`);
    }

    const form = new IdentifyPage(page);
    await form.open();
    await page.getByLabel("Environment").selectOption({ label: `${name} · Custom (production)` });
    await page.getByLabel("User ID").fill(`${prefix}_production`);
    await form.send();
    const dialog = page.getByRole("dialog", { name: `Send to ${name} · Custom?` });
    await expect(dialog).toBeVisible();
    await expectNoViolations(page, "the production confirmation dialog");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    expect(await sandbox.requests()).toEqual([]);
  } finally {
    await idempotent(() => request.delete(`/api/environments/${environmentId}`));
  }
});

type Focused = { tag: string; id: string; text: string; label: string };

const focusedElement = (page: Page) =>
  page.evaluate((): Focused => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? "",
      id: el?.id ?? "",
      text: el?.textContent?.trim() ?? "",
      label: el?.getAttribute("aria-label") ?? "",
    };
  });

/** Presses Tab (or Shift+Tab) until the focused element matches (it may already), at most `max` times. */
async function tabTo(
  page: Page,
  matches: (el: Focused) => boolean,
  options: { back?: boolean; max?: number } = {},
) {
  for (let i = 0; i <= (options.max ?? 40); i++) {
    const focused = await focusedElement(page);
    if (matches(focused)) return;
    await page.keyboard.press(options.back ? "Shift+Tab" : "Tab");
  }
  throw new Error(
    `the element was never focused by the keyboard; focus is on ${JSON.stringify(await focusedElement(page))}`,
  );
}

test("an identify sent with the keyboard alone is accepted", async ({ page }) => {
  const userId = `${prefix}_keyboard`;
  await page.goto("/");
  await expect(page.getByLabel("User ID")).toBeVisible();

  await tabTo(page, (el) => el.id === "userId");
  await page.keyboard.type(userId);

  // Add a row to the user properties: the first "Add property" button after the User ID.
  await tabTo(page, (el) => el.tag === "button" && el.text.includes("Add property"));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("group", { name: "User properties" }).getByLabel("Property name")).toHaveCount(
    1,
  );
  // The new row sits before the button: walk back to its name.
  await tabTo(page, (el) => el.id === "properties.0.name", { back: true, max: 6 });
  await page.keyboard.type("seats");
  await tabTo(page, (el) => el.id === "properties.0.type", { max: 3 });
  await page.keyboard.press("ArrowDown"); // String -> Numeric
  await expect(page.locator("[id='properties.0.type']")).toHaveValue("numeric");
  await tabTo(page, (el) => el.id === "properties.0.value", { max: 3 });
  await page.keyboard.type("12");

  // A second row, with Space this time, removed again with the keyboard.
  await tabTo(page, (el) => el.tag === "button" && el.text.includes("Add property"), { max: 6 });
  await page.keyboard.press("Space");
  const names = page.getByRole("group", { name: "User properties" }).getByLabel("Property name");
  await expect(names).toHaveCount(2);
  // Focus moved into the new row; its remove button is named by its position while it has no name.
  await tabTo(page, (el) => el.label === "Remove property 2", { max: 6 });
  await page.keyboard.press("Enter");
  await expect(names).toHaveCount(1);
  await expect(names).toHaveValue("seats");

  await tabTo(page, (el) => el.tag === "button" && el.text === "Send");
  await page.keyboard.press("Enter");
  await expect(new IdentifyPage(page).outcome()).toContainText("202 Accepted");

  const [received] = await sandbox.requests();
  expect(JSON.parse(received?.body ?? "null")).toEqual({ user_id: userId, metadata: { seats: 12 } });
});

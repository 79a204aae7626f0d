import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import Papa from "papaparse";
import { bulkFile } from "./support/bulk-csv";
import { expect, test } from "./support/fixtures";
import { identify, idempotent, runPrefix } from "./support/identify-api";
import { sandbox } from "./support/sandbox-control";
import { E2E } from "./support/settings";
import { createStaff, signedInContext } from "./support/staff";

// The browser half of a bulk sync: a file is read and checked in a worker, mapped, checked row by row with the
// Identify form's rules, and handed to the job engine only after a confirmation that names the environment
// (the whole run, sent and accounted for, is in e2e/bulk-sync.spec.ts).

async function expectNoViolations(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
  const violations = results.violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  expect(violations, `axe violations on ${state}`).toEqual([]);
  expect(results.passes.length, `axe checks that passed on ${state}`).toBeGreaterThan(10);
}

const prefix = `bulk_${Date.now().toString(36)}`;
const mappingRow = (page: Page, header: string) => page.getByRole("row").filter({ has: page.getByRole("cell", { name: header, exact: true }) });

async function upload(page: Page, name: string, text: string) {
  await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
}

async function expectInvalidRows(page: Page, bad: ReturnType<typeof bulkFile>["bad"]) {
  const table = page.getByRole("table", { name: "Invalid rows" });
  const rows = table.getByRole("row");
  // The header row plus the ten issues: ten rows fit the virtualised list's window with its overscan.
  await expect(rows).toHaveCount(11);
  for (const [index, expected] of bad.entries()) {
    const cells = rows.nth(index + 1).getByRole("cell");
    await expect(cells.nth(0)).toHaveText(String(expected.line));
    await expect(cells.nth(1)).toHaveText(expected.column);
    await expect(cells.nth(2)).toHaveText(expected.value);
    await expect(cells.nth(3)).toHaveText(expected.reason);
  }
}

test.beforeEach(async () => {
  await sandbox.reset();
});

test("a 1,000-row file is mapped, checked with its 10 bad rows, and confirmed; a semicolon copy reuses the mapping", async ({ page }) => {
  test.setTimeout(90_000);
  const file = bulkFile(prefix);
  await page.goto("/bulk");
  await expect(page.getByRole("heading", { level: 1, name: "Bulk sync from CSV" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bulk sync" })).toHaveAttribute("aria-current", "page");
  await expectNoViolations(page, "the empty bulk page");

  await upload(page, "accounts.csv", `\uFEFF${file.text}`);
  await expect(page.getByText("1,000 data rows, 8 columns, separated by comma")).toBeVisible();
  await expect(page.getByLabel("User ID column")).toHaveValue("0");
  await expect(page.getByLabel("Company ID column")).toHaveValue("1");
  await expect(page.getByRole("radio", { name: "Users" })).toBeChecked();
  // Suggestions: numbers with leading zeros and 19-digit ids stay text, and say why.
  await expect(mappingRow(page, "account_no")).toContainText("Suggested: String. Kept as String: “000001” has a leading zero that a number would drop");
  await expect(mappingRow(page, "legacy_id")).toContainText("has 19 significant digits; a number keeps only 15 exactly");
  await expect(mappingRow(page, "seats")).toContainText("Kept as String: “1,000” is not a plain number");
  await expect(page.getByLabel("Type of account_no")).toHaveValue("string");
  await page.getByLabel("Type of seats").selectOption({ label: "Numeric" });
  await page.getByLabel("Type of renewal").selectOption({ label: "Date" });
  await page.getByLabel("Type of note").selectOption({ label: "Skip column" });
  await expectNoViolations(page, "the mapping step");

  await page.getByRole("button", { name: "Check rows" }).click();
  await expect(page.getByTestId("valid-count")).toHaveText("990");
  await expect(page.getByTestId("invalid-count")).toHaveText("10");
  await expect(page.getByTestId("duplicate-count")).toHaveText("1");
  await expect(page.getByRole("heading", { name: "Invalid rows: 10 rows skipped" })).toBeVisible();
  await expectInvalidRows(page, file.bad);
  const repeated = page.getByRole("table", { name: "Repeated ids" }).getByRole("row").nth(1).getByRole("cell");
  await expect(repeated).toHaveText([`${prefix}_1`, "2, 993"]);
  await expect(page.getByText("the later line wins")).toBeVisible();

  // The first row exactly as it will be sent: typed numbers and dates, text kept as text, the skipped note absent.
  const preview = await page.getByTestId("bulk-preview").textContent();
  const first = JSON.parse((preview ?? "").split("\n\n")[0]?.replace(/^\/\/ line 2\n/, "") ?? "null");
  expect(first).toEqual({
    user_id: `${prefix}_1`,
    metadata: { email: "user1@example.com", seats: 1, renewal: "2024-01-02", account_no: "000001", legacy_id: "9000000000000000001" },
    company: { id: "co_1" },
  });
  await expectNoViolations(page, "the check step");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download invalid rows" }).click();
  const saved = await (await download).path();
  const rows = Papa.parse<string[]>(fs.readFileSync(saved, "utf8")).data.filter((row) => row.length > 1);
  expect(rows[0]).toEqual(["user_id", "company_id", "email", "seats", "renewal", "account_no", "legacy_id", "note", "line", "reason"]);
  expect(rows.slice(1).map((row) => row[8])).toEqual(file.bad.map((bad) => String(bad.line)));
  expect(rows[1]?.slice(0, 4)).toEqual([`${prefix}_40`, "co_5", "user40@example.com", "1,000"]);
  expect(rows[1]?.[9]).toMatch(/^seats: Remove the thousands separators/);

  const label = (await page.getByTestId("environment-badge").textContent())?.replace("Environment: ", "").trim() ?? "";
  await page.getByRole("button", { name: "Start sync of 990 users…" }).click();
  const dialog = page.getByRole("dialog", { name: "Start the sync?" });
  await expect(dialog.getByTestId("bulk-confirm-summary")).toHaveText(`990 users to ${label}, 10 rows skipped`);
  await expect(dialog).toContainText("Changed properties can move users into segments and start flows");
  await expectNoViolations(page, "the confirm dialog");
  // Cancel sends nothing and keeps the check on the page.
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("valid-count")).toHaveText("990");
  expect(await sandbox.requests()).toHaveLength(0);

  // The same columns separated by semicolons: the mapping comes back, the same rows fail on the same lines.
  const semicolons = bulkFile(prefix, ";");
  await upload(page, "accounts-semicolon.csv", semicolons.text);
  await expect(page.getByText("1,000 data rows, 8 columns, separated by semicolon")).toBeVisible();
  await expect(page.getByText("The mapping you used last time for these columns in this environment is restored.")).toBeVisible();
  await expect(page.getByLabel("Type of seats")).toHaveValue("numeric");
  await expect(page.getByLabel("Type of renewal")).toHaveValue("date");
  await expect(page.getByLabel("Type of note")).toHaveValue("skip");
  await page.getByRole("button", { name: "Check rows" }).click();
  await expect(page.getByTestId("valid-count")).toHaveText("990");
  await expect(page.getByTestId("invalid-count")).toHaveText("10");
  await expectInvalidRows(page, semicolons.bad);
});

test("a column mapped as another type than its property was sent as warns next to its type and in the confirmation", async ({ page, request }) => {
  // An environment of its own: its type registry holds only what this test sends.
  const key = `bulk-drift-${Date.now().toString(36)}`;
  const name = `Bulk drift ${Date.now().toString(36)}`;
  const created = await request.post("/api/environments", { data: { name, region: "custom", baseUrl: E2E.sandboxUrl, apiKey: key, isProduction: false } });
  expect(created.status()).toBe(201);
  const environmentId = ((await created.json()) as { environment: { id: string } }).environment.id;
  try {
    await sandbox.acceptKey(key);
    const userId = runPrefix("drift");
    const values = { userId, properties: [{ name: "seats", type: "numeric", value: "5" }], companyId: "", companyProperties: [] };
    expect((await identify(request, values, "", { environmentId })).status).toBe("202");

    await page.goto("/bulk");
    await page.getByLabel("Environment").selectOption({ label: `${name} · Custom` });
    await upload(page, "drift.csv", `user_id,seats,plan\n${userId},12,pro\n`);
    const type = page.getByLabel("Type of seats");
    await expect(type).toHaveValue("numeric");
    const warning = "seats was sent as Numeric once; sending String splits segments";
    await expect(mappingRow(page, "seats")).not.toContainText("splits segments");
    await type.selectOption({ label: "String" });
    await expect(mappingRow(page, "seats").getByRole("note")).toHaveText(warning);
    await expect(type).toHaveAccessibleDescription(new RegExp(`${warning}$`));
    await expect(page.getByLabel("Type of plan")).not.toHaveAccessibleDescription(/splits segments/);
    await expectNoViolations(page, "a drifting column");

    await page.getByRole("button", { name: "Check rows" }).click();
    await page.getByRole("button", { name: "Start sync of 1 user…" }).click();
    const dialog = page.getByRole("dialog", { name: "Start the sync?" });
    await expect(dialog.getByRole("list", { name: "This column is sent as another type than before:" })).toHaveText(`seats: ${warning}`);
    await dialog.getByRole("button", { name: "Cancel", exact: true }).click();

    // Back to the established type: no warning, nothing named in the confirmation.
    await type.selectOption({ label: "Numeric" });
    await expect(mappingRow(page, "seats").getByRole("note")).toHaveCount(0);
    await page.getByRole("button", { name: "Check rows" }).click();
    await page.getByRole("button", { name: "Start sync of 1 user…" }).click();
    await expect(dialog.getByTestId("bulk-confirm-summary")).toBeVisible();
    await expect(dialog.getByRole("list")).toHaveCount(0);
  } finally {
    await idempotent(() => request.delete(`/api/environments/${environmentId}`));
  }
});

test("files that can't be read are refused in words", async ({ page }) => {
  await page.goto("/bulk");
  const cases: [string, Buffer, string][] = [
    ["empty.csv", Buffer.alloc(0), "empty.csv: The file is empty"],
    ["header.csv", Buffer.from("user_id,plan\r\n"), "header.csv: The file has a header row but no data rows."],
    ["binary.csv", Buffer.from([0x75, 0x00, 0x01, 0x02]), "binary.csv: This file is not text: it contains NUL bytes"],
    ["latin1.csv", Buffer.from([0x75, 0x0a, 0xe9, 0x0a]), "latin1.csv: This file is not UTF-8 text"],
  ];
  for (const [name, buffer, message] of cases) {
    await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer });
    await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
  }
  await expectNoViolations(page, "a refused file");
  await expect(page.getByRole("button", { name: "Check rows" })).toHaveCount(0);
});

type Focused = { id: string; text: string; label: string; tag: string; type: string };
const focused = (page: Page) =>
  page.evaluate((): Focused => {
    const el = document.activeElement as HTMLElement | null;
    const labelledBy = el?.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent ?? "" : "";
    return { id: el?.id ?? "", text: el?.textContent?.trim() ?? "", label: el?.getAttribute("aria-label") ?? labelledBy, tag: el?.tagName.toLowerCase() ?? "", type: el?.getAttribute("type") ?? "" };
  });

async function tabTo(page: Page, matches: (el: Focused) => boolean, max = 60) {
  for (let i = 0; i <= max; i++) {
    if (matches(await focused(page))) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`never focused by Tab; focus is on ${JSON.stringify(await focused(page))}`);
}

test("the whole flow works with the keyboard alone, pasting the file", async ({ page }) => {
  await page.goto("/bulk");
  await expect(page.getByLabel("CSV text")).toBeVisible();
  await tabTo(page, (el) => el.label === "CSV text");
  await page.keyboard.insertText(`company_id\tseats\tsince\nacme\t12\t2024-01-31\n globex\t15\t2024-02-01`);
  await tabTo(page, (el) => el.text === "Read pasted text");
  await page.keyboard.press("Enter");
  await expect(page.getByText("2 data rows, 3 columns, separated by tab")).toBeVisible();

  await tabTo(page, (el) => el.type === "radio");
  await page.keyboard.press("ArrowRight"); // Users -> Companies
  await expect(page.getByRole("radio", { name: "Companies" })).toBeChecked();
  await expect(page.getByLabel("Company ID column")).toHaveValue("0");
  await tabTo(page, (el) => el.text === "Check rows");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("valid-count")).toHaveText("1");
  await expect(page.getByRole("table", { name: "Invalid rows" }).getByRole("row").nth(1).getByRole("cell")).toHaveText([
    "3",
    "company_id",
    " globex",
    "Company ID has a space at the start or end; remove it",
  ]);
  await expect(page.getByTestId("bulk-preview")).toContainText(`"company_id": "acme"`);
  await expect(page.getByTestId("bulk-preview")).toContainText(`"seats": 12`);

  await tabTo(page, (el) => el.text.startsWith("Start sync of 1 company"));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Start the sync?" });
  await expect(dialog.getByTestId("bulk-confirm-summary")).toHaveText(/^1 company to .+, 1 row skipped$/);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await tabTo(page, (el) => el.text.startsWith("Start sync of 1 company"), 5);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await tabTo(page, (el) => el.text === "Start sync", 5);
  await page.keyboard.press("Enter");
  // The job's progress, reached and used by keyboard too.
  await expect(page).toHaveURL(/\/bulk\/jobs\?job=[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: /^1 company to / })).toBeVisible();
  await expect(page.getByText("1 of 1 rows done · 0 failed · 1 skipped by the check")).toBeVisible({ timeout: 15_000 });
  await tabTo(page, (el) => el.text === "Download results");
  const requests = await sandbox.requests();
  expect(requests.map((r) => [r.path, JSON.parse(r.body)])).toEqual([
    ["/v1/companies/identify", { company_id: "acme", metadata: { seats: 12, since: "2024-01-31" } }],
  ]);
});

test("a viewer gets the read-only note and no Bulk sync link", async ({ browser, request }) => {
  const viewer = await createStaff(request, "viewer");
  const context = await signedInContext(browser, viewer);
  const page = await context.newPage();
  await page.goto("/bulk");
  await expect(page.getByText("can read the history but not send")).toBeVisible();
  await expect(page.getByLabel("CSV file")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bulk sync" })).toHaveCount(0);
  await expectNoViolations(page, "the bulk page for a viewer");
  await context.close();
});

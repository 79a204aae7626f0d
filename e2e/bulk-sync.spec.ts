import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import Papa from "papaparse";
import { makeTempDir, removeTempDir, signIn, startAppServer, type AppServer } from "./support/app-server";
import { bulkFile } from "./support/bulk-csv";
import { expect, test } from "./support/fixtures";
import { sandbox } from "./support/sandbox-control";

// Issue #11's acceptance for real-time mode, through the page: a 1,000-row file with 10 bad rows is mapped,
// checked, confirmed and sent as a job; 990 typed rows reach the fake Userpilot; the progress moves while it
// runs; the results file lists all 1,000 lines. And a companies file, end to end.

type Identify = { user_id: string; metadata: Record<string, unknown>; company?: { id: string } };

async function expectNoViolations(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
  const violations = results.violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  expect(violations, `axe violations on ${state}`).toEqual([]);
  expect(results.passes.length, `axe checks that passed on ${state}`).toBeGreaterThan(10);
}

async function upload(page: Page, name: string, text: string) {
  await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
}

async function downloadResults(page: Page): Promise<Record<string, string>[]> {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download results" }).click();
  const file = await (await download).path();
  return Papa.parse<Record<string, string>>(fs.readFileSync(file, "utf8").trim(), { header: true }).data;
}

test.beforeEach(async () => {
  await sandbox.reset();
});

test.afterAll(async () => {
  await sandbox.reset();
});

test.describe("on a server of its own, paced to seconds", () => {
  let dir: string;
  let app: AppServer | undefined;

  test.beforeEach(() => {
    dir = makeTempDir("bulk-sync");
  });

  test.afterEach(async () => {
    await app?.stop("SIGKILL");
    app = undefined;
    removeTempDir(dir);
  });

  test("a 1,000-row file with 10 bad rows is checked, confirmed and sent: 990 typed rows arrive, progress moves, the results list every line", async ({
    browser,
  }) => {
    test.setTimeout(150_000);
    // The key's limit scaled from a minute to a second (about 118 rows a second): the run takes seconds, and
    // the fake allows more than the pace ever sends.
    await sandbox.rateLimit(1000, 1000);
    app = await startAppServer({
      databaseFile: `${dir}/sync.db`,
      env: { UPSTREAM_RATE_PER_MINUTE: "120", UPSTREAM_RATE_WINDOW_MS: "1000" },
    });
    const context = await browser.newContext();
    await signIn(context.request, app);
    const page = await context.newPage();
    const prefix = `sync_${Date.now().toString(36)}`;
    const file = bulkFile(prefix);

    await page.goto(`${app.url}/bulk`);
    await upload(page, "accounts.csv", file.text);
    await expect(page.getByText("1,000 data rows, 8 columns, separated by comma")).toBeVisible();
    await page.getByLabel("Type of seats").selectOption({ label: "Numeric" });
    await page.getByLabel("Type of renewal").selectOption({ label: "Date" });
    await page.getByLabel("Type of note").selectOption({ label: "Skip column" });
    await page.getByRole("button", { name: "Check rows" }).click();
    await expect(page.getByTestId("valid-count")).toHaveText("990");
    await expect(page.getByTestId("invalid-count")).toHaveText("10");

    const label = (await page.getByTestId("environment-badge").textContent())?.replace("Environment: ", "").trim() ?? "";
    expect(label).not.toBe("");
    await page.getByRole("button", { name: "Start sync of 990 users…" }).click();
    const dialog = page.getByRole("dialog", { name: "Start the sync?" });
    await expect(dialog.getByTestId("bulk-confirm-summary")).toHaveText(`990 users to ${label}, 10 rows skipped`);
    await dialog.getByRole("button", { name: "Start sync", exact: true }).click();

    // The job's progress: the bar moves while it runs, with rate and time left.
    await expect(page).toHaveURL(/\/bulk\/jobs\?job=[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: `990 users to ${label}` })).toBeVisible();
    const bar = page.getByRole("progressbar", { name: "Rows done" });
    await expect(bar).toHaveAttribute("aria-valuemax", "990");
    // Every value the bar shows while the test watches it.
    const seen = new Set<number>();
    const watchBar = (timeout: number) =>
      expect.poll(
        async () => {
          const value = Number(await bar.getAttribute("aria-valuenow"));
          seen.add(value);
          return value;
        },
        { timeout, intervals: [100] },
      );
    await watchBar(20_000).toBeGreaterThan(0);
    await expect(page.getByText(/rows a minute · about \d+ s left/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Cancel" })).toBeVisible();
    await expectNoViolations(page, "the job's progress while it runs");
    await watchBar(60_000).toBe(990);
    const between = [...seen].filter((value) => value > 0 && value < 990);
    expect(between.length, `values seen: ${[...seen].join(", ")}`).toBeGreaterThanOrEqual(2);
    await expect(page.getByText("990 of 990 rows done · 0 failed · 10 skipped by the check")).toBeVisible();
    await expect(page.getByRole("link", { name: "See its rows in the history" })).toBeVisible();
    await expectNoViolations(page, "the finished job");

    // 990 rows reached Userpilot, typed: numbers as numbers, dates as ISO, a leading-zero id and a 19-digit id as text.
    const sent = (await sandbox.requests()).filter((r) => r.path === "/v1/identify").map((r) => JSON.parse(r.body) as Identify);
    expect(sent).toHaveLength(990);
    const badLines = new Set(file.bad.map((bad) => bad.line));
    expect(badLines.size).toBe(10);
    const second = sent.find((body) => body.user_id === `${prefix}_2`);
    expect(second).toEqual({
      user_id: `${prefix}_2`,
      metadata: { email: "user2@example.com", seats: 2, renewal: "2024-01-03", account_no: "000002", legacy_id: "9000000000000000002" },
      company: { id: "co_2" },
    });
    expect(sent.every((body) => typeof body.metadata.seats === "number" && typeof body.metadata.account_no === "string")).toBe(true);
    expect(sent.every((body) => /^\d{4}-\d{2}-\d{2}$/.test(String(body.metadata.renewal)))).toBe(true);
    // Row 990 repeats row 1's id, and was sent after it: the later line wins.
    const first = sent.filter((body) => body.user_id === `${prefix}_1`).map((body) => body.metadata.seats);
    expect(first).toEqual([1, 990]);

    // The results: every line of the file, with its original columns; the 10 skipped with their reason.
    const records = await downloadResults(page);
    expect(records).toHaveLength(1000);
    expect(Object.keys(records[0]!)).toEqual([
      "user_id", "company_id", "email", "seats", "renewal", "account_no", "legacy_id", "note",
      "line", "status", "http_status", "message", "history_link",
    ]);
    expect(records[0]).toMatchObject({ user_id: `${prefix}_1`, company_id: "co_1", seats: "1", account_no: "000001", line: "2", status: "sent", http_status: "202" });
    expect(records[0]!.history_link).toMatch(new RegExp(`/history/[0-9a-f-]{36}$`));
    // HISTORY_REDACT_KEYS (email by default) holds in the results as in the history.
    expect(records[0]!.email).toBe("[redacted]");
    const skipped = records.filter((r) => r.status === "skipped");
    expect(skipped.map((r) => Number(r.line))).toEqual(file.bad.map((bad) => bad.line));
    for (const [index, bad] of file.bad.entries()) expect(skipped[index]!.message).toMatch(bad.reason);
    expect(skipped[0]).toMatchObject({ user_id: `${prefix}_40`, seats: "1,000", http_status: "", history_link: "" });
    expect(records.filter((r) => r.status === "sent")).toHaveLength(990);
    expect(records.map((r) => Number(r.line))).toEqual([...records.map((r) => Number(r.line))].sort((a, b) => a - b));

    // The jobs list, from the nav.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bulk jobs" }).click();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bulk jobs" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("table", { name: "Bulk jobs, newest first" })).toContainText("990");
    await context.close();
  });
});

test("a companies file goes to Identify Company as { company_id, metadata }, and its results list it", async ({ page }) => {
  const prefix = `co_${Date.now().toString(36)}`;
  await page.goto("/bulk");
  await upload(page, "companies.csv", `company_id,seats,since\n${prefix}_a,12,2024-01-31\n${prefix}_b,15,2024-02-01\n${prefix}_c,7,2024-03-01\n`);
  await page.getByRole("radio", { name: "Companies" }).check();
  await expect(page.getByLabel("Company ID column")).toHaveValue("0");
  await page.getByRole("button", { name: "Check rows" }).click();
  await expect(page.getByTestId("valid-count")).toHaveText("3");
  await page.getByRole("button", { name: "Start sync of 3 companies…" }).click();
  await page.getByRole("dialog", { name: "Start the sync?" }).getByRole("button", { name: "Start sync", exact: true }).click();
  await expect(page).toHaveURL(/\/bulk\/jobs\?job=/);
  await expect(page.getByText("3 of 3 rows done · 0 failed")).toBeVisible({ timeout: 15_000 });

  const requests = (await sandbox.requests()).map((r) => [r.path, JSON.parse(r.body)]);
  expect(requests.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
    ["/v1/companies/identify", { company_id: `${prefix}_a`, metadata: { seats: 12, since: "2024-01-31" } }],
    ["/v1/companies/identify", { company_id: `${prefix}_b`, metadata: { seats: 15, since: "2024-02-01" } }],
    ["/v1/companies/identify", { company_id: `${prefix}_c`, metadata: { seats: 7, since: "2024-03-01" } }],
  ]);
  const records = await downloadResults(page);
  expect(records.map((r) => [r.company_id, r.seats, r.line, r.status])).toEqual([
    [`${prefix}_a`, "12", "2", "sent"],
    [`${prefix}_b`, "15", "3", "sent"],
    [`${prefix}_c`, "7", "4", "sent"],
  ]);
});

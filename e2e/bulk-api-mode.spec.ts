import Papa from "papaparse";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { defaultEnvironmentId, usersPlan } from "./support/bulk-plan";
import { expect, test } from "./support/fixtures";
import { runPrefix } from "./support/identify-api";
import { sandbox } from "./support/sandbox-control";
import { createStaff, signedInContext } from "./support/staff";

// Bulk API mode end to end: a `mode: "bulk"` plan posted by an operator goes to the fake upstream's bulk
// endpoint as one chunk; the job page shows Userpilot's job state and rows processed, a 409's wait in
// words, and a Userpilot job that ends `failed` as a failed job.

type Job = { id: string; state: string; total: number };

const userRow = (line: number, userId: string) => ({
  line,
  cells: [userId, String(line)],
  values: { userId, properties: [{ name: "seats", type: "numeric", value: String(line) }], companyId: "", companyProperties: [] },
});

/** A checked file of `count` users, as the /bulk page sends it, in bulk API mode, to the default environment. */
async function bulkPlan(request: APIRequestContext, prefix: string, count: number) {
  return {
    ...usersPlan(await defaultEnvironmentId(request), []),
    mode: "bulk",
    source: { name: "seats.csv", headers: ["user_id", "seats"], delimiter: "," },
    rows: Array.from({ length: count }, (_, i) => userRow(i + 2, `${prefix}_${String(i).padStart(2, "0")}`)),
  };
}

async function postPlan(request: APIRequestContext, body: unknown): Promise<Job> {
  const response = await request.post("/api/bulk/jobs", { data: body });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { job: Job }).job;
}

const bulkPosts = async () => (await sandbox.requests()).filter((r) => r.method === "POST" && r.path === "/v1/users/bulk_identify");

async function operatorPage(browser: Browser, request: APIRequestContext): Promise<Page> {
  const operator = await createStaff(request, "operator");
  const context = await signedInContext(browser, operator);
  return context.newPage();
}

const panelOf = (page: Page, count: number) => page.getByRole("region", { name: `${count} users to Sandbox` });

test.beforeEach(async () => {
  await sandbox.reset();
});

test.afterAll(async () => {
  await sandbox.reset();
});

test("a bulk job goes to the bulk endpoint, its page shows Userpilot's job state, and it completes", async ({ browser, request }) => {
  const page = await operatorPage(browser, request);
  const prefix = runPrefix("bulkapi");
  const job = await postPlan(page.request, await bulkPlan(page.request, prefix, 30));
  expect(job).toMatchObject({ state: "running", total: 30 });

  await page.goto(`/bulk/jobs?job=${job.id}`);
  const panel = panelOf(page, 30);
  await expect(panel.getByText(/^Userpilot's job: (queued|processing), \d+ of 30 rows processed$/)).toBeVisible();
  await expect(panel.getByText("Userpilot's job: completed, 30 of 30 rows processed")).toBeVisible({ timeout: 15_000 });
  await expect(panel.getByText("Completed", { exact: true })).toBeVisible();
  await expect(panel.getByText("30 of 30 rows done · 0 failed")).toBeVisible();

  const posts = await bulkPosts();
  expect(posts).toHaveLength(1);
  const records = (JSON.parse(posts[0]!.body) as { users: { user_id: string; metadata: { seats: number } }[] }).users;
  expect(records).toHaveLength(30);
  expect(records[0]).toEqual({ user_id: `${prefix}_00`, metadata: { seats: 2 } });

  const results = await page.request.get(`/api/bulk/jobs/${job.id}/results`);
  const rows = Papa.parse<Record<string, string>>((await results.text()).trim(), { header: true }).data;
  expect(rows).toHaveLength(30);
  expect(new Set(rows.map((row) => row.status)).size).toBe(1);
  expect(rows[0]!.status).toMatch(/^accepted by bulk job job_[0-9a-f]+$/);
  await page.context().close();
});

test("a 409 from Userpilot makes the job wait, in words, then send", async ({ browser, request }) => {
  const page = await operatorPage(browser, request);
  await sandbox.respond({ status: 409 });
  const job = await postPlan(page.request, await bulkPlan(page.request, runPrefix("bulk409"), 5));
  await page.goto(`/bulk/jobs?job=${job.id}`);
  const panel = panelOf(page, 5);
  await expect(panel.getByText(/^Waiting: Userpilot is still running another bulk job on this account \(HTTP 409\)/)).toBeVisible();
  await expect(panel.getByText("Completed", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(panel.getByText("5 of 5 rows done · 0 failed")).toBeVisible();
  expect(await bulkPosts()).toHaveLength(2);
  await page.context().close();
});

test("a Userpilot job that ends `failed` shows the job failed with Userpilot's message", async ({ browser, request }) => {
  const page = await operatorPage(browser, request);
  const upstreamId = "bulk:jobs:NX-e2e:0001";
  await sandbox.respond({ status: 202, body: { job_id: upstreamId, status: "queued", total_rows: 4 } });
  await sandbox.respond({ status: 200, body: { job_id: upstreamId, status: "failed", total_rows: 4, completed_rows: 0, message: "seats must be a string" } });
  const job = await postPlan(page.request, await bulkPlan(page.request, runPrefix("bulkfail"), 4));
  await page.goto(`/bulk/jobs?job=${job.id}`);
  const panel = panelOf(page, 4);
  await expect(panel.getByText("Failed", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(panel.getByText(`Failed: 4 of 4 rows failed; the last: Userpilot's bulk job ${upstreamId} failed: seats must be a string`)).toBeVisible();
  await expect(panel.getByText("Userpilot's job: failed, 0 of 4 rows processed")).toBeVisible();
  await expect(panel.getByRole("button", { name: "Retry failed rows" })).toBeVisible();
  await page.context().close();
});

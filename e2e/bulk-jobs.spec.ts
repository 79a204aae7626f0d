import Papa from "papaparse";
import type { APIRequestContext } from "@playwright/test";
import { makeTempDir, removeTempDir, signIn, startAppServer, type AppServer } from "./support/app-server";
import { defaultEnvironmentId, planUserRow as userRow, usersPlan, type PlanUserRow } from "./support/bulk-plan";
import { expect, test } from "./support/fixtures";
import { bareForm, runPrefix, sendBody } from "./support/identify-api";
import { sandbox } from "./support/sandbox-control";
import { createStaff, signedInContext } from "./support/staff";

// Bulk jobs on the server: a plan posted as an operator runs with visible progress, every 202'd row reaches
// the fake upstream once, the results file lists every row; a SIGKILL mid-job loses and repeats nothing
// accepted; the pace keeps jobs and single sends together under the key's limit and uses it.

type Job = { id: string; state: string; total: number; done: number; sent: number; failed: number };

const parseCsv = (text: string) => Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;


async function postPlan(request: APIRequestContext, body: unknown, baseUrl = ""): Promise<Job> {
  const response = await request.post(`${baseUrl}/api/bulk/jobs`, { data: body, timeout: 60_000 });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { job: Job }).job;
}

async function jobOf(request: APIRequestContext, id: string, baseUrl = ""): Promise<Job> {
  return ((await (await request.get(`${baseUrl}/api/bulk/jobs/${id}`)).json()) as { job: Job }).job;
}

const sentIds = async () =>
  (await sandbox.requests())
    .filter((r) => r.path === "/v1/identify")
    .map((r) => (JSON.parse(r.body) as { user_id: string }).user_id);

function counts(ids: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const id of ids) map.set(id, (map.get(id) ?? 0) + 1);
  return map;
}

test.beforeEach(async () => {
  await sandbox.reset();
});

test.afterAll(async () => {
  await sandbox.reset();
});

test("an operator's job runs with visible progress, pauses and resumes, and its results list every row", async ({
  browser,
  request,
}) => {
  const operator = await createStaff(request, "operator");
  const context = await signedInContext(browser, operator);
  const page = await context.newPage();
  const prefix = runPrefix("bulk");
  const environmentId = await defaultEnvironmentId(page.request);
  const plan = (rows: PlanUserRow[]) => usersPlan(environmentId, rows);

  // A row that breaks the form's rules is refused with its path, and nothing is stored or sent.
  const refused = await page.request.post("/api/bulk/jobs", {
    data: plan([userRow(2, `${prefix}_ok`), { ...userRow(3, ""), values: { ...userRow(3, "").values } }]),
  });
  expect(refused.status()).toBe(400);
  const error = ((await refused.json()) as { error: { fields: { path: string; message: string }[] } }).error;
  expect(error.fields).toEqual([{ path: "rows.1.values.userId", message: "User ID is required" }]);
  expect(await sentIds()).toEqual([]);

  // Slow answers (two of them refusals), so the job is still running while the page watches it.
  await sandbox.respond({ status: 400, body: { errors: [{ error: "bad", error_code: "BAD", message: "seats is wrong" }] }, times: 2 });
  await sandbox.respond({ status: 202, delayMs: 60, times: 400 });
  const rows = Array.from({ length: 120 }, (_, i) => userRow(i + 2, `${prefix}_${String(i).padStart(3, "0")}`));
  const job = await postPlan(page.request, plan(rows));
  expect(job).toMatchObject({ state: "running", total: 120 });

  await page.goto(`/bulk/jobs?job=${job.id}`);
  const bar = page.getByRole("progressbar", { name: "Rows done" });
  await expect(bar).toBeVisible();
  await expect(page.getByText(/rows a minute/)).toBeVisible();
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /120 users to Sandbox/ })).toBeVisible();
  const pausedAt = Number(await bar.getAttribute("aria-valuenow"));
  expect(pausedAt).toBeGreaterThan(0);
  expect(pausedAt).toBeLessThan(120);
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(bar).toHaveAttribute("aria-valuenow", "120", { timeout: 20_000 });
  await expect(page.getByText("120 of 120 rows done · 2 failed")).toBeVisible();
  await expect(page.getByRole("table", { name: "Bulk jobs, newest first" })).toContainText(operator.email);

  // Every row Userpilot accepted reached it once.
  const perId = counts(await sentIds());
  expect([...perId.keys()].sort()).toEqual(rows.map((row) => row.values.userId));
  expect([...perId.values()].every((count) => count === 1)).toBe(true);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download results" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  const records = parseCsv(readFileSync(file!, "utf8"));
  expect(records).toHaveLength(120);
  expect(Object.keys(records[0]!)).toEqual(["user_id", "plan", "seats", "line", "status", "http_status", "message", "history_link"]);
  expect(records[0]).toMatchObject({ user_id: `${prefix}_000`, plan: "pro", seats: "2", line: "2" });
  expect(records.filter((r) => r.status === "failed").map((r) => [r.http_status, r.message])).toEqual([
    ["400", "seats is wrong"],
    ["400", "seats is wrong"],
  ]);
  expect(records.filter((r) => r.status === "sent")).toHaveLength(118);
  expect(records.every((r) => /\/history\/[0-9a-f-]{36}$/.test(r.history_link!))).toBe(true);

  // The history shows the job's rows, and only them.
  await page.getByRole("link", { name: "See its rows in the history" }).click();
  await expect(page).toHaveURL(new RegExp(`/history\\?job=${job.id}`));
  const history = (await (await page.request.get(`/api/history?job=${job.id}&limit=200`)).json()) as {
    rows: { userId: string; source: string }[];
  };
  expect(history.rows).toHaveLength(120);
  expect(new Set(history.rows.map((row) => row.source))).toEqual(new Set(["bulk"]));

  // Retry failed rows: a new job of the two failures.
  await page.goto(`/bulk/jobs?job=${job.id}`);
  await page.getByRole("button", { name: "Retry failed rows" }).click();
  await expect(page.getByRole("heading", { name: /2 users to Sandbox/ })).toBeVisible();
  await expect(page.getByText("2 of 2 rows done · 0 failed")).toBeVisible({ timeout: 15_000 });
  await context.close();
});

test.describe("on a server of its own", () => {
  let dir: string;
  let app: AppServer | undefined;

  test.beforeEach(() => {
    dir = makeTempDir("bulk");
  });

  test.afterEach(async () => {
    await app?.stop("SIGKILL");
    app = undefined;
    removeTempDir(dir);
  });

  test("a job killed mid-run by SIGKILL finishes after a restart, and no row on record as accepted is sent twice", async ({
    request,
  }) => {
    test.setTimeout(90_000);
    // On PostgreSQL the restarted server is another lease holder: it takes the job over once the dead
    // one's lease ends, so a short lease (renewed every third of it) keeps that wait short.
    const env = { BULK_LEASE_MS: "3000" };
    app = await startAppServer({ databaseFile: `${dir}/kill.db`, env });
    const { url, port, databaseFile } = app;
    await signIn(request, app);
    const environmentId = await defaultEnvironmentId(request, url);
    const plan = (rows: PlanUserRow[]) => usersPlan(environmentId, rows);
    const prefix = runPrefix("kill");
    await sandbox.respond({ status: 202, delayMs: 25, times: 2000 });
    const rows = Array.from({ length: 300 }, (_, i) => userRow(i + 2, `${prefix}_${String(i).padStart(3, "0")}`));
    const job = await postPlan(request, plan(rows), url);
    await expect.poll(async () => (await jobOf(request, job.id, url)).done, { timeout: 20_000 }).toBeGreaterThan(60);

    await app.stop("SIGKILL");
    const sentBeforeKill = (await sentIds()).length;
    expect(sentBeforeKill).toBeLessThan(300);
    app = await startAppServer({ databaseFile, port, env });
    await signIn(request, app);
    await expect.poll(async () => (await jobOf(request, job.id, url)).state, { timeout: 60_000 }).toBe("completed");

    const perId = counts(await sentIds());
    // Every row at least once.
    expect([...perId.keys()].sort()).toEqual(rows.map((row) => row.values.userId));
    // A row sent twice was in flight at the kill: its first attempt is "outcome unknown", never a 202.
    const history = (await (await request.get(`${url}/api/history?job=${job.id}&limit=200`)).json()) as {
      rows: { userId: string; status: string }[];
      nextCursor: string | null;
    };
    const all = [...history.rows];
    for (let cursor = history.nextCursor; cursor; ) {
      const query = new URLSearchParams({ job: job.id, limit: "200", cursor });
      const next = (await (await request.get(`${url}/api/history?${query.toString()}`)).json()) as typeof history;
      all.push(...next.rows);
      cursor = next.nextCursor;
    }
    const twice = [...perId].filter(([, count]) => count > 1).map(([id]) => id);
    expect(twice.length).toBeLessThanOrEqual(4);
    for (const id of twice) {
      expect(all.filter((row) => row.userId === id).map((row) => row.status).sort()).toEqual(["202", "unknown"]);
    }
    expect(all.filter((row) => row.status === "202")).toHaveLength(300);
    const results = parseCsv(await (await request.get(`${url}/api/bulk/jobs/${job.id}/results`)).text());
    expect(results.map((r) => r.status)).toEqual(rows.map(() => "sent"));
  });

  test("jobs and single sends on one key stay under its limit with no 429 and use at least 95% of it", async ({ request }) => {
    test.setTimeout(90_000);
    // 25 sends a second, well within what a busy 2-core machine serves, over 8-second windows: a turn comes
    // back a window after its request is answered, so an answer's time counts against the window's use.
    const limit = 200;
    const windowMs = 8000;
    await sandbox.rateLimit(limit, windowMs);
    app = await startAppServer({
      databaseFile: `${dir}/pace.db`,
      env: {
        UPSTREAM_RATE_PER_MINUTE: String(limit),
        UPSTREAM_RATE_WINDOW_MS: String(windowMs),
        // No retries, so a 429 would show as a failed row; no short timeout, so a slow machine does not.
        USERPILOT_MAX_RETRIES: "0",
        USERPILOT_TIMEOUT_MS: "30000",
      },
    });
    const { url } = app;
    await signIn(request, app);
    const plan = usersPlan(await defaultEnvironmentId(request, url), []);
    const prefix = runPrefix("pace");
    const rows = Array.from({ length: 800 }, (_, i) => userRow(i + 2, `${prefix}_${String(i).padStart(3, "0")}`));
    const job = await postPlan(request, { ...plan, rows }, url);
    // Single sends alongside, on the same key.
    const singles: number[] = [];
    while ((await jobOf(request, job.id, url)).state === "running" && singles.length < 30) {
      const response = await request.post(`${url}/api/identify`, {
        data: sendBody(bareForm(`${prefix}_single_${singles.length}`)),
      });
      singles.push(((await response.json()) as { outcome: { httpStatus: number } }).outcome.httpStatus);
    }
    await expect.poll(async () => (await jobOf(request, job.id, url)).state, { timeout: 60_000 }).toBe("completed");
    const results = parseCsv(await (await request.get(`${url}/api/bulk/jobs/${job.id}/results`)).text());
    expect(results.filter((row) => row.status !== "sent").map((row) => `${row.http_status} ${row.message}`)).toEqual([]);
    expect(await jobOf(request, job.id, url)).toMatchObject({ sent: 800, failed: 0 });
    expect(singles.length).toBeGreaterThan(5);
    expect(singles.every((status) => status === 202)).toBe(true);

    // Use: every full window from the first request holds at least 95% of the limit.
    const times = (await sandbox.requests()).map((r) => Date.parse(r.at)).sort((a, b) => a - b);
    expect(times.length).toBe(800 + singles.length);
    const first = times[0]!;
    const fullWindows = Math.floor((times.at(-1)! - first) / windowMs);
    expect(fullWindows).toBeGreaterThanOrEqual(3);
    for (let k = 0; k < fullWindows; k++) {
      const inWindow = times.filter((at) => at >= first + k * windowMs && at < first + (k + 1) * windowMs).length;
      expect(inWindow, `window ${k}`).toBeGreaterThanOrEqual(0.95 * limit);
      expect(inWindow, `window ${k}`).toBeLessThanOrEqual(limit);
    }
  });
});

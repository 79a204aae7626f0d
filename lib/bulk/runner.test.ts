import Papa from "papaparse";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SandboxServer } from "@/lib/sandbox/http-server";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import { receivedRequests, resetSandbox, scriptAnswer, startTestSandbox } from "@/lib/testing/sandbox-control";
import type { BulkJobPlan } from "./plan";
import type { JobProgress } from "./job-views";

// The engine against a real SQLite file and a real sandbox over HTTP: every row sent once, in order, on
// record; failures kept with their code and message; a crash's `sending` rows sent again unless accepted;
// Pause and Cancel before the next row.

const API_KEY = "bulk-runner-test-key";
const actor = { id: "o1", email: "operator@example.com", name: "Operator", role: "operator" } as const;
let sandbox: SandboxServer;

withTempAppDatabase("bulk-runner-test");

beforeAll(async () => {
  sandbox = await startTestSandbox(API_KEY);
  Object.assign(process.env, {
    USERPILOT_API_URL: sandbox.url,
    SANDBOX_API_KEY: API_KEY,
    USERPILOT_MAX_RETRIES: "0",
    USERPILOT_TIMEOUT_MS: "3000",
    HISTORY_REDACT_KEYS: "email",
  });
  delete process.env.USERPILOT_API_KEY;
});

afterAll(async () => {
  const { stopBulkRunner } = await import("./runner");
  await stopBulkRunner();
  await sandbox.close();
});

beforeEach(async () => {
  await resetSandbox(sandbox.url);
});

const userRow = (line: number, userId: string, extra: Record<string, string> = {}) => {
  const properties = Object.entries({ plan: "pro", ...extra }).map(([name, value]) => ({ name, type: "string" as const, value }));
  return {
    line,
    cells: [userId, ...properties.map((property) => property.value)],
    values: { userId, properties, companyId: "", companyProperties: [] },
  };
};

const source = (headers: string[]) => ({ name: "accounts.csv", headers, delimiter: "," as const });

function usersPlan(rows: ReturnType<typeof userRow>[], skipped: BulkJobPlan["skipped"] = []): BulkJobPlan {
  const names = rows[0]?.values.properties.map((property) => property.name) ?? [];
  return { version: 1, environmentId: "sandbox", kind: "users", mode: "realtime", source: source(["user_id", ...names]), skipped, rows };
}

async function start(plan: BulkJobPlan): Promise<JobProgress> {
  const { startJob } = await import("./jobs-service");
  const { startBulkRunner } = await import("./runner");
  await startBulkRunner();
  return startJob(plan, actor);
}

async function progress(id: string): Promise<JobProgress> {
  const { jobProgress } = await import("./jobs-service");
  const job = await jobProgress(id);
  if (!job) throw new Error("no job");
  return job;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sentUserIds = async () =>
  (await receivedRequests(sandbox.url))
    .filter((request) => request.path === "/v1/identify")
    .map((request) => (JSON.parse(request.body) as { user_id: string }).user_id);

async function rowsOf(jobId: string) {
  const { db } = await import("@/lib/db/client");
  return (await db()).selectFrom("bulk_job_rows").selectAll().where("job_id", "=", jobId).orderBy("idx").execute();
}

async function historyOf(jobId: string) {
  const { db } = await import("@/lib/db/client");
  return (await db()).selectFrom("requests").selectAll().where("job_id", "=", jobId).orderBy("created_at").execute();
}

describe("real-time mode", () => {
  it("sends every row once, each a history row of source bulk with the job's id", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => userRow(i + 2, `rt_${String(i).padStart(2, "0")}`, { email: `u${i}@example.com` }));
    const job = await start(usersPlan(rows));
    expect(job).toMatchObject({ state: "running", total: 25, startedBy: actor.email, environment: "Sandbox" });

    const done = await until(() => progress(job.id), (value) => value.state === "completed");
    expect(done).toMatchObject({ total: 25, sent: 25, failed: 0, done: 25 });
    // A few rows are in flight at once, so distinct ids may arrive in any order: each arrives once.
    expect((await sentUserIds()).sort()).toEqual(rows.map((row) => row.values.userId));

    const history = await historyOf(job.id);
    expect(history).toHaveLength(25);
    expect(new Set(history.map((row) => row.source))).toEqual(new Set(["bulk"]));
    expect(history.every((row) => row.status === "202" && row.sent_by === actor.email)).toBe(true);

    const stored = await rowsOf(job.id);
    expect(stored.map((row) => [row.state, row.attempts, row.http_status])).toEqual(rows.map(() => ["sent", 1, 202]));
    expect(stored.map((row) => row.history_id).sort()).toEqual(history.map((row) => row.id).sort());
    // Done rows keep masked values only; Userpilot got the real ones.
    expect(stored.some((row) => row.values_json.includes("@example.com"))).toBe(false);
    expect(stored[0]!.values_json).toContain("[redacted]");
    const first = (await receivedRequests(sandbox.url)).find((request) => request.body.includes('"rt_00"'))!;
    expect(JSON.parse(first.body)).toEqual({ user_id: "rt_00", metadata: { plan: "pro", email: "u0@example.com" } });
  });

  it("sends rows of one id one after another in file order, so the later row wins as Userpilot merges", async () => {
    await scriptAnswer(sandbox.url, { status: 202, delayMs: 60, times: 3 });
    const rows = [userRow(2, "dup", { plan: "a" }), userRow(3, "other"), userRow(4, "dup", { plan: "b" }), userRow(5, "dup", { plan: "c" })];
    const job = await start(usersPlan(rows));
    await until(() => progress(job.id), (value) => value.state === "completed");
    const plans = (await receivedRequests(sandbox.url))
      .map((request) => JSON.parse(request.body) as { user_id: string; metadata: { plan: string } })
      .filter((body) => body.user_id === "dup")
      .map((body) => body.metadata.plan);
    expect(plans).toEqual(["a", "b", "c"]);
  });

  it("keeps a refused row as failed with Userpilot's code and message, goes on, and retries only the failures", async () => {
    await scriptAnswer(sandbox.url, {
      status: 400,
      body: { errors: [{ error: "bad", error_code: "BAD", message: "metadata is wrong", details: null }] },
    });
    const job = await start(usersPlan([userRow(2, "f_a"), userRow(3, "f_b"), userRow(4, "f_c")]));
    const done = await until(() => progress(job.id), (value) => value.state === "completed");
    expect(done).toMatchObject({ sent: 2, failed: 1 });
    const stored = await rowsOf(job.id);
    expect(stored[0]).toMatchObject({ state: "failed", http_status: 400, message: "metadata is wrong", line: 2 });

    const { retryFailed } = await import("./jobs-service");
    const retried = await retryFailed(job.id, actor);
    expect(retried).toMatchObject({ total: 1, retryOf: job.id });
    await until(() => progress(retried.id), (value) => value.state === "completed");
    expect((await rowsOf(retried.id)).map((row) => [row.line, row.record_id, row.state, row.cells_json])).toEqual([
      [2, "f_a", "sent", JSON.stringify(["f_a", "pro"])],
    ]);
    expect((await sentUserIds()).filter((id) => id === "f_a")).toHaveLength(2);
  });

  it("sends companies to Identify Company with company_id and metadata", async () => {
    const job = await start({
      version: 1,
      environmentId: "sandbox",
      kind: "companies",
      mode: "realtime",
      source: source(["company_id", "seats"]),
      skipped: [],
      rows: [{ line: 2, cells: ["acme", "12"], values: { companyId: "acme", companyProperties: [{ name: "seats", type: "numeric", value: "12" }] } }],
    });
    await until(() => progress(job.id), (value) => value.state === "completed" && value.sent === 1);
    const [request] = await receivedRequests(sandbox.url);
    expect(request?.path).toBe("/v1/companies/identify");
    expect(JSON.parse(request!.body)).toEqual({ company_id: "acme", metadata: { seats: 12 } });
    const [history] = await historyOf(job.id);
    expect(history).toMatchObject({ company_id: "acme", source: "bulk", status: "202" });
  });

  it("pauses before the next row, resumes where it stopped, and cancel leaves the rest unsent", async () => {
    // Slow answers, so the job is surely mid-way when paused.
    await scriptAnswer(sandbox.url, { status: 202, delayMs: 150, times: 40 });
    const rows = Array.from({ length: 40 }, (_, i) => userRow(i + 2, `p_${String(i).padStart(2, "0")}`));
    const job = await start(usersPlan(rows));
    await until(() => progress(job.id), (value) => value.done >= 2);
    const { changeJob } = await import("./jobs-service");
    expect(await changeJob(job.id, "pause")).toMatchObject({ state: "paused" });
    // Rows already in flight finish; then nothing more goes.
    await until(rowsOf.bind(null, job.id), (stored) => stored.every((row) => row.state !== "sending"));
    const sentAtPause = (await sentUserIds()).length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await sentUserIds()).length).toBe(sentAtPause);
    expect(sentAtPause).toBeLessThan(40);
    expect((await progress(job.id)).state).toBe("paused");
    await expect(changeJob(job.id, "pause")).rejects.toMatchObject({ status: 409, code: "wrong_state" });

    expect(await changeJob(job.id, "resume")).toMatchObject({ state: "running" });
    await until(() => progress(job.id), (value) => value.done >= sentAtPause + 2);
    expect(await changeJob(job.id, "cancel")).toMatchObject({ state: "cancelled" });
    await until(rowsOf.bind(null, job.id), (stored) => stored.every((row) => row.state !== "sending"));
    const sentAtCancel = await sentUserIds();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await sentUserIds()).toEqual(sentAtCancel);
    expect(sentAtCancel.length).toBeLessThan(40);
    // Every row sent once, with no gap: the first rows of the file (several are in flight at once, so two
    // of different users may arrive in either order); the rest pending.
    expect([...sentAtCancel].sort()).toEqual(rows.slice(0, sentAtCancel.length).map((row) => row.values.userId));
    const stored = await rowsOf(job.id);
    expect(stored.filter((row) => row.state === "pending")).toHaveLength(40 - sentAtCancel.length);
    expect((await progress(job.id)).state).toBe("cancelled");
    await expect(changeJob(job.id, "resume")).rejects.toMatchObject({ status: 409, code: "wrong_state" });
  });
});

describe("the results file", () => {
  async function resultsOf(jobId: string): Promise<string[][]> {
    const { getJob } = await import("./job-store");
    const { jobResultsCsv } = await import("./results-csv");
    const job = await getJob(jobId);
    if (!job) throw new Error("no job");
    const text = await new Response(jobResultsCsv(job)).text();
    return Papa.parse<string[]>(text.trim(), { delimiter: ";" }).data;
  }

  it("lists every line of the file with its original cells, skipped rows with their reason, masked columns masked", async () => {
    await scriptAnswer(sandbox.url, {
      status: 400,
      body: { errors: [{ error: "bad", error_code: "BAD", message: "plan is wrong", details: null }] },
    });
    // "contact" feeds the masked property "email" (renamed in the mapping); "Email" is masked by its header.
    const row = (line: number, id: string) => ({
      line,
      cells: [id, `${id}@example.com`, `${id}@example.org`, "-3", "=cmd()"],
      values: {
        userId: id,
        properties: [
          { name: "email", type: "string" as const, value: `${id}@example.com` },
          { name: "delta", type: "numeric" as const, value: "-3" },
        ],
        companyId: "",
        companyProperties: [],
      },
    });
    const plan: BulkJobPlan = {
      version: 1,
      environmentId: "sandbox",
      kind: "users",
      mode: "realtime",
      source: { name: "a.csv", headers: ["user_id", "contact", "Email", "delta", "note"], delimiter: ";" },
      skipped: [{ line: 3, cells: ["", "x@example.com", "y@example.org", "1,000", "n"], reason: "user_id: User ID is required" }],
      rows: [row(2, "r_a"), row(4, "r_b")],
    };
    const job = await start(plan);
    expect(job).toMatchObject({ total: 2, skipped: 1 });
    await until(() => progress(job.id), (value) => value.state === "completed");
    const records = await resultsOf(job.id);
    const history = await historyOf(job.id);
    const linkOf = (userId: string) => `http://localhost:3000/history/${history.find((entry) => entry.user_id === userId)?.id}`;
    expect(records).toEqual([
      ["user_id", "contact", "Email", "delta", "note", "line", "status", "http_status", "message", "history_link"],
      ["r_a", "[redacted]", "[redacted]", "-3", "'=cmd()", "2", "failed", "400", "plan is wrong", linkOf("r_a")],
      ["", "[redacted]", "[redacted]", "1,000", "n", "3", "skipped", "", "user_id: User ID is required", ""],
      ["r_b", "[redacted]", "[redacted]", "-3", "'=cmd()", "4", "sent", "202", "", linkOf("r_b")],
    ]);
    expect(JSON.stringify(await rowsOf(job.id))).not.toContain("@example.");
  });
});

describe("after a crash", () => {
  it("sends a row left `sending` again, both attempts on record, but never a row whose 202 reached the history", async () => {
    const { stopBulkRunner, startBulkRunner } = await import("./runner");
    const { createJob, markDone, markSending, setJobState } = await import("./job-store");
    const { db } = await import("@/lib/db/client");
    const { recordOutcome, recordRequest } = await import("@/lib/history/record-request");
    await stopBulkRunner();

    // A job as a killed process leaves it: row 0 sent, row 1 in flight with no answer on record, row 2 in
    // flight with its 202 on record but not yet on the row, row 3 not started.
    const rows = [userRow(2, "c_sent"), userRow(3, "c_inflight"), userRow(4, "c_accepted", { email: "acc@example.com" }), userRow(5, "c_next")];
    const id = await createJob({ plan: usersPlan(rows), startedBy: actor.email, environmentId: "sandbox", environment: "Sandbox" });
    const database = await db();
    const context = { environment: { id: "sandbox", label: "Sandbox" }, sentBy: actor.email, source: "bulk" as const, replayOf: null, jobId: id };
    const pending = async (row: (typeof rows)[number]) => (await recordRequest(row.values, context)).id;
    const outcome = { status: "202", statusCode: 202, responseBody: "", upstreamRequestId: null, latencyMs: 1, attempts: [], errorMessage: null };
    const sentHistory = await pending(rows[0]!);
    await recordOutcome(sentHistory, rows[0]!.values, outcome);
    await markSending(id, 0);
    await markDone(id, 0, { state: "sent", httpStatus: 202, message: null, historyId: sentHistory, valuesJson: "{}" });
    const before = Date.now() - 1;
    await database.updateTable("bulk_job_rows").set({ state: "sending", attempts: 1, updated_at: before }).where("job_id", "=", id).where("idx", "in", [1, 2]).execute();
    await pending(rows[1]!);
    const acceptedHistory = await pending(rows[2]!);
    await recordOutcome(acceptedHistory, rows[2]!.values, outcome);
    await setJobState(id, "running");

    await startBulkRunner();
    await until(() => progress(id), (value) => value.state === "completed");

    expect(await sentUserIds()).toEqual(["c_inflight", "c_next"]);
    const stored = await rowsOf(id);
    expect(stored.map((row) => [row.record_id, row.state, row.attempts])).toEqual([
      ["c_sent", "sent", 1],
      ["c_inflight", "sent", 2],
      ["c_accepted", "sent", 1],
      ["c_next", "sent", 1],
    ]);
    expect(stored[2]!.history_id).toBe(acceptedHistory);
    // Settled from the history, the row keeps masked values like any done row.
    expect(stored[2]!.values_json).not.toContain("acc@example.com");
    expect(stored[2]!.values_json).toContain("[redacted]");
    const inflightHistory = (await historyOf(id)).filter((row) => row.user_id === "c_inflight");
    expect(inflightHistory.map((row) => row.status).sort()).toEqual(["202", "pending"]);
    expect((await progress(id))).toMatchObject({ sent: 4, failed: 0 });
  });
});

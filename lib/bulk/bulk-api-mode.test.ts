import { afterEach, describe, expect, it } from "vitest";
import { emptyFormValues } from "@/lib/identify/schema";
import { receivedRequests, scriptAnswer } from "@/lib/testing/sandbox-control";
import { testDatabaseKind } from "@/lib/testing/test-database";
import type { JobProgress } from "./job-views";
import { finished, historyRows, progressOf, startPlan, storedRows, testActor, testPlan, waitFor, withBulkSandbox } from "./testing/job-harness";

// Bulk API mode against a real SQLite file and a real sandbox over HTTP: chunks under Userpilot's limits,
// its job followed to the end, a 409 waited out, a 413 split, a failed job shown failed, and a restart that
// follows an accepted chunk's job instead of sending the chunk again.

const API_KEY = "bulk-api-mode-test-key";
const POLL_MS = 40;
const sandboxUrl = withBulkSandbox("bulk-api-mode-test", API_KEY, {
  USERPILOT_MAX_RETRIES: "0",
  USERPILOT_TIMEOUT_MS: "5000",
  HISTORY_REDACT_KEYS: "email",
  BULK_POLL_MS: String(POLL_MS),
});
const sandbox = { get url() { return sandboxUrl(); } };

afterEach(async () => {
  const { tuneBulkApiMode } = await import("./bulk-api-mode");
  tuneBulkApiMode(null);
});

const userRow = (line: number, userId: string, extra: Record<string, string> = {}) => {
  const properties = Object.entries({ plan: "pro", ...extra }).map(([name, value]) => ({ name, type: "string" as const, value }));
  return { line, values: { ...emptyFormValues(), userId, properties } };
};

const users = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => userRow(i + 2, `${prefix}_${String(i).padStart(5, "0")}`));

const bulkPlan = (rows: ReturnType<typeof userRow>[]) => testPlan("bulk", { kind: "users", rows: rows.map((row) => row.values) });

async function bulkPosts(path = "/v1/users/bulk_identify") {
  return (await receivedRequests(sandbox.url))
    .filter((request) => request.method === "POST" && request.path === path)
    .map((request) => JSON.parse(request.body) as Record<string, { user_id?: string; company_id?: string }[]>);
}

const polls = async () => (await receivedRequests(sandbox.url)).filter((request) => request.path.startsWith("/v1/background_jobs/"));

async function tune(maxRecords: number) {
  const { tuneBulkApiMode } = await import("./bulk-api-mode");
  tuneBulkApiMode({ maxRecords });
}

const completed = (job: JobProgress) => job.state === "completed";

// Folding a 10,000-row chunk into the known profiles is a few statements a row in one transaction: on
// PostgreSQL each is a round trip, some 25 s on a busy 2-core machine, more under heavier load.
const BIG_JOB_MS = testDatabaseKind() === "postgres" ? 180_000 : 60_000;

describe("bulk API mode", () => {
  it("sends 10,001 users as a chunk of 10,000 and a chunk of 1, each a history row, and every row accepted by its job", async () => {
    const rows = users(10_001, "big");
    rows[0] = userRow(2, "big_00000", { email: "first@example.com" });
    const job = await startPlan(bulkPlan(rows));
    const done = await waitFor(() => progressOf(job.id), finished, { timeoutMs: BIG_JOB_MS });
    expect(done).toMatchObject({ state: "completed", stateReason: null, sent: 10_001, failed: 0, done: 10_001 });

    const posts = await bulkPosts();
    expect(posts.map((body) => body.users!.length)).toEqual([10_000, 1]);
    expect(posts.flatMap((body) => body.users!.map((record) => record.user_id))).toEqual(rows.map((row) => row.values.userId));
    expect(posts[0]!.users![0]).toEqual({ user_id: "big_00000", metadata: { plan: "pro", email: "first@example.com" } });

    const history = await historyRows(job.id);
    expect(history.map((row) => [row.source, row.status, row.user_id, row.sent_by])).toEqual([
      ["bulk", "202", "", testActor.email],
      ["bulk", "202", "", testActor.email],
    ]);
    // The body on record is masked like any other; Userpilot got the real value.
    expect(history[0]!.request_body).toContain('"user_id":"big_00000"');
    expect(history[0]!.request_body).not.toContain("first@example.com");
    expect(history[0]!.request_body).toContain("[redacted]");

    const stored = await storedRows(job.id);
    const jobIds = [...new Set(stored.map((row) => row.message))];
    expect(jobIds).toHaveLength(2);
    expect(jobIds.every((message) => /^accepted by bulk job job_[0-9a-f]+$/.test(message ?? ""))).toBe(true);
    expect(stored.every((row) => row.state === "sent" && row.http_status === 202 && row.attempts === 1)).toBe(true);
    expect(stored[0]!.history_id).toBe(history[0]!.id);
    expect(stored[10_000]!.history_id).toBe(history[1]!.id);
    expect(stored[0]!.values_json).not.toContain("first@example.com");
    expect(done.upstream).toMatchObject({ status: "completed", totalRows: 1, completedRows: 1 });
  }, BIG_JOB_MS + 30_000);

  it("cuts a chunk at the byte limit as well as at the record limit", async () => {
    const { tuneBulkApiMode } = await import("./bulk-api-mode");
    // Each record is 51 bytes and the envelope 16: under 150 bytes, two records fit and three don't.
    tuneBulkApiMode({ maxRecords: 100, maxBytes: 150 });
    const job = await startPlan(bulkPlan(users(7, "bytes")));
    expect(await waitFor(() => progressOf(job.id), finished)).toMatchObject({ state: "completed", sent: 7 });
    const posts = await bulkPosts();
    expect(posts.map((body) => body.users!.length)).toEqual([2, 2, 2, 1]);
    expect(posts.every((body) => Buffer.byteLength(JSON.stringify(body)) < 150)).toBe(true);
  });

  it("polls Userpilot's job every BULK_POLL_MS and shows its states and rows processed", async () => {
    const jobId = "bulk:jobs:NX-7:2f1c";
    const answer = (status: string, completed: number) => ({ status: 200, body: { job_id: jobId, status, total_rows: 3, completed_rows: completed } });
    await scriptAnswer(sandbox.url, { status: 202, body: { job_id: jobId, status: "queued", total_rows: 3 } });
    for (const [status, rows] of [["validating", 0], ["processing", 1], ["pending_refresh", 3], ["completed", 3]] as const) {
      await scriptAnswer(sandbox.url, { ...answer(status, rows), times: status === "completed" ? 1 : 3 });
    }
    const job = await startPlan(bulkPlan(users(3, "poll")));
    const shown: string[] = [];
    const done = await waitFor(() => progressOf(job.id), finished, {
      seen: (value) => {
        const text = value.upstream && `${value.upstream.status} ${value.upstream.completedRows}/${value.upstream.totalRows}`;
        if (text && shown.at(-1) !== text) shown.push(text);
      },
    });
    expect(done).toMatchObject({ state: "completed", sent: 3, upstream: { jobId, status: "completed", completedRows: 3 } });
    expect(shown).toEqual(["queued 0/3", "validating 0/3", "processing 1/3", "pending_refresh 3/3", "completed 3/3"]);

    const asked = await polls();
    expect(asked).toHaveLength(10);
    expect(new Set(asked.map((request) => request.path))).toEqual(new Set([`/v1/background_jobs/${encodeURIComponent(jobId)}`]));
    const gaps = asked.slice(1).map((request, i) => Date.parse(request.at) - Date.parse(asked[i]!.at));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(POLL_MS - 5);
    expect((await storedRows(job.id)).map((row) => row.message)).toEqual(Array(3).fill(`accepted by bulk job ${jobId}`));
  });

  it("waits out a 409 (another bulk job running), saying so, then sends the chunk", async () => {
    await scriptAnswer(sandbox.url, { status: 409, times: 3 });
    const job = await startPlan(bulkPlan(users(4, "conflict")));
    const reasons = new Set<string>();
    const done = await waitFor(() => progressOf(job.id), finished, { seen: (value) => value.stateReason && reasons.add(value.stateReason) });
    expect(done).toMatchObject({ state: "completed", stateReason: null, sent: 4, failed: 0 });
    expect([...reasons].some((reason) => /^Waiting: Userpilot is still running another bulk job .*\(HTTP 409\)/.test(reason))).toBe(true);
    expect((await bulkPosts()).map((body) => body.users!.length)).toEqual([4, 4, 4, 4]);
    expect((await historyRows(job.id)).map((row) => row.status)).toEqual(["409", "409", "409", "202"]);
    expect((await storedRows(job.id)).map((row) => [row.state, row.attempts])).toEqual(Array(4).fill(["sent", 4]));
  });

  it("splits a chunk Userpilot answers 413 in two and sends the halves", async () => {
    await scriptAnswer(sandbox.url, { status: 413 });
    const job = await startPlan(bulkPlan(users(5, "split")));
    expect(await waitFor(() => progressOf(job.id), finished)).toMatchObject({ state: "completed", sent: 5, failed: 0 });
    const posts = await bulkPosts();
    expect(posts.map((body) => body.users!.map((record) => record.user_id))).toEqual([
      ["split_00000", "split_00001", "split_00002", "split_00003", "split_00004"],
      ["split_00000", "split_00001", "split_00002"],
      ["split_00003", "split_00004"],
    ]);
    expect((await historyRows(job.id)).map((row) => row.status)).toEqual(["413", "202", "202"]);
  });

  it("marks a chunk whose Userpilot job ends `failed` failed with Userpilot's message, and the job failed", async () => {
    const jobId = "bulk:jobs:NX-9:dead";
    await scriptAnswer(sandbox.url, { status: 202, body: { job_id: jobId, status: "queued", total_rows: 3 } });
    await scriptAnswer(sandbox.url, { status: 200, body: { job_id: jobId, status: "failed", total_rows: 3, completed_rows: 0, message: "metadata.plan is not a string" } });
    const job = await startPlan(bulkPlan(users(3, "doomed")));
    const done = await waitFor(() => progressOf(job.id), finished);
    const message = `Userpilot's bulk job ${jobId} failed: metadata.plan is not a string`;
    expect(done).toMatchObject({ state: "failed", sent: 0, failed: 3, stateReason: `Failed: 3 of 3 rows failed; the last: ${message}` });
    expect((await storedRows(job.id)).map((row) => [row.state, row.http_status, row.message])).toEqual(Array(3).fill(["failed", 202, message]));
  });

  it("ends completed with failures, in words, when one chunk's job failed and another's completed", async () => {
    await tune(2);
    await scriptAnswer(sandbox.url, { status: 202, body: { job_id: "j1", status: "queued", total_rows: 2 } });
    await scriptAnswer(sandbox.url, { status: 200, body: { job_id: "j1", status: "failed", total_rows: 2, completed_rows: 0 } });
    const job = await startPlan(bulkPlan(users(4, "mixed")));
    const done = await waitFor(() => progressOf(job.id), finished);
    expect(done).toMatchObject({ state: "completed", sent: 2, failed: 2 });
    expect(done.stateReason).toBe("Completed with failures: 2 of 4 rows failed; the last: Userpilot's bulk job j1 failed: Userpilot gave no reason");

    const { getJob } = await import("./job-store");
    const { jobResultsCsv } = await import("./results-csv");
    const csv = await new Response(jobResultsCsv((await getJob(job.id))!)).text();
    const lines = csv.trim().split(/\r?\n/).map((line) => line.split(","));
    expect(lines[0]).toEqual(["id", "line", "status", "http_status", "message", "history_link"]);
    expect(lines.slice(1).map((cells) => cells.slice(2, 5))).toEqual([
      ["failed", "202", "Userpilot's bulk job j1 failed: Userpilot gave no reason"],
      ["failed", "202", "Userpilot's bulk job j1 failed: Userpilot gave no reason"],
      [expect.stringMatching(/^accepted by bulk job job_[0-9a-f]+$/), "202", ""],
      [expect.stringMatching(/^accepted by bulk job job_[0-9a-f]+$/), "202", ""],
    ]);
  });

  it("queues a second bulk job of the same environment behind the first, so neither meets a 409", async () => {
    await tune(2);
    const first = await startPlan(bulkPlan(users(4, "first")));
    const second = await startPlan(bulkPlan(users(2, "second")));
    const reasons = new Set<string>();
    await waitFor(() => progressOf(second.id), completed, { seen: (value) => value.stateReason && reasons.add(value.stateReason) });
    expect(await progressOf(first.id)).toMatchObject({ state: "completed", sent: 4 });
    expect([...reasons]).toContain(`Queued: waiting for bulk job ${first.id} on this environment to end (Userpilot runs one bulk job at a time)`);
    const statuses = [...(await historyRows(first.id)), ...(await historyRows(second.id))].map((row) => row.status);
    expect(statuses).toEqual(["202", "202", "202"]);
    expect((await bulkPosts()).map((body) => body.users![0]!.user_id)).toEqual(["first_00000", "first_00002", "second_00000"]);
  });

  it("sends companies to the companies' bulk endpoint with company_id and metadata", async () => {
    const job = await startPlan(
      testPlan("bulk", {
        kind: "companies",
        rows: [{ companyId: "acme", companyProperties: [{ name: "seats", type: "numeric", value: "12" }] }],
      }),
    );
    expect(await waitFor(() => progressOf(job.id), finished)).toMatchObject({ state: "completed", sent: 1 });
    expect(await bulkPosts("/v1/companies/bulk_identify")).toEqual([{ companies: [{ company_id: "acme", metadata: { seats: 12 } }] }]);
  });

  it("sends a user's company as company_id, and fails a row with company properties, which a bulk record can't carry", async () => {
    const withCompany = { ...userRow(2, "co_user"), values: { ...userRow(2, "co_user").values, companyId: "acme" } };
    const withProps = { ...userRow(3, "co_props"), values: { ...withCompany.values, userId: "co_props", companyProperties: [{ name: "tier", type: "string" as const, value: "gold" }] } };
    const job = await startPlan(bulkPlan([withCompany, withProps]));
    expect(await waitFor(() => progressOf(job.id), finished)).toMatchObject({ state: "completed", sent: 1, failed: 1 });
    expect(await bulkPosts()).toEqual([{ users: [{ user_id: "co_user", company_id: "acme", metadata: { plan: "pro" } }] }]);
    const { COMPANY_PROPERTIES_REFUSAL } = await import("./bulk-records");
    expect((await storedRows(job.id))[1]).toMatchObject({ state: "failed", message: COMPANY_PROPERTIES_REFUSAL });
  });
});

describe("bulk API mode after a crash", () => {
  async function crashedJob(prefix: string) {
    const { stopBulkRunner } = await import("./runner");
    const { createJob, setJobState } = await import("./job-store");
    const { markChunkSending } = await import("./bulk-chunk-store");
    await stopBulkRunner();
    const rows = users(3, prefix);
    const id = await createJob({ plan: bulkPlan(rows), startedBy: testActor.email, environmentId: "sandbox", environment: "Sandbox" });
    await markChunkSending(id, [0, 1, 2]);
    await setJobState(id, "running");
    return { id, rows };
  }

  it("follows the stored Userpilot job of a chunk it had sent, never sending that chunk again", async () => {
    const { id, rows } = await crashedJob("resumed");
    // Userpilot took the chunk before the process died: its job id is on record.
    const accepted = await fetch(`${sandbox.url}/v1/users/bulk_identify`, {
      method: "POST",
      headers: { authorization: `Token ${API_KEY}`, "content-type": "application/json", "x-api-version": "2020-09-22" },
      body: JSON.stringify({ users: rows.map((row) => ({ user_id: row.values.userId })) }),
    });
    const { job_id: upstreamId } = (await accepted.json()) as { job_id: string };
    const { storeUpstreamJob } = await import("./bulk-chunk-store");
    await storeUpstreamJob(id, { jobId: upstreamId, status: "queued", totalRows: 3, completedRows: 0, historyId: null, httpStatus: 202 });

    const { startBulkRunner } = await import("./runner");
    await startBulkRunner();
    expect(await waitFor(() => progressOf(id), finished)).toMatchObject({ state: "completed", sent: 3 });
    expect(await bulkPosts()).toHaveLength(1);
    expect((await polls()).length).toBeGreaterThan(0);
    expect((await storedRows(id)).map((row) => [row.state, row.attempts, row.message])).toEqual(
      Array(3).fill(["sent", 1, `accepted by bulk job ${upstreamId}`]),
    );
  });

  it("sends a chunk again that had no answer from Userpilot when the process died", async () => {
    const { id } = await crashedJob("unanswered");
    const { startBulkRunner } = await import("./runner");
    await startBulkRunner();
    expect(await waitFor(() => progressOf(id), finished)).toMatchObject({ state: "completed", sent: 3 });
    expect((await bulkPosts()).map((body) => body.users!.length)).toEqual([3]);
    expect((await storedRows(id)).map((row) => [row.state, row.attempts])).toEqual(Array(3).fill(["sent", 2]));
  });
});

import { describe, expect, it } from "vitest";
import { jobProgress } from "./bulk-jobs";
import { errorsOf, makeSandbox } from "./sandbox-test-kit";

const STEP_MS = 1000;

describe("jobProgress", () => {
  it("is queued for the first step", () => {
    expect(jobProgress(0, STEP_MS, 10)).toEqual({ status: "queued", completedRows: 0 });
    expect(jobProgress(999, STEP_MS, 10)).toEqual({ status: "queued", completedRows: 0 });
  });

  it("is processing for the second step, with completed rows growing", () => {
    expect(jobProgress(1000, STEP_MS, 10)).toEqual({ status: "processing", completedRows: 0 });
    expect(jobProgress(1500, STEP_MS, 10)).toEqual({ status: "processing", completedRows: 5 });
    expect(jobProgress(1999, STEP_MS, 10)).toEqual({ status: "processing", completedRows: 9 });
  });

  it("is completed after two steps, or at once with a step of 0", () => {
    expect(jobProgress(2000, STEP_MS, 10)).toEqual({ status: "completed", completedRows: 10 });
    expect(jobProgress(0, 0, 10)).toEqual({ status: "completed", completedRows: 10 });
  });
});

const users = (count: number) => Array.from({ length: count }, (_, i) => ({ user_id: `u${i}` }));
const companies = (count: number) => Array.from({ length: count }, (_, i) => ({ company_id: `c${i}` }));

describe("POST /v1/users/bulk_identify", () => {
  it("answers 202 with a queued job", async () => {
    const { call } = makeSandbox({ jobStepMs: STEP_MS });
    const result = await call("POST", "/v1/users/bulk_identify", { users: users(3) });
    expect(result.status).toBe(202);
    expect(result.json).toEqual({
      job_id: expect.stringMatching(/^job_[0-9a-f]+$/),
      status: "queued",
      total_rows: 3,
      completed_rows: 0,
    });
  });

  it("answers 413 over 10,000 records and accepts exactly 10,000", async () => {
    const { call } = makeSandbox();
    const over = await call("POST", "/v1/users/bulk_identify", { users: users(10_001) });
    expect(over.status).toBe(413);
    expect(over.json).toMatchObject({ errors: [{ error_code: "too_many_records" }] });
    expect((await call("POST", "/v1/users/bulk_identify", { users: users(10_000) })).status).toBe(202);
  });

  it("answers 409 while another job of the key is unfinished, and accepts once it completes", async () => {
    const { call, clock } = makeSandbox({ jobStepMs: STEP_MS });
    await call("POST", "/v1/users/bulk_identify", { users: users(2) });
    const conflict = await call("POST", "/v1/companies/bulk_identify", { companies: companies(1) });
    expect(conflict.status).toBe(409);
    expect(conflict.json).toMatchObject({ errors: [{ error_code: "bulk_job_in_progress" }] });
    clock.now += 1500;
    expect((await call("POST", "/v1/users/bulk_identify", { users: users(1) })).status).toBe(409);
    clock.now += 500;
    expect((await call("POST", "/v1/users/bulk_identify", { users: users(1) })).status).toBe(202);
  });

  it("answers 400 naming the record's field", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/users/bulk_identify", {
      users: [{ user_id: "u0" }, { metadata: { plan: "pro" } }, { user_id: "u2", metadata: { tags: ["a"] } }],
    });
    expect(result.status).toBe(400);
    expect(errorsOf(result).map((error) => error.field)).toEqual([
      "users[1].user_id",
      "users[2].metadata.tags",
    ]);
  });

  it.each([
    ["users missing", {}, "users"],
    ["users not an array", { users: { user_id: "u1" } }, "users"],
    ["users empty", { users: [] }, "users"],
  ])("answers 400 for %s", async (_case, body, field) => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/users/bulk_identify", body);
    expect(result.status).toBe(400);
    expect(errorsOf(result)[0]?.field).toBe(field);
  });

  it("moves through queued, processing and completed, applying records only when completed", async () => {
    const { call, clock, store } = makeSandbox({ jobStepMs: STEP_MS });
    const created = await call("POST", "/v1/users/bulk_identify", {
      users: [
        { user_id: "u1", company_id: "c1", metadata: { plan: "pro" } },
        { user_id: "u2", metadata: { plan: "free" } },
        { user_id: "u3" },
        { user_id: "u4" },
      ],
    });
    const jobPath = `/v1/background_jobs/${(created.json as { job_id: string }).job_id}`;

    clock.now += 500;
    expect((await call("GET", jobPath)).json).toMatchObject({
      status: "queued",
      total_rows: 4,
      completed_rows: 0,
    });
    clock.now += 750;
    expect((await call("GET", jobPath)).json).toMatchObject({ status: "processing", completed_rows: 1 });
    clock.now += 500;
    expect((await call("GET", jobPath)).json).toMatchObject({ status: "processing", completed_rows: 3 });
    expect(await store.getUser("u1")).toBeUndefined();

    clock.now += 250;
    const done = await call("GET", jobPath);
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ status: "completed", total_rows: 4, completed_rows: 4 });
    expect(await store.getUser("u1")).toMatchObject({ metadata: { plan: "pro" }, company_id: "c1" });
    expect(await store.getUser("u4")).toMatchObject({ user_id: "u4", company_id: null });
    expect(await store.getCompany("c1")).toBeDefined();
  });

  it("applies a due job before a profile lookup, even if nobody polled it", async () => {
    const { call, clock } = makeSandbox({ jobStepMs: STEP_MS });
    await call("POST", "/v1/users/bulk_identify", { users: [{ user_id: "u1", metadata: { plan: "pro" } }] });
    expect((await call("GET", "/_sandbox/users/u1")).status).toBe(404);
    clock.now += 2 * STEP_MS;
    expect((await call("GET", "/_sandbox/users/u1")).json).toMatchObject({
      user: { metadata: { plan: "pro" } },
    });
  });

  it("merges bulk records into existing profiles with the null rule", async () => {
    const { call, clock, store } = makeSandbox({ jobStepMs: 0 });
    await call("POST", "/v1/identify", { user_id: "u1", metadata: { plan: "free", seats: 2 } });
    await call("POST", "/v1/users/bulk_identify", {
      users: [{ user_id: "u1", metadata: { plan: "pro", seats: null } }],
    });
    clock.now += 1;
    await call("GET", "/v1/validate");
    expect((await store.getUser("u1"))?.metadata).toEqual({ plan: "pro" });
  });
});

describe("POST /v1/companies/bulk_identify", () => {
  it("answers 413 over 10,000 companies", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/companies/bulk_identify", { companies: companies(10_001) });
    expect(result.status).toBe(413);
  });

  it("applies the companies once the job completes", async () => {
    const { call, clock, store } = makeSandbox({ jobStepMs: STEP_MS });
    const created = await call("POST", "/v1/companies/bulk_identify", {
      companies: [{ company_id: "c1", metadata: { name: "Acme" } }],
    });
    expect(created.status).toBe(202);
    clock.now += 2 * STEP_MS;
    const job = await call("GET", `/v1/background_jobs/${(created.json as { job_id: string }).job_id}`);
    expect(job.json).toMatchObject({ status: "completed", completed_rows: 1 });
    expect((await store.getCompany("c1"))?.metadata).toEqual({ name: "Acme" });
  });

  it("answers 400 for a company record without company_id", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/companies/bulk_identify", { companies: [{ metadata: {} }] });
    expect(errorsOf(result)).toEqual([
      { message: "companies[0].company_id is required", field: "companies[0].company_id" },
    ]);
  });
});

describe("GET /v1/background_jobs/{job_id}", () => {
  it("answers 404 for an unknown job", async () => {
    const { call } = makeSandbox();
    const result = await call("GET", "/v1/background_jobs/job_unknown");
    expect(result.status).toBe(404);
    expect(errorsOf(result)[0]?.message).toBe("No background job with id job_unknown");
  });

  it("reports a job as failed when its records cannot be stored", async () => {
    const { call, clock, store } = makeSandbox({ jobStepMs: STEP_MS });
    store.saveUser = async () => {
      throw new Error("disk full");
    };
    const created = await call("POST", "/v1/users/bulk_identify", { users: users(2) });
    clock.now += 2 * STEP_MS;
    const job = await call("GET", `/v1/background_jobs/${(created.json as { job_id: string }).job_id}`);
    expect(job.json).toMatchObject({ status: "failed", completed_rows: 0 });
    expect((await call("POST", "/v1/users/bulk_identify", { users: users(1) })).status).toBe(202);
  });
});

describe("bulk jobs at the edges", () => {
  it("applies a job's records once, however often it is looked at afterwards", async () => {
    const { call, clock, store } = makeSandbox({ jobStepMs: STEP_MS });
    await call("POST", "/v1/users/bulk_identify", { users: [{ user_id: "u1" }, { user_id: "u2" }] });
    clock.now += 2 * STEP_MS;
    await call("GET", "/v1/validate");
    const appliedAt = new Date(clock.now).toISOString();
    clock.now += 5000;
    await call("GET", "/v1/validate");
    expect((await store.getUser("u1"))?.updated_at).toBe(appliedAt);
    expect((await store.getUser("u2"))?.updated_at).toBe(appliedAt);
  });

  it("does not let another key's unfinished job block a new one", async () => {
    const { call } = makeSandbox({ jobStepMs: STEP_MS });
    expect((await call("POST", "/v1/users/bulk_identify", { users: users(1) })).status).toBe(202);
    await call("POST", "/__control/accepted-key", { key: "other-key" });
    const other = await call("POST", "/v1/users/bulk_identify", { users: users(1) }, { authorization: "Token other-key" });
    expect(other.status).toBe(202);
  });

  it("stores a bulk user's company_id as their company", async () => {
    const { call, store } = makeSandbox({ jobStepMs: 0 });
    await call("POST", "/v1/users/bulk_identify", {
      users: [{ user_id: "u1", company_id: "c1", metadata: { plan: "pro" } }, { user_id: "u2" }],
    });
    await call("GET", "/v1/validate");
    expect(await store.getUser("u1")).toMatchObject({ company_id: "c1", metadata: { plan: "pro" } });
    expect(await store.getCompany("c1")).toMatchObject({ company_id: "c1", metadata: {} });
    expect(await store.getUser("u2")).toMatchObject({ company_id: null });
  });

  it("names the records field and the rule in each envelope error", async () => {
    const { call } = makeSandbox();
    expect(errorsOf(await call("POST", "/v1/users/bulk_identify", { users: {} }))).toEqual([
      { message: "users must be an array of records", field: "users" },
    ]);
    expect(errorsOf(await call("POST", "/v1/companies/bulk_identify", { companies: [] }))).toEqual([
      { message: "companies must contain at least one record", field: "companies" },
    ]);
    expect(errorsOf(await call("POST", "/v1/users/bulk_identify", [users(1)]))).toEqual([
      { message: "The request body must be a JSON object", field: undefined },
    ]);
  });

  it("reports processing with one row left for a job that fell due while its request was handled", async () => {
    // A clock that moves on at every reading: the request's settle sees the job still running, its answer
    // a moment later sees it due, before its records could be stored.
    let ticks = 0;
    const { call, store } = makeSandbox({ jobStepMs: STEP_MS, testMode: false, now: () => (ticks += 700) });
    const created = await call("POST", "/v1/users/bulk_identify", { users: users(3) });
    const jobPath = `/v1/background_jobs/${(created.json as { job_id: string }).job_id}`;
    expect((await call("GET", jobPath)).json).toMatchObject({ status: "processing", total_rows: 3, completed_rows: 2 });
    expect(await store.getUser("u0")).toBeUndefined();
    expect((await call("GET", jobPath)).json).toMatchObject({ status: "completed", completed_rows: 3 });
    expect(await store.getUser("u0")).toBeDefined();
  });

  it("answers invalid_json and names unknown jobs with not_found", async () => {
    const { call } = makeSandbox();
    expect((await call("POST", "/v1/users/bulk_identify", "{users: [")).json).toMatchObject({
      errors: [{ error_code: "invalid_json", message: "The request body must be valid JSON" }],
    });
    expect((await call("GET", "/v1/background_jobs/job_x")).json).toMatchObject({
      errors: [{ error_code: "not_found", message: "No background job with id job_x" }],
    });
  });

  it("accepts several companies and refuses an empty user list by name", async () => {
    const { call } = makeSandbox();
    expect((await call("POST", "/v1/companies/bulk_identify", { companies: companies(2) })).status).toBe(202);
    const { call: fresh } = makeSandbox();
    expect(errorsOf(await fresh("POST", "/v1/users/bulk_identify", { users: [] }))).toEqual([
      { message: "users must contain at least one record", field: "users" },
    ]);
  });
});

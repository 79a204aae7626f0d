import { describe, expect, it } from "vitest";
import { mergeMetadata } from "./profiles";
import { START_MS, errorsOf, makeSandbox } from "./sandbox-test-kit";

describe("mergeMetadata", () => {
  it("adds new properties and overwrites changed ones", () => {
    expect(mergeMetadata({ plan: "free", seats: 1 }, { plan: "pro", trial: true })).toEqual({
      plan: "pro",
      seats: 1,
      trial: true,
    });
  });

  it("removes a property sent as null and ignores null for an absent one", () => {
    expect(mergeMetadata({ plan: "free", seats: 1 }, { seats: null, gone: null })).toEqual({ plan: "free" });
  });

  it("keeps false and 0, which are values, not removals", () => {
    expect(mergeMetadata({ trial: true, seats: 5 }, { trial: false, seats: 0 })).toEqual({
      trial: false,
      seats: 0,
    });
  });

  it("does not mutate the current metadata", () => {
    const current = { plan: "free" };
    mergeMetadata(current, { plan: null });
    expect(current).toEqual({ plan: "free" });
  });
});

describe("profiles through identify", () => {
  it("creates a user with its metadata, company and update time", async () => {
    const { call, store } = makeSandbox();
    await call("POST", "/v1/identify", { user_id: "u1", metadata: { plan: "pro" }, company: { id: "c1" } });
    expect(await store.getUser("u1")).toEqual({
      user_id: "u1",
      metadata: { plan: "pro" },
      company_id: "c1",
      updated_at: new Date(START_MS).toISOString(),
    });
  });

  it("merges metadata across calls and removes properties sent as null", async () => {
    const { call, store, clock } = makeSandbox();
    await call("POST", "/v1/identify", {
      user_id: "u1",
      metadata: { plan: "free", seats: 2, email: "a@b.c" },
    });
    clock.now += 5000;
    await call("POST", "/v1/identify", { user_id: "u1", metadata: { plan: "pro", seats: null } });
    const user = await store.getUser("u1");
    expect(user?.metadata).toEqual({ plan: "pro", email: "a@b.c" });
    expect(user?.updated_at).toBe(new Date(START_MS + 5000).toISOString());
  });

  it("keeps the user's company when a call sends no company", async () => {
    const { call, store } = makeSandbox();
    await call("POST", "/v1/identify", { user_id: "u1", company: { id: "c1" } });
    await call("POST", "/v1/identify", { user_id: "u1", metadata: { plan: "pro" } });
    expect((await store.getUser("u1"))?.company_id).toBe("c1");
  });

  it("moves the user when a different company id is sent", async () => {
    const { call, store } = makeSandbox();
    await call("POST", "/v1/identify", { user_id: "u1", company: { id: "c1" } });
    await call("POST", "/v1/identify", { user_id: "u1", company: { id: "c2" } });
    expect((await store.getUser("u1"))?.company_id).toBe("c2");
    expect(await store.listUsersOfCompany("c1")).toEqual([]);
    expect(await store.listUsersOfCompany("c2")).toEqual(["u1"]);
  });

  it("merges company properties other than id into the company, removing nulls", async () => {
    const { call, store } = makeSandbox();
    await call("POST", "/v1/identify", { user_id: "u1", company: { id: "c1", name: "Acme", tier: "gold" } });
    await call("POST", "/v1/identify", { user_id: "u2", company: { id: "c1", tier: null, seats: 10 } });
    expect((await store.getCompany("c1"))?.metadata).toEqual({ name: "Acme", seats: 10 });
    expect(await store.listUsersOfCompany("c1")).toEqual(["u1", "u2"]);
  });

  it("merges company metadata through companies/identify", async () => {
    const { call, store } = makeSandbox();
    await call("POST", "/v1/companies/identify", {
      company_id: "c1",
      metadata: { name: "Acme", tier: "gold" },
    });
    await call("POST", "/v1/companies/identify", { company_id: "c1", metadata: { tier: null, plan: "pro" } });
    expect((await store.getCompany("c1"))?.metadata).toEqual({ name: "Acme", plan: "pro" });
  });

  it("loses no merge when identifies of one user arrive concurrently", async () => {
    const { call, store } = makeSandbox();
    await Promise.all(
      ["a", "b", "c", "d"].map((name) =>
        call("POST", "/v1/identify", { user_id: "u1", metadata: { [name]: 1 } }),
      ),
    );
    expect((await store.getUser("u1"))?.metadata).toEqual({ a: 1, b: 1, c: 1, d: 1 });
  });
});

describe("GET /_sandbox/users/{user_id}", () => {
  it("answers the user and their company, without a key", async () => {
    const { call } = makeSandbox();
    await call("POST", "/v1/identify", {
      user_id: "u 1",
      metadata: { plan: "pro" },
      company: { id: "c1", name: "Acme" },
    });
    const result = await call("GET", "/_sandbox/users/u%201", undefined, { authorization: undefined });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({
      user: { user_id: "u 1", metadata: { plan: "pro" }, company_id: "c1" },
      company: { company_id: "c1", metadata: { name: "Acme" } },
    });
  });

  it("answers company null for a user without a company", async () => {
    const { call } = makeSandbox();
    await call("POST", "/v1/identify", { user_id: "u1" });
    const result = await call("GET", "/_sandbox/users/u1");
    expect(result.json).toMatchObject({ user: { user_id: "u1", company_id: null }, company: null });
  });

  it("answers 404 for an unknown user", async () => {
    const { call } = makeSandbox();
    const result = await call("GET", "/_sandbox/users/nobody");
    expect(result.status).toBe(404);
    expect(result.json).toMatchObject({ errors: [{ error_code: "not_found" }] });
  });

  it("works without test mode", async () => {
    const { call } = makeSandbox({ testMode: false });
    await call("POST", "/v1/identify", { user_id: "u1" });
    expect((await call("GET", "/_sandbox/users/u1")).status).toBe(200);
  });
});

describe("GET /_sandbox/companies/{company_id}", () => {
  it("answers the company and the ids of its users", async () => {
    const { call } = makeSandbox();
    await call("POST", "/v1/identify", { user_id: "u1", company: { id: "c1" } });
    const result = await call("GET", "/_sandbox/companies/c1");
    expect(result.json).toMatchObject({ company: { company_id: "c1" }, user_ids: ["u1"] });
  });

  it("answers 404 for an unknown company", async () => {
    const { call } = makeSandbox();
    expect((await call("GET", "/_sandbox/companies/none")).status).toBe(404);
  });
});

describe("lookups at the edges", () => {
  it("names the id that was not found", async () => {
    const { call } = makeSandbox();
    expect(errorsOf(await call("GET", "/_sandbox/users/nobody"))).toEqual([
      { message: "No user with id nobody in the sandbox", field: undefined },
    ]);
    const company = await call("GET", "/_sandbox/companies/none");
    expect(errorsOf(company)).toEqual([{ message: "No company with id none in the sandbox", field: undefined }]);
    expect(company.json).toMatchObject({ errors: [{ error_code: "not_found" }] });
  });

  it("answers company null when the user's company is no longer stored", async () => {
    const { call, store } = makeSandbox();
    await store.saveUser({ user_id: "u1", metadata: {}, company_id: "gone", updated_at: "2030-01-01T00:00:00.000Z" });
    const result = await call("GET", "/_sandbox/users/u1");
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      user: { user_id: "u1", metadata: {}, company_id: "gone", updated_at: "2030-01-01T00:00:00.000Z" },
      company: null,
    });
  });
});

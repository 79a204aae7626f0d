import { describe, expect, it } from "vitest";
import { errorsOf, makeSandbox } from "./sandbox-test-kit";

describe("POST /v1/identify", () => {
  it("accepts a valid call with 202, a JSON content type and a request id", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/identify", {
      user_id: "u1",
      metadata: { plan: "pro", seats: 3, trial: false, churned_at: null },
      company: { id: "c1", name: "Acme" },
    });
    expect(result.status).toBe(202);
    expect(result.json).toEqual({});
    expect(result.headers["content-type"]).toBe("application/json");
    expect(result.headers["x-request-id"]).toMatch(/^sbx_[0-9a-f]{24}$/);
  });

  it("gives every response its own request id", async () => {
    const { call } = makeSandbox();
    const first = await call("POST", "/v1/identify", { user_id: "u1" });
    const second = await call("POST", "/v1/identify", { user_id: "u1" });
    expect(first.headers["x-request-id"]).not.toBe(second.headers["x-request-id"]);
  });

  it("answers 400 in the documented error shape when user_id is missing", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/identify", { metadata: { plan: "pro" } });
    expect(result.status).toBe(400);
    expect(result.headers["content-type"]).toBe("application/json");
    expect(result.json).toEqual({
      errors: [
        {
          error: "Bad Request",
          error_code: "validation_error",
          message: "user_id is required",
          details: { field: "user_id" },
        },
      ],
    });
  });

  it.each([
    ["an empty user_id", { user_id: "" }, "user_id must not be empty", "user_id"],
    ["a numeric user_id", { user_id: 42 }, "user_id must be a string", "user_id"],
    [
      "a company that is not an object",
      { user_id: "u1", company: "c1" },
      "company must be an object",
      "company",
    ],
    ["a null company", { user_id: "u1", company: null }, "company must be an object", "company"],
    [
      "a company without id",
      { user_id: "u1", company: { name: "Acme" } },
      "company.id is required when company is sent",
      "company.id",
    ],
    [
      "a company with an empty id",
      { user_id: "u1", company: { id: "" } },
      "company.id must not be empty",
      "company.id",
    ],
    [
      "metadata that is an array",
      { user_id: "u1", metadata: ["pro"] },
      "metadata must be an object",
      "metadata",
    ],
    [
      "metadata that is a string",
      { user_id: "u1", metadata: "pro" },
      "metadata must be an object",
      "metadata",
    ],
    [
      "an array metadata value",
      { user_id: "u1", metadata: { plan: ["pro"] } },
      "metadata.plan must be a string, number, boolean or null",
      "metadata.plan",
    ],
    [
      "a nested object metadata value",
      { user_id: "u1", metadata: { address: { city: "Paris" } } },
      "metadata.address must be a string, number, boolean or null",
      "metadata.address",
    ],
    [
      "a non-primitive company property",
      { user_id: "u1", company: { id: "c1", tags: ["b2b"] } },
      "company.tags must be a string, number, boolean or null",
      "company.tags",
    ],
  ])("answers 400 for %s, naming the field", async (_case, body, message, field) => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/identify", body);
    expect(result.status).toBe(400);
    expect(errorsOf(result)).toEqual([{ message, field }]);
  });

  it("answers 400 invalid_json for a body that is not JSON", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/identify", "{user_id: u1");
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ errors: [{ error_code: "invalid_json" }] });
    expect(errorsOf(result)).toEqual([{ message: "The request body must be valid JSON", field: undefined }]);
  });

  it.each([
    ["an array", "[]"],
    ["a string", '"u1"'],
    ["null", "null"],
    ["an empty body", ""],
  ])("answers 400 for a body that is %s", async (_case, raw) => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/identify", raw);
    expect(result.status).toBe(400);
    expect(errorsOf(result)[0]?.message).toMatch(/^The request body must be/);
  });

  it("reports every problem of a body, one error each", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/identify", { metadata: { a: [] }, company: {} });
    expect(errorsOf(result).map((error) => error.field)).toEqual(["user_id", "metadata.a", "company.id"]);
  });

  it("does not change any profile when it rejects a call", async () => {
    const { call, store } = makeSandbox();
    await call("POST", "/v1/identify", { user_id: "u1", metadata: { plan: ["pro"] } });
    expect(await store.getUser("u1")).toBeUndefined();
  });
});

describe("POST /v1/track", () => {
  it("accepts an event with 202 and leaves profiles alone", async () => {
    const { call, store } = makeSandbox();
    const result = await call("POST", "/v1/track", {
      user_id: "u1",
      event_name: "Signed up",
      metadata: { plan: "pro" },
    });
    expect(result.status).toBe(202);
    expect(await store.getUser("u1")).toBeUndefined();
  });

  it("answers 400 when event_name is missing", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/track", { user_id: "u1" });
    expect(result.status).toBe(400);
    expect(errorsOf(result)).toEqual([{ message: "event_name is required", field: "event_name" }]);
  });

  it("answers 400 when user_id is missing", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/track", { event_name: "Signed up" });
    expect(errorsOf(result)).toEqual([{ message: "user_id is required", field: "user_id" }]);
  });

  it("answers 400 for a non-primitive event property", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/track", {
      user_id: "u1",
      event_name: "x",
      metadata: { items: [1] },
    });
    expect(errorsOf(result)).toEqual([
      { message: "metadata.items must be a string, number, boolean or null", field: "metadata.items" },
    ]);
  });
});

describe("POST /v1/companies/identify", () => {
  it("accepts a company with 202", async () => {
    const { call, store } = makeSandbox();
    const result = await call("POST", "/v1/companies/identify", {
      company_id: "c1",
      metadata: { name: "Acme" },
    });
    expect(result.status).toBe(202);
    expect((await store.getCompany("c1"))?.metadata).toEqual({ name: "Acme" });
  });

  it("answers 400 when company_id is missing", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/companies/identify", { metadata: { name: "Acme" } });
    expect(result.status).toBe(400);
    expect(errorsOf(result)).toEqual([{ message: "company_id is required", field: "company_id" }]);
  });
});

import { describe, expect, it } from "vitest";
import { emptyResponse, jsonResponse, newRequestId, singleErrorResponse } from "./responses";
import { makeSandbox } from "./sandbox-test-kit";

// Clients (and this console) read the whole documented error body, so each answer is checked in full.
describe("error bodies, titled with the status's reason phrase", () => {
  it("404 for an unknown path", async () => {
    const { call } = makeSandbox();
    const result = await call("GET", "/v1/nowhere");
    expect(result.json).toEqual({
      errors: [{ error: "Not Found", error_code: "not_found", message: "No endpoint at /v1/nowhere", details: {} }],
    });
  });

  it("405 names the method and the allowed ones, in the message and the Allow header", async () => {
    const { call } = makeSandbox();
    const result = await call("DELETE", "/v1/identify");
    expect(result.status).toBe(405);
    expect(result.headers.allow).toBe("POST");
    expect(result.json).toEqual({
      errors: [
        {
          error: "Method Not Allowed",
          error_code: "method_not_allowed",
          message: "DELETE is not allowed here; use POST",
          details: {},
        },
      ],
    });
  });

  it("409 while a bulk job runs", async () => {
    const { call } = makeSandbox({ jobStepMs: 1000 });
    await call("POST", "/v1/users/bulk_identify", { users: [{ user_id: "u1" }] });
    const result = await call("POST", "/v1/users/bulk_identify", { users: [{ user_id: "u2" }] });
    expect(result.json).toEqual({
      errors: [
        {
          error: "Conflict",
          error_code: "bulk_job_in_progress",
          message: "Another bulk job is still running; wait for it to finish",
          details: {},
        },
      ],
    });
  });

  it("413 names the records field and both counts", async () => {
    const { call } = makeSandbox();
    const companies = Array.from({ length: 10_001 }, (_, i) => ({ company_id: `c${i}` }));
    const result = await call("POST", "/v1/companies/bulk_identify", { companies });
    expect(result.json).toEqual({
      errors: [
        {
          error: "Payload Too Large",
          error_code: "too_many_records",
          message: "companies has 10001 records; at most 10000 are accepted per request",
          details: { field: "companies" },
        },
      ],
    });
  });

  it("500 when the store fails", async () => {
    const { call, store } = makeSandbox();
    store.saveUser = () => Promise.reject(new Error("disk full"));
    const result = await call("POST", "/v1/identify", { user_id: "u1" });
    expect(result.json).toEqual({
      errors: [
        {
          error: "Internal Server Error",
          error_code: "internal_error",
          message: "The sandbox failed: disk full",
          details: {},
        },
      ],
    });
  });

  it("500 names a thrown value that is not an Error", async () => {
    const { call, store } = makeSandbox();
    store.getUser = () => Promise.reject("locked" as unknown as Error);
    const result = await call("POST", "/v1/identify", { user_id: "u1" });
    expect(result.status).toBe(500);
    expect(result.json).toMatchObject({ errors: [{ message: "The sandbox failed: locked" }] });
  });

  it("400 for a body that is not JSON, or not an object", async () => {
    const { call } = makeSandbox();
    expect((await call("POST", "/v1/identify", "{")).json).toEqual({
      errors: [
        { error: "Bad Request", error_code: "invalid_json", message: "The request body must be valid JSON", details: {} },
      ],
    });
    expect((await call("POST", "/v1/identify", "[]")).json).toEqual({
      errors: [
        {
          error: "Bad Request",
          error_code: "validation_error",
          message: "The request body must be a JSON object",
          details: {},
        },
      ],
    });
  });

  it("a status without a reason phrase is titled Error", () => {
    const response = singleErrorResponse(418, "teapot", "No coffee", { field: "cup" });
    expect(response.status).toBe(418);
    expect(JSON.parse(response.body)).toEqual({
      errors: [{ error: "Error", error_code: "teapot", message: "No coffee", details: { field: "cup" } }],
    });
  });
});

describe("response helpers", () => {
  it("gives each response a fresh request id of 24 hex digits", () => {
    const first = newRequestId();
    expect(first).toMatch(/^sbx_[0-9a-f]{24}$/);
    expect(newRequestId()).not.toBe(first);
  });

  it("jsonResponse sends JSON with a request id, and lets headers override the defaults", () => {
    const response = jsonResponse(200, { ok: 1 }, { "content-type": "application/problem+json", extra: "yes" });
    expect(response).toEqual({
      status: 200,
      headers: {
        "content-type": "application/problem+json",
        "x-request-id": expect.stringMatching(/^sbx_/),
        extra: "yes",
      },
      body: '{"ok":1}',
    });
    expect(jsonResponse(201, []).headers["content-type"]).toBe("application/json");
  });

  it("emptyResponse has no body and no content type", () => {
    const response = emptyResponse(429, { "retry-after": "5" });
    expect(response).toEqual({
      status: 429,
      headers: { "x-request-id": expect.stringMatching(/^sbx_/), "retry-after": "5" },
      body: "",
    });
    expect(emptyResponse(204).headers).toEqual({ "x-request-id": expect.stringMatching(/^sbx_/) });
  });
});

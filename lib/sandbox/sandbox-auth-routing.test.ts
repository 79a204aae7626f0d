import { describe, expect, it } from "vitest";
import { TEST_KEY, errorsOf, makeSandbox } from "./sandbox-test-kit";

describe("authentication", () => {
  it("answers 401 in the documented error shape without an Authorization header", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/identify", { user_id: "u1" }, { authorization: undefined });
    expect(result.status).toBe(401);
    expect(result.headers["content-type"]).toBe("application/json");
    expect(result.json).toMatchObject({
      errors: [{ error: "Unauthorized", error_code: "unauthorized", details: {} }],
    });
    expect(errorsOf(result)[0]?.message).toMatch(/Missing Authorization header/);
  });

  it("answers 401 for a wrong key", async () => {
    const { call } = makeSandbox();
    const result = await call(
      "POST",
      "/v1/identify",
      { user_id: "u1" },
      { authorization: "Token not-the-key" },
    );
    expect(result.status).toBe(401);
    expect(errorsOf(result)[0]?.message).toMatch(/Invalid API key/);
  });

  it("does not spend the key's rate limit on requests with a wrong key", async () => {
    const { call } = makeSandbox({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 10; i++) {
      expect((await call("GET", "/v1/validate", undefined, { authorization: "Token sandbox" })).status).toBe(401);
      expect((await call("GET", "/v1/validate", undefined, { authorization: undefined })).status).toBe(401);
    }
    for (let i = 0; i < 3; i++) expect((await call("GET", "/v1/validate")).status).toBe(200);
    expect((await call("GET", "/v1/validate")).status).toBe(429);
  });

  it("answers 401 for another scheme, even with the right key", async () => {
    const { call } = makeSandbox();
    const result = await call(
      "POST",
      "/v1/identify",
      { user_id: "u1" },
      { authorization: `Bearer ${TEST_KEY}` },
    );
    expect(result.status).toBe(401);
    expect(errorsOf(result)[0]?.message).toMatch(/Token scheme/);
  });

  it.each([`token ${TEST_KEY}`, `TOKEN ${TEST_KEY}`, `Token   ${TEST_KEY}`])("accepts %j", async (header) => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/identify", { user_id: "u1" }, { authorization: header });
    expect(result.status).toBe(202);
  });

  it("checks the key before the body", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/identify", "not json", { authorization: "Token wrong" });
    expect(result.status).toBe(401);
  });

  it("guards every /v1 endpoint", async () => {
    const { call } = makeSandbox();
    const noKey = { authorization: undefined };
    const statuses = await Promise.all([
      call("GET", "/v1/validate", undefined, noKey),
      call("POST", "/v1/track", { user_id: "u1", event_name: "e" }, noKey),
      call("POST", "/v1/companies/identify", { company_id: "c1" }, noKey),
      call("POST", "/v1/users/bulk_identify", { users: [{ user_id: "u1" }] }, noKey),
      call("POST", "/v1/companies/bulk_identify", { companies: [{ company_id: "c1" }] }, noKey),
      call("GET", "/v1/background_jobs/job_1", undefined, noKey),
    ]);
    expect(statuses.map((result) => result.status)).toEqual([401, 401, 401, 401, 401, 401]);
  });
});

describe("GET /v1/validate", () => {
  it("answers 200 { valid: true } for a good key", async () => {
    const { call } = makeSandbox();
    const result = await call("GET", "/v1/validate");
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ valid: true });
  });
});

describe("routing", () => {
  it("answers 404 with the error body for an unknown /v1 path", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/users");
    expect(result.status).toBe(404);
    expect(result.json).toMatchObject({
      errors: [{ error_code: "not_found", message: "No endpoint at /v1/users" }],
    });
  });

  it("serves no /__control endpoints outside test mode", async () => {
    const { call } = makeSandbox({ testMode: false });
    expect((await call("GET", "/__control/requests")).status).toBe(404);
    expect((await call("POST", "/__control/accepted-key", { key: "mine" })).status).toBe(404);
    expect((await call("GET", "/v1/validate", undefined, { authorization: "Token mine" })).status).toBe(401);
  });

  it("answers 404 outside the known prefixes", async () => {
    const { call } = makeSandbox();
    expect((await call("GET", "/")).status).toBe(404);
    expect((await call("GET", "/health")).status).toBe(404);
  });

  it("answers 405 with an Allow header for a wrong method", async () => {
    const { call } = makeSandbox();
    const result = await call("GET", "/v1/identify");
    expect(result.status).toBe(405);
    expect(result.headers.allow).toBe("POST");
    expect(result.json).toMatchObject({ errors: [{ error_code: "method_not_allowed" }] });
  });

  it("answers 405 for POST on a GET endpoint", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/validate");
    expect(result.status).toBe(405);
    expect(result.headers.allow).toBe("GET");
  });

  it("ignores a query string when routing", async () => {
    const { call } = makeSandbox();
    const result = await call("POST", "/v1/identify?source=console", { user_id: "u1" });
    expect(result.status).toBe(202);
  });
});

describe("unexpected failures", () => {
  it("answers 500 in the error shape when the store fails", async () => {
    const { call, store } = makeSandbox();
    store.getUser = async () => {
      throw new Error("database is locked");
    };
    const result = await call("POST", "/v1/identify", { user_id: "u1" });
    expect(result.status).toBe(500);
    expect(result.json).toMatchObject({
      errors: [{ error_code: "internal_error", message: "The sandbox failed: database is locked" }],
    });
  });
});

describe("authentication and routing at the edges", () => {
  const MISSING = "Missing Authorization header: send Authorization: Token <API key>";
  const SCHEME = "The Authorization header must use the Token scheme: Authorization: Token <API key>";
  const INVALID = "Invalid API key: use the API key (not the App Token) from Settings > Environment";

  it.each([
    [undefined, MISSING],
    ["   ", MISSING],
    ["Token", SCHEME],
    [`xToken ${TEST_KEY}`, SCHEME],
    [`Token ${TEST_KEY} extra`, SCHEME],
    [`Bearer ${TEST_KEY}`, SCHEME],
    [`Token ${TEST_KEY}x`, INVALID],
  ])("refuses Authorization %j with the reason", async (authorization, message) => {
    const { call } = makeSandbox();
    const result = await call("GET", "/v1/validate", undefined, { authorization });
    expect(result.status).toBe(401);
    expect(errorsOf(result)).toEqual([{ message, field: undefined }]);
  });

  it("accepts the key with spaces around the header", async () => {
    const { call } = makeSandbox();
    const result = await call("GET", "/v1/validate", undefined, { authorization: `  Token ${TEST_KEY}  ` });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ valid: true });
  });

  it("matches the method whatever its case", async () => {
    const { call } = makeSandbox();
    expect((await call("post", "/v1/identify", { user_id: "u1" })).status).toBe(202);
  });

  it("ignores a fragment when routing", async () => {
    const { call } = makeSandbox();
    expect((await call("GET", "/v1/validate#top")).status).toBe(200);
  });

  it("answers 404 for a path parameter that is not valid percent-encoding", async () => {
    const { call } = makeSandbox();
    const result = await call("GET", "/_sandbox/users/%E0%A4%A");
    expect(result.status).toBe(404);
    expect(errorsOf(result)).toEqual([{ message: "No endpoint at /_sandbox/users/%E0%A4%A", field: undefined }]);
  });
});

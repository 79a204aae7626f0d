import { describe, expect, it } from "vitest";
import { TEST_KEY, errorsOf, makeSandbox } from "./sandbox-test-kit";

const respond = (body: unknown) => ["POST", "/__control/respond", body] as const;

describe("control endpoints without test mode", () => {
  it.each([
    ["POST", "/__control/respond", { status: 500 }],
    ["POST", "/__control/accepted-key", { key: "x" }],
    ["GET", "/__control/requests", undefined],
    ["POST", "/__control/reset", {}],
    ["POST", "/__control/rate-limit", { perMinute: 1 }],
  ])("%s %s answers 404", async (method, path, body) => {
    const { call } = makeSandbox({ testMode: false });
    const result = await call(method, path, body);
    expect(result.status).toBe(404);
    expect(result.json).toMatchObject({ errors: [{ error_code: "not_found" }] });
  });

  it("leaves the normal rules in charge", async () => {
    const { call } = makeSandbox({ testMode: false });
    await call(...respond({ status: 500 }));
    expect((await call("POST", "/v1/identify", { user_id: "u1" })).status).toBe(202);
  });
});

describe("POST /__control/respond", () => {
  it("serves the scripted status and JSON body to the next /v1 request, then the normal rules", async () => {
    const { call, store } = makeSandbox();
    const queued = await call(...respond({ status: 503, body: { errors: [{ message: "down" }] } }));
    expect(queued.json).toEqual({ pending: 1 });
    const scripted = await call("POST", "/v1/identify", { user_id: "u1" });
    expect(scripted.status).toBe(503);
    expect(scripted.json).toEqual({ errors: [{ message: "down" }] });
    expect(scripted.headers["content-type"]).toBe("application/json");
    expect(scripted.headers["x-request-id"]).toMatch(/^sbx_/);
    expect(await store.getUser("u1")).toBeUndefined();
    expect((await call("POST", "/v1/identify", { user_id: "u1" })).status).toBe(202);
  });

  it("repeats an answer `times` times", async () => {
    const { call } = makeSandbox();
    await call(...respond({ status: 429, times: 2 }));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call("POST", "/v1/identify", { user_id: "u1" })).status);
    expect(statuses).toEqual([429, 429, 202]);
  });

  it("serves queued answers in order", async () => {
    const { call } = makeSandbox();
    await call(...respond({ status: 500 }));
    await call(...respond({ status: 401 }));
    expect((await call("GET", "/v1/validate")).status).toBe(500);
    expect((await call("GET", "/v1/validate")).status).toBe(401);
  });

  it("sends a string body raw, with no body as empty, and adds scripted headers", async () => {
    const { call, sandbox } = makeSandbox();
    await call(
      ...respond({ status: 502, body: "<html>Bad gateway</html>", headers: { "Content-Type": "text/html" } }),
    );
    await call(...respond({ status: 429, headers: { "Retry-After": "7" } }));
    const raw = await sandbox.handle({ method: "GET", path: "/v1/validate", headers: {}, body: "" });
    expect(raw).toMatchObject({
      status: 502,
      body: "<html>Bad gateway</html>",
      headers: { "content-type": "text/html" },
    });
    const empty = await call("GET", "/v1/validate");
    expect(empty.body).toBe("");
    expect(empty.headers["retry-after"]).toBe("7");
    expect(empty.headers["content-type"]).toBeUndefined();
  });

  it("answers before auth: a scripted answer reaches even a request without a key", async () => {
    const { call } = makeSandbox();
    await call(...respond({ status: 202, body: {} }));
    expect((await call("POST", "/v1/identify", { user_id: "u1" }, { authorization: undefined })).status).toBe(
      202,
    );
  });

  it("waits delayMs before answering", async () => {
    const { call } = makeSandbox();
    await call(...respond({ status: 202, delayMs: 60 }));
    const startedAt = performance.now();
    await call("POST", "/v1/identify", { user_id: "u1" });
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(50);
  });

  it("hangs until reset when asked to", async () => {
    const { call } = makeSandbox();
    await call(...respond({ status: 504, hang: true }));
    let settled = false;
    const hanging = call("POST", "/v1/identify", { user_id: "u1" }).then((result) => {
      settled = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    await call("POST", "/__control/reset");
    expect((await hanging).status).toBe(504);
  });

  it.each([
    ["a missing status", { body: "x" }],
    ["a status out of range", { status: 99 }],
    ["times of 0", { status: 500, times: 0 }],
    ["a negative delay", { status: 500, delayMs: -1 }],
  ])("answers 400 for %s", async (_case, body) => {
    const { call } = makeSandbox();
    expect((await call(...respond(body))).status).toBe(400);
  });
});

describe("POST /__control/accepted-key", () => {
  it("makes the old key wrong and the new one right", async () => {
    const { call } = makeSandbox();
    const changed = await call("POST", "/__control/accepted-key", { key: "rotated" });
    expect(changed.status).toBe(200);
    expect((await call("POST", "/v1/identify", { user_id: "u1" })).status).toBe(401);
    const withNewKey = await call(
      "POST",
      "/v1/identify",
      { user_id: "u1" },
      { authorization: "Token rotated" },
    );
    expect(withNewKey.status).toBe(202);
  });

  it("answers 400 without a key", async () => {
    const { call } = makeSandbox();
    expect((await call("POST", "/__control/accepted-key", { key: "" })).status).toBe(400);
  });
});

describe("GET /__control/requests", () => {
  it("lists every /v1 request with lower-case headers and the raw body, scripted ones too", async () => {
    const { call } = makeSandbox();
    await call("POST", "/v1/identify", '{"user_id":"u1"}', { "x-api-version": "2020-09-22" });
    await call(...respond({ status: 500 }));
    await call("GET", "/v1/validate?check=1");
    await call("GET", "/_sandbox/users/u1");
    const result = await call("GET", "/__control/requests");
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      requests: [
        {
          method: "POST",
          path: "/v1/identify",
          headers: {
            authorization: `Token ${TEST_KEY}`,
            "content-type": "application/json",
            "x-api-version": "2020-09-22",
          },
          body: '{"user_id":"u1"}',
          at: "2030-01-01T00:00:00.000Z",
        },
        expect.objectContaining({ method: "GET", path: "/v1/validate?check=1", body: "" }),
      ],
    });
  });
});

describe("POST /__control/rate-limit", () => {
  it("changes the limit", async () => {
    const { call } = makeSandbox();
    expect((await call("POST", "/__control/rate-limit", { perMinute: 1 })).status).toBe(200);
    await call("GET", "/v1/validate");
    expect((await call("GET", "/v1/validate")).status).toBe(429);
  });

  it("answers 400 for a limit that is not a whole number", async () => {
    const { call } = makeSandbox();
    expect((await call("POST", "/__control/rate-limit", { perMinute: "ten" })).status).toBe(400);
  });
});

describe("POST /__control/reset", () => {
  it("clears scripted answers, requests, rate-limit counts, jobs and profiles, and restores key and limit", async () => {
    const { call, store } = makeSandbox({ rateLimitPerMinute: 5 });
    await call("POST", "/v1/identify", { user_id: "u1" });
    const job = await call("POST", "/v1/users/bulk_identify", { users: [{ user_id: "u2" }] });
    await call("POST", "/__control/rate-limit", { perMinute: 2 });
    await call("POST", "/__control/accepted-key", { key: "rotated" });
    await call(...respond({ status: 500, times: 3 }));

    const reset = await call("POST", "/__control/reset");
    expect(reset.status).toBe(200);

    expect(await store.getUser("u1")).toBeUndefined();
    expect((await call("GET", "/__control/requests")).json).toEqual({ requests: [] });
    const jobPath = `/v1/background_jobs/${(job.json as { job_id: string }).job_id}`;
    expect((await call("GET", jobPath)).status).toBe(404);
    // The job lookup was the first of 5 requests the restored limit allows, and the key is the original again.
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call("GET", "/v1/validate")).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect((await call("GET", "/v1/validate")).status).toBe(429);
  });
});

describe("control routing", () => {
  it("answers 404 for an unknown control path and 405 for a wrong method", async () => {
    const { call } = makeSandbox();
    expect((await call("POST", "/__control/unknown")).status).toBe(404);
    expect((await call("GET", "/__control/reset")).status).toBe(405);
  });
});

describe("control endpoints at the edges", () => {
  it("lower-cases scripted header names and lets them replace the defaults", async () => {
    const { call } = makeSandbox();
    await call(...respond({ status: 200, body: '{"raw": 1}', headers: { "Content-Type": "text/plain", "X-Request-Id": "mine" } }));
    const scripted = await call("GET", "/v1/validate");
    expect(scripted.headers).toEqual({ "content-type": "text/plain", "x-request-id": "mine" });
    expect(scripted.body).toBe('{"raw": 1}');
  });

  it("counts every pending answer, each as many times as it will be served", async () => {
    const { call } = makeSandbox();
    expect((await call(...respond({ status: 500, times: 3 }))).json).toEqual({ pending: 3 });
    expect((await call(...respond({ status: 502, times: 2 }))).json).toEqual({ pending: 5 });
    await call("GET", "/v1/validate");
    expect((await call(...respond({ status: 503 }))).json).toEqual({ pending: 5 });
  });

  it.each([
    [200, 200],
    [599, 200],
    [600, 400],
    [199, 400],
  ])("accepts scripted status %i with %i", async (status, expected) => {
    const { call } = makeSandbox();
    expect((await call(...respond({ status }))).status).toBe(expected);
  });

  it("names the problem with a control body", async () => {
    const { call } = makeSandbox();
    expect(errorsOf(await call("POST", "/__control/accepted-key", { key: "" }))).toEqual([
      { message: "key must not be empty", field: "key" },
    ]);
    expect((await call("POST", "/__control/rate-limit", { perMinute: -1 })).status).toBe(400);
    expect((await call("POST", "/__control/rate-limit", { perMinute: 0 })).status).toBe(200);
    expect((await call("POST", "/__control/respond", "not json")).status).toBe(400);
  });

  it("resets a sandbox whose store cannot be cleared", async () => {
    const { call, store } = makeSandbox();
    delete store.clear;
    expect((await call("POST", "/__control/reset")).status).toBe(200);
  });
});

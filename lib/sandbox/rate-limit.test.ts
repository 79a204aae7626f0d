import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit";
import { makeSandbox } from "./sandbox-test-kit";

describe("createRateLimiter", () => {
  it("allows perMinute requests in 60 s, then refuses with the seconds until room opens", () => {
    const clock = { now: 0 };
    const limiter = createRateLimiter({ perMinute: 2, now: () => clock.now });
    expect(limiter.take("k")).toEqual({ allowed: true });
    clock.now = 10_000;
    expect(limiter.take("k")).toEqual({ allowed: true });
    clock.now = 20_000;
    expect(limiter.take("k")).toEqual({ allowed: false, retryAfterSeconds: 40 });
  });

  it("slides: a request leaves the window 60 s after it was admitted", () => {
    const clock = { now: 0 };
    const limiter = createRateLimiter({ perMinute: 2, now: () => clock.now });
    limiter.take("k");
    clock.now = 10_000;
    limiter.take("k");
    clock.now = 60_001;
    expect(limiter.take("k")).toEqual({ allowed: true });
    expect(limiter.take("k")).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it("counts each key separately", () => {
    const limiter = createRateLimiter({ perMinute: 1, now: () => 0 });
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("b").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
  });

  it("does not count refused requests", () => {
    const clock = { now: 0 };
    const limiter = createRateLimiter({ perMinute: 1, now: () => clock.now });
    limiter.take("k");
    clock.now = 59_000;
    limiter.take("k");
    clock.now = 60_000;
    expect(limiter.take("k").allowed).toBe(true);
  });

  it("refuses everything with a limit of 0", () => {
    const limiter = createRateLimiter({ perMinute: 0, now: () => 0 });
    expect(limiter.take("k")).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("forgets counts on reset and applies a new limit", () => {
    const limiter = createRateLimiter({ perMinute: 1, now: () => 0 });
    limiter.take("k");
    limiter.reset();
    expect(limiter.take("k").allowed).toBe(true);
    limiter.setLimit(2);
    expect(limiter.take("k").allowed).toBe(true);
    expect(limiter.take("k").allowed).toBe(false);
  });
});

describe("429 from the sandbox", () => {
  it("answers 429 with an empty body and a retry-after header over the limit", async () => {
    const { call } = makeSandbox({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++)
      expect((await call("POST", "/v1/identify", { user_id: `u${i}` })).status).toBe(202);
    const limited = await call("POST", "/v1/identify", { user_id: "u4" });
    expect(limited.status).toBe(429);
    expect(limited.body).toBe("");
    expect(limited.headers["retry-after"]).toBe("60");
    expect(limited.headers["content-type"]).toBeUndefined();
    expect(limited.headers["x-request-id"]).toMatch(/^sbx_/);
  });

  it("does not apply a rate-limited identify", async () => {
    const { call, store } = makeSandbox({ rateLimitPerMinute: 1 });
    await call("POST", "/v1/identify", { user_id: "u1" });
    await call("POST", "/v1/identify", { user_id: "u2" });
    expect(await store.getUser("u2")).toBeUndefined();
  });

  it("counts every authenticated /v1 call, not just identify", async () => {
    const { call } = makeSandbox({ rateLimitPerMinute: 2 });
    await call("GET", "/v1/validate");
    await call("POST", "/v1/track", { user_id: "u1", event_name: "e" });
    expect((await call("POST", "/v1/identify", { user_id: "u1" })).status).toBe(429);
  });

  it("does not count requests refused for their key", async () => {
    const { call } = makeSandbox({ rateLimitPerMinute: 1 });
    for (let i = 0; i < 3; i++)
      await call("POST", "/v1/identify", { user_id: "u1" }, { authorization: "Token bad" });
    expect((await call("POST", "/v1/identify", { user_id: "u1" })).status).toBe(202);
  });

  it("lets requests through again once the window has passed", async () => {
    const { call, clock } = makeSandbox({ rateLimitPerMinute: 2 });
    await call("GET", "/v1/validate");
    await call("GET", "/v1/validate");
    clock.now += 30_000;
    const limited = await call("GET", "/v1/validate");
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("30");
    clock.now += 30_000;
    expect((await call("GET", "/v1/validate")).status).toBe(200);
  });
});

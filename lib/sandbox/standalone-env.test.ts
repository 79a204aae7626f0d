import { describe, expect, it } from "vitest";
import { parseSandboxEnv } from "./standalone-env";

describe("parseSandboxEnv", () => {
  it("falls back to the documented defaults", () => {
    expect(parseSandboxEnv({})).toEqual({
      port: 4010,
      host: "127.0.0.1",
      apiKey: "sandbox",
      rateLimitPerMinute: 600,
      jobStepMs: 2000,
      testMode: false,
    });
  });

  it("reads every variable", () => {
    expect(
      parseSandboxEnv({
        SANDBOX_PORT: "5000",
        SANDBOX_HOST: "0.0.0.0",
        SANDBOX_API_KEY: "k",
        SANDBOX_RATE_LIMIT_PER_MINUTE: "10",
        SANDBOX_JOB_STEP_MS: "50",
        SANDBOX_TEST_MODE: "1",
      }),
    ).toEqual({
      port: 5000,
      host: "0.0.0.0",
      apiKey: "k",
      rateLimitPerMinute: 10,
      jobStepMs: 50,
      testMode: true,
    });
  });

  it.each([
    ["true", true],
    ["TRUE", true],
    ["0", false],
    ["false", false],
    ["", false],
  ])("reads SANDBOX_TEST_MODE=%j as %s", (value, expected) => {
    expect(parseSandboxEnv({ SANDBOX_TEST_MODE: value }).testMode).toBe(expected);
  });

  it("treats blank values as unset", () => {
    expect(parseSandboxEnv({ SANDBOX_PORT: " ", SANDBOX_API_KEY: "" })).toMatchObject({
      port: 4010,
      apiKey: "sandbox",
    });
  });

  it.each([
    ["SANDBOX_PORT", "abc"],
    ["SANDBOX_PORT", "70000"],
    ["SANDBOX_RATE_LIMIT_PER_MINUTE", "-1"],
    ["SANDBOX_JOB_STEP_MS", "1.5"],
    ["SANDBOX_TEST_MODE", "yes"],
  ])("rejects %s=%j with a message naming the variable", (name, value) => {
    expect(() => parseSandboxEnv({ [name]: value })).toThrow(new RegExp(`${name}: `));
  });
});

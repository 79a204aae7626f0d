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

describe("parseSandboxEnv's message", () => {
  it("lists each bad variable on its own line with the rule it breaks", () => {
    expect(() =>
      parseSandboxEnv({ SANDBOX_PORT: "70000", SANDBOX_JOB_STEP_MS: "-5", SANDBOX_RATE_LIMIT_PER_MINUTE: "x" }),
    ).toThrow(
      new Error(
        [
          "Invalid sandbox configuration:",
          "  - SANDBOX_PORT: must be at most 65535",
          "  - SANDBOX_RATE_LIMIT_PER_MINUTE: must be a whole number",
          "  - SANDBOX_JOB_STEP_MS: must not be negative",
        ].join("\n"),
      ),
    );
    expect(() => parseSandboxEnv({ SANDBOX_TEST_MODE: "yes", SANDBOX_PORT: "1.5" })).toThrow(
      "Invalid sandbox configuration:\n  - SANDBOX_PORT: must be a whole number\n  - SANDBOX_TEST_MODE: must be 1, true, 0 or false",
    );
  });

  it("reads 1 as test mode and keeps a configured host and key", () => {
    expect(parseSandboxEnv({ SANDBOX_TEST_MODE: " 1 ", SANDBOX_HOST: "0.0.0.0", SANDBOX_API_KEY: "k" })).toMatchObject({
      testMode: true,
      host: "0.0.0.0",
      apiKey: "k",
    });
  });
});

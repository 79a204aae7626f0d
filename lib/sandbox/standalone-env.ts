import { z } from "zod";

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

function wholeNumber(fallback: number, max = Number.MAX_SAFE_INTEGER) {
  return z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "must be a whole number" })
      .int({ error: "must be a whole number" })
      .min(0, { error: "must not be negative" })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );
}

const sandboxEnvSchema = z.object({
  SANDBOX_PORT: wholeNumber(4010, 65535),
  SANDBOX_HOST: z.preprocess(blankToUndefined, z.string().default("127.0.0.1")),
  SANDBOX_API_KEY: z.preprocess(blankToUndefined, z.string().default("sandbox")),
  SANDBOX_RATE_LIMIT_PER_MINUTE: wholeNumber(600),
  SANDBOX_JOB_STEP_MS: wholeNumber(2000),
  SANDBOX_TEST_MODE: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z.enum(["1", "true", "0", "false"], { error: "must be 1, true, 0 or false" }).default("false"),
  ),
});

export type SandboxServerConfig = {
  port: number;
  host: string;
  apiKey: string;
  rateLimitPerMinute: number;
  jobStepMs: number;
  testMode: boolean;
};

/** Reads the standalone sandbox's settings; throws a message naming each bad variable. */
export function parseSandboxEnv(source: Record<string, string | undefined>): SandboxServerConfig {
  const result = sandboxEnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid sandbox configuration:\n${problems.join("\n")}`);
  }
  const env = result.data;
  return {
    port: env.SANDBOX_PORT,
    host: env.SANDBOX_HOST,
    apiKey: env.SANDBOX_API_KEY,
    rateLimitPerMinute: env.SANDBOX_RATE_LIMIT_PER_MINUTE,
    jobStepMs: env.SANDBOX_JOB_STEP_MS,
    testMode: env.SANDBOX_TEST_MODE === "1" || env.SANDBOX_TEST_MODE === "true",
  };
}

import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createSandbox } from "./sandbox";
import { createSqliteStore } from "./sqlite-store";
import type { Sandbox } from "./types";

const holder = globalThis as typeof globalThis & { __identifyConsoleSandbox?: Sandbox };

/** The sandbox this app serves under /api/sandbox when no real key is configured. */
export function inAppSandbox(): Sandbox {
  if (!holder.__identifyConsoleSandbox) {
    const config = env();
    holder.__identifyConsoleSandbox = createSandbox({
      apiKey: config.SANDBOX_API_KEY,
      rateLimitPerMinute: config.SANDBOX_RATE_LIMIT_PER_MINUTE,
      jobStepMs: config.SANDBOX_JOB_STEP_MS,
      store: createSqliteStore(db),
    });
  }
  return holder.__identifyConsoleSandbox;
}

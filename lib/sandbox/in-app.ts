import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { sandboxUserPath } from "@/lib/userpilot/protocol";
import { inAppSandboxKey } from "./in-app-key";
import { parseProfileAnswer, type ProfileLookup } from "./profile-client";
import { createSandbox } from "./sandbox";
import { createSqliteStore } from "./sqlite-store";
import type { Sandbox } from "./types";

const holder = globalThis as typeof globalThis & { __identifyConsoleSandbox?: Sandbox };

/** The sandbox this app serves under /api/sandbox when no real key is configured. */
export function inAppSandbox(): Sandbox {
  if (!holder.__identifyConsoleSandbox) {
    const config = env();
    holder.__identifyConsoleSandbox = createSandbox({
      apiKey: inAppSandboxKey(),
      rateLimitPerMinute: config.SANDBOX_RATE_LIMIT_PER_MINUTE,
      jobStepMs: config.SANDBOX_JOB_STEP_MS,
      store: createSqliteStore(db),
      // Never: the /__control endpoints change answers and the accepted key, and list what was received.
      testMode: false,
    });
  }
  return holder.__identifyConsoleSandbox;
}

/** Reads a profile from the built-in sandbox in-process (through its lookup, so due bulk jobs apply first). */
export async function readInAppProfile(userId: string): Promise<ProfileLookup> {
  const answer = await inAppSandbox().handle({
    method: "GET",
    path: sandboxUserPath(userId),
    headers: {},
    body: "",
  });
  return parseProfileAnswer(answer.status, answer.body);
}

import "server-only";
import { db } from "@/lib/db/client";
import { ConfigError, env } from "@/lib/env";
import { appSecret } from "@/lib/auth/app-secret";
import { ensureFirstAdmin } from "@/lib/auth/first-admin";
import { resealLegacyKeys, unreadableEnvironmentNames } from "@/lib/environments/store";
import { resolveTarget } from "@/lib/environments/target";
import { startHistoryMaintenance } from "@/lib/history/maintenance";
import { startBulkJobs } from "@/lib/bulk/maintenance";
import { inAppSandboxKey } from "@/lib/sandbox/in-app-key";

/** Runs once when `next start` boots: a bad configuration or database stops the server here, not later. */
export async function startServer(): Promise<void> {
  try {
    const target = resolveTarget(env());
    const config = env();
    await db();
    // Made (with its warning) at start, not at the first sign-in, so whoever starts the server sees it.
    appSecret();
    await resealLegacyKeys();
    const unreadable = await unreadableEnvironmentNames();
    if (unreadable.length > 0) {
      console.warn(
        `Warning: the stored API key of ${unreadable.map((name) => `"${name}"`).join(", ")} can't be read with the current APP_SECRET (or its address was changed outside the console): sends to it are refused until an admin enters the key again in Settings > Environments.`,
      );
    }
    await ensureFirstAdmin(config.APP_URL ?? `http://localhost:${config.PORT}`);
    await startHistoryMaintenance();
    await startBulkJobs();
    if (config.SANDBOX === "on") inAppSandboxKey();
    if (target.mode === "sandbox" && config.SANDBOX === "off") {
      console.warn(
        "SANDBOX=off and no USERPILOT_API_KEY: sends go only to environments an admin adds on the Environments page.",
      );
    } else {
      console.log(`Identify Console sends to: ${target.label} (${target.baseUrl})`);
    }
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}

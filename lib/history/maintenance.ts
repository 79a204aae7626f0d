import "server-only";
import { db } from "@/lib/db/client";
import { onOneServer } from "@/lib/db/one-server";
import { env } from "@/lib/env";
import { purgeSandboxProfilesOlderThan } from "@/lib/sandbox/sqlite-store";
import { markInterruptedAsUnknown, purgeOlderThan } from "./queries";

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Retention: history rows, and the built-in sandbox's profiles (they hold the same values unmasked). With
 * several servers on PostgreSQL, one purges and the others skip this round (nothing purged).
 */
export async function purgeExpiredHistory(now = Date.now()): Promise<{ requests: number; sandboxProfiles: number }> {
  const cutoff = now - env().HISTORY_RETENTION_DAYS * DAY_MS;
  const purged = await onOneServer(await db(), "history-retention", async (database) => ({
    requests: await purgeOlderThan(database, cutoff),
    sandboxProfiles: await purgeSandboxProfilesOlderThan(database, cutoff),
  }));
  return purged ?? { requests: 0, sandboxProfiles: 0 };
}

/** At start: finish what a previous process left pending, purge expired rows, and keep purging hourly. */
export async function startHistoryMaintenance(): Promise<void> {
  const database = await db();
  const interrupted = await markInterruptedAsUnknown(database, Date.now());
  if (interrupted > 0) console.warn(`History: ${interrupted} request(s) were in flight when the server stopped; marked "outcome unknown".`);
  const purged = await purgeExpiredHistory();
  const days = env().HISTORY_RETENTION_DAYS;
  if (purged.requests > 0) console.log(`History: purged ${purged.requests} request(s) older than ${days} days.`);
  if (purged.sandboxProfiles > 0) {
    console.log(`Sandbox: purged ${purged.sandboxProfiles} profile(s) unchanged for ${days} days.`);
  }
  const timer = setInterval(() => {
    purgeExpiredHistory().catch((error: unknown) => console.error("History retention purge failed:", error));
  }, HOUR_MS);
  timer.unref();
}

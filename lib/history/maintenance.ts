import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { markInterruptedAsUnknown, purgeOlderThan } from "./queries";

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export async function purgeExpiredHistory(now = Date.now()): Promise<number> {
  return purgeOlderThan(await db(), now - env().HISTORY_RETENTION_DAYS * DAY_MS);
}

/** At start: finish what a previous process left pending, purge expired rows, and keep purging hourly. */
export async function startHistoryMaintenance(): Promise<void> {
  const database = await db();
  const interrupted = await markInterruptedAsUnknown(database, Date.now());
  if (interrupted > 0) console.warn(`History: ${interrupted} request(s) were in flight when the server stopped; marked "outcome unknown".`);
  const purged = await purgeExpiredHistory();
  if (purged > 0) console.log(`History: purged ${purged} request(s) older than ${env().HISTORY_RETENTION_DAYS} days.`);
  const timer = setInterval(() => {
    purgeExpiredHistory().catch((error: unknown) => console.error("History retention purge failed:", error));
  }, HOUR_MS);
  timer.unref();
}

import "server-only";
import { db } from "@/lib/db/client";
import { onOneServer } from "@/lib/db/one-server";
import { env } from "@/lib/env";
import { purgeJobsOlderThan } from "./job-store";
import { startBulkRunner } from "./runner";

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Jobs follow the history's retention: an ended job older than HISTORY_RETENTION_DAYS goes, with its rows.
 * With several servers on PostgreSQL, one purges and the others skip this round.
 */
export async function purgeExpiredJobs(now = Date.now()): Promise<number> {
  const cutoff = now - env().HISTORY_RETENTION_DAYS * DAY_MS;
  return (await onOneServer(await db(), "bulk-retention", (database) => purgeJobsOlderThan(database, cutoff))) ?? 0;
}

/** At start: purge expired jobs (and hourly after), then resume every running job. */
export async function startBulkJobs(): Promise<void> {
  const purged = await purgeExpiredJobs();
  if (purged > 0) console.log(`Bulk jobs: purged ${purged} job(s) older than ${env().HISTORY_RETENTION_DAYS} days.`);
  const timer = setInterval(() => {
    purgeExpiredJobs().catch((error: unknown) => console.error("Bulk job retention purge failed:", error));
  }, HOUR_MS);
  timer.unref();
  await startBulkRunner();
}

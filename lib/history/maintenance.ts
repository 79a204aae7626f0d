import "server-only";
import { db } from "@/lib/db/client";
import { isPostgres } from "@/lib/db/dialect";
import { onOneServer } from "@/lib/db/one-server";
import { announcePresence, serverId, serversGone } from "@/lib/db/server-presence";
import { env } from "@/lib/env";
import { MAX_RETRY_AFTER_MS } from "@/lib/userpilot/retry";
import { purgeSandboxProfilesOlderThan } from "@/lib/sandbox/sqlite-store";
import { markInterruptedAsUnknown, pendingServers, purgeOlderThan } from "./queries";

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const INTERRUPTED_SWEEP_MS = 5_000;

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

/**
 * The longest a send can stay pending on a live server: every attempt timing out after its longest back-off,
 * and two windows of waiting for the pace. A row pending for longer lost its server.
 */
export function inFlightBoundMs(config = env()): number {
  const attempts = config.USERPILOT_MAX_RETRIES + 1;
  return attempts * (config.USERPILOT_TIMEOUT_MS + MAX_RETRY_AFTER_MS) + 2 * config.UPSTREAM_RATE_WINDOW_MS + MINUTE_MS;
}

/**
 * Pending rows whose server stopped become "outcome unknown". On SQLite (one server) every row pending at
 * start is such a row. On PostgreSQL other servers may be sending right now: a row is marked when the server
 * that wrote it is gone (its presence lock is free), or, for rows that don't name their server, when it has
 * been pending longer than a send can take; on one server at a time, at start and then every few seconds.
 */
export async function markInterruptedSends(now = Date.now()): Promise<number> {
  const database = await db();
  if (!isPostgres(database)) return markInterruptedAsUnknown(database, { startedBefore: now });
  const marked = await onOneServer(database, "history-interrupted", async (connection) => {
    const servers = await pendingServers(connection, serverId());
    const gone = await serversGone(database, servers);
    return markInterruptedAsUnknown(connection, { serversGone: gone, unnamedStartedBefore: now - inFlightBoundMs() });
  });
  return marked ?? 0;
}

function reportInterrupted(count: number): void {
  if (count > 0) console.warn(`History: ${count} request(s) were in flight when their server stopped; marked "outcome unknown".`);
}

/** At start: finish what a previous process left pending, purge expired rows, and keep purging hourly. */
export async function startHistoryMaintenance(): Promise<void> {
  const database = await db();
  if (isPostgres(database)) await announcePresence(env().DATABASE_URL);
  reportInterrupted(await markInterruptedSends());
  if (isPostgres(database)) {
    const sweep = setInterval(() => {
      announcePresence(env().DATABASE_URL)
        .then(() => markInterruptedSends())
        .then(reportInterrupted, (error: unknown) => console.error("History: marking interrupted sends failed:", error));
    }, INTERRUPTED_SWEEP_MS);
    sweep.unref();
  }
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

import "server-only";
import type { Kysely } from "kysely";
import { db } from "@/lib/db/client";
import { isPostgres } from "@/lib/db/dialect";
import { immediateTransaction } from "@/lib/db/immediate-transaction";
import type { Database } from "@/lib/db/schema";
import { serverId } from "@/lib/db/server-presence";
import type { JobRow } from "./job-store";

// Which server runs a job. Several servers on one PostgreSQL database each run a runner; a running job is
// run by the one holding its lease (bulk_jobs.lease_owner, until lease_until), which renews it while the job
// runs and gives it up when the job stops. A server that dies stops renewing: once the lease ends, another
// server claims the job and settles what was left in flight (runner.ts) before going on.
//
// Userpilot runs one bulk job per account at a time: a Bulk API mode job is claimed only when no other
// server holds a running Bulk API mode job of the same environment, so one server's queue
// (bulk-queue.ts) orders them all.
//
// SQLite has one server: its runner claims every running job, whatever a stopped process left on record.

/** Which database and which server: this process's by default (tests play two servers). */
export type LeaseHolder = { database: Kysely<Database>; owner: string };

const thisServer = async (): Promise<LeaseHolder> => ({ database: await db(), owner: serverId() });

/**
 * Claims the running jobs this server may run now (none of `skip`, which it runs already), for `leaseMs`.
 * One transaction: no two servers claim one job, nor two Bulk API mode jobs of one environment.
 */
export async function claimRunningJobs(
  skip: ReadonlySet<string>,
  leaseMs: number,
  holder?: LeaseHolder,
  now = Date.now(),
): Promise<JobRow[]> {
  const { database, owner } = holder ?? (await thisServer());
  return immediateTransaction(database, async (tx) => {
    const shared = isPostgres(tx);
    let query = tx.selectFrom("bulk_jobs").selectAll().where("state", "=", "running").orderBy("created_at").orderBy("id");
    if (shared) {
      query = query
        .where((eb) => eb.or([eb("lease_owner", "is", null), eb("lease_until", "<", now), eb("lease_owner", "=", owner)]))
        .forUpdate()
        .skipLocked();
    }
    const candidates = (await query.execute()).filter((job) => !skip.has(job.id));
    const busyEnvironments = shared ? await environmentsInBulkElsewhere(tx, owner, now) : new Set<string | null>();
    const claimed: JobRow[] = [];
    for (const job of candidates) {
      if (job.mode === "bulk" && busyEnvironments.has(job.environment_id)) continue;
      await tx
        .updateTable("bulk_jobs")
        .set({ lease_owner: owner, lease_until: now + leaseMs })
        .where("id", "=", job.id)
        .execute();
      claimed.push({ ...job, lease_owner: owner, lease_until: now + leaseMs });
    }
    return claimed;
  });
}

/** Environments where another server holds a running Bulk API mode job. */
async function environmentsInBulkElsewhere(tx: Kysely<Database>, owner: string, now: number): Promise<Set<string | null>> {
  const rows = await tx
    .selectFrom("bulk_jobs")
    .select("environment_id")
    .where("state", "=", "running")
    .where("mode", "=", "bulk")
    .where("lease_owner", "!=", owner)
    .where("lease_until", ">=", now)
    .execute();
  return new Set(rows.map((row) => row.environment_id));
}

/** Extends this server's leases on `ids`; the ids whose lease it no longer holds (taken over: it must stop). */
export async function renewLeases(
  ids: readonly string[],
  leaseMs: number,
  holder?: LeaseHolder,
  now = Date.now(),
): Promise<string[]> {
  if (ids.length === 0) return [];
  const { database, owner } = holder ?? (await thisServer());
  const renewed = await database
    .updateTable("bulk_jobs")
    .set({ lease_until: now + leaseMs })
    .where("id", "in", [...ids])
    .where("lease_owner", "=", owner)
    .returning("id")
    .execute();
  const held = new Set(renewed.map((row) => row.id));
  return ids.filter((id) => !held.has(id));
}

/** The job stopped here (ended, paused, or this server stops): any server may claim it when it runs again. */
export async function releaseLease(id: string, holder?: LeaseHolder): Promise<void> {
  const { database, owner } = holder ?? (await thisServer());
  await database
    .updateTable("bulk_jobs")
    .set({ lease_owner: null, lease_until: null })
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .execute();
}

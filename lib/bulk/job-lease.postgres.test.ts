import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/schema";
import { openDatabase } from "@/lib/db/open";
import { freshDatabaseUrl, locationOf } from "@/lib/testing/test-database";
import { claimRunningJobs, renewLeases, type LeaseHolder } from "./job-lease";

// Two servers on one PostgreSQL database, each with its own pool, claiming bulk jobs. (PostgreSQL only:
// vitest.postgres.config.mts.)

let tempDir: string;
let serverA: LeaseHolder;
let serverB: LeaseHolder;
const LEASE_MS = 10_000;

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "job-lease-test-"));
  const location = locationOf(await freshDatabaseUrl(tempDir));
  serverA = { database: await openDatabase(location), owner: "server-a" };
  serverB = { database: await openDatabase(location), owner: "server-b" };
});

afterAll(async () => {
  await serverA.database.destroy();
  await serverB.database.destroy();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await serverA.database.deleteFrom("bulk_jobs").execute();
});

let created = 0;
async function runningJob(database: Kysely<Database>, mode: "realtime" | "bulk" = "realtime", environmentId = "env-1") {
  const id = `job-${++created}`;
  await database
    .insertInto("bulk_jobs")
    .values({
      id,
      created_at: created,
      updated_at: created,
      started_by: "operator@example.com",
      environment_id: environmentId,
      environment: environmentId,
      kind: "users",
      mode,
      state: "running",
      state_reason: null,
      retry_of: null,
      total_rows: 1,
      finished_at: null,
      upstream_job: null,
      source_json: null,
    })
    .execute();
  return id;
}

const ids = (jobs: { id: string }[]) => jobs.map((job) => job.id).sort();

describe("bulk job leases on PostgreSQL", () => {
  it("gives each running job to exactly one of several servers claiming at the same time", async () => {
    const jobs = await Promise.all(Array.from({ length: 12 }, () => runningJob(serverA.database)));
    // Six servers (over two pools) claim at once.
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        claimRunningJobs(new Set(), LEASE_MS, { ...(i % 2 === 0 ? serverA : serverB), owner: `server-${i}` }),
      ),
    );
    const all = claims.flatMap(ids);
    expect(all.sort()).toEqual([...jobs].sort());
    // And a server claiming again while the other's lease holds gets nothing of it.
    expect(await claimRunningJobs(new Set(), LEASE_MS, serverB)).toEqual([]);
  });

  it("lets another server take over a job whose lease ended, and tells the old holder at its next renewal", async () => {
    const job = await runningJob(serverA.database);
    expect(ids(await claimRunningJobs(new Set(), 200, serverA))).toEqual([job]);
    expect(await claimRunningJobs(new Set(), LEASE_MS, serverB)).toEqual([]);
    // A renewal keeps it.
    expect(await renewLeases([job], 200, serverA)).toEqual([]);
    expect(await claimRunningJobs(new Set(), LEASE_MS, serverB)).toEqual([]);
    // Server A stops renewing (it died, or stalled): once the lease ends, B takes the job.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(ids(await claimRunningJobs(new Set(), LEASE_MS, serverB))).toEqual([job]);
    expect(await renewLeases([job], LEASE_MS, serverA)).toEqual([job]);
    expect(await claimRunningJobs(new Set(), LEASE_MS, serverA)).toEqual([]);
  });

  it("claims no Bulk API mode job while another server runs one of the same environment (Userpilot runs one at a time)", async () => {
    const first = await runningJob(serverA.database, "bulk", "env-1");
    expect(ids(await claimRunningJobs(new Set(), LEASE_MS, serverA))).toEqual([first]);
    const second = await runningJob(serverA.database, "bulk", "env-1");
    const otherEnvironment = await runningJob(serverA.database, "bulk", "env-2");
    const realtime = await runningJob(serverA.database, "realtime", "env-1");
    expect(ids(await claimRunningJobs(new Set(), LEASE_MS, serverB))).toEqual([otherEnvironment, realtime].sort());
    // The server running the environment's bulk job takes the next one, to queue it behind the first.
    expect(ids(await claimRunningJobs(new Set([first]), LEASE_MS, serverA))).toEqual([second]);
  });
});

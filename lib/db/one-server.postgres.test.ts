import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { purgeExpiredJobs } from "@/lib/bulk/maintenance";
import { purgeExpiredHistory } from "@/lib/history/maintenance";
import { requestRow } from "@/lib/history/testing/request-row";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import { locationOf } from "@/lib/testing/test-database";
import { onOneServer, type ServerTask } from "./one-server";
import { openDatabase } from "./open";
import type { Database } from "./schema";

// Retention runs on one server at a time: this process is one server (the app's db()), `other` a second
// one on the same PostgreSQL database. (PostgreSQL only: vitest.postgres.config.mts.)

withTempAppDatabase("one-server-test");
let other: Kysely<Database>;

beforeAll(async () => {
  other = await openDatabase(locationOf(process.env.DATABASE_URL ?? ""));
});

afterAll(async () => {
  await other.destroy();
});

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** The other server runs `task` until the returned function is called. */
async function otherServerBusyWith(task: ServerTask): Promise<() => Promise<void>> {
  let finish = () => undefined as void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let started = () => undefined as void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const done = onOneServer(other, task, async () => {
    started();
    await finished;
    return true;
  });
  await running;
  return async () => {
    finish();
    expect(await done).toBe(true);
  };
}

describe("retention on several servers", () => {
  it("runs a task on one server at a time: the other skips it, and other tasks still run", async () => {
    const release = await otherServerBusyWith("history-retention");
    let ran = false;
    expect(await onOneServer(await db(), "history-retention", async () => (ran = true))).toBeUndefined();
    expect(ran).toBe(false);
    expect(await onOneServer(await db(), "bulk-retention", async () => "ran")).toBe("ran");
    await release();
    expect(await onOneServer(await db(), "history-retention", async () => "ran")).toBe("ran");
  });

  it("skips the history and sandbox purge while another server runs it", async () => {
    const database = await db();
    await database.insertInto("requests").values(requestRow({ id: "expired", created_at: Date.now() - YEAR_MS })).execute();
    const release = await otherServerBusyWith("history-retention");
    expect(await purgeExpiredHistory()).toEqual({ requests: 0, sandboxProfiles: 0 });
    expect(await database.selectFrom("requests").select("id").execute()).toEqual([{ id: "expired" }]);
    await release();
    expect(await purgeExpiredHistory()).toEqual({ requests: 1, sandboxProfiles: 0 });
  });

  it("skips the bulk jobs' purge while another server runs it", async () => {
    const database = await db();
    const old = Date.now() - YEAR_MS;
    await database
      .insertInto("bulk_jobs")
      .values({
        id: "old-job",
        created_at: old,
        updated_at: old,
        started_by: "operator@example.com",
        environment_id: "sandbox",
        environment: "Sandbox",
        kind: "users",
        mode: "realtime",
        state: "completed",
        state_reason: null,
        retry_of: null,
        total_rows: 0,
        finished_at: old,
        upstream_job: null,
        source_json: null,
      })
      .execute();
    const release = await otherServerBusyWith("bulk-retention");
    expect(await purgeExpiredJobs()).toBe(0);
    await release();
    expect(await purgeExpiredJobs()).toBe(1);
  });
});

import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { PropertyRow } from "@/lib/identify/schema";
import { readCompanyProfile, readRegistry, readUserProfile } from "@/lib/profiles/reads";
import { rebuildProfiles } from "@/lib/profiles/rebuild";
import { scriptAnswer } from "@/lib/testing/sandbox-control";
import { testDatabaseKind } from "@/lib/testing/test-database";
import { finished, historyRows, progressOf, startPlan, testActor, testPlan, waitFor, withBulkSandbox } from "./testing/job-harness";

// Rows sent in bulk API mode join the known profiles when Userpilot's job for their chunk completes, in file
// order, masked as the history keeps them; a chunk whose job failed changes nothing; and the rebuild from the
// history arrives at the very same tables.

const sandboxUrl = withBulkSandbox("bulk-profiles-test", "bulk-profiles-test-key", {
  USERPILOT_MAX_RETRIES: "0",
  USERPILOT_TIMEOUT_MS: "5000",
  HISTORY_REDACT_KEYS: "email",
  BULK_POLL_MS: "40",
});

afterEach(async () => {
  const { tuneBulkApiMode } = await import("./bulk-api-mode");
  tuneBulkApiMode(null);
});

const row = (name: string, type: PropertyRow["type"], value = ""): PropertyRow => ({ name, type, value });
const user = (userId: string, properties: PropertyRow[], companyId = "") => ({ userId, properties, companyId, companyProperties: [] });

async function tables() {
  const database = await db();
  return Promise.all(
    (["profile_users", "profile_companies", "profile_properties", "property_types"] as const).map((table) =>
      database.selectFrom(table).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort()),
    ),
  );
}

async function expectRebuildSame() {
  const live = await tables();
  await rebuildProfiles(await db());
  expect(await tables()).toEqual(live);
}

async function runToEnd(plan: Parameters<typeof startPlan>[0]) {
  const job = await startPlan(plan);
  const done = await waitFor(() => progressOf(job.id), finished);
  return { job: done, history: await historyRows(job.id) };
}

describe("bulk API mode and the known profiles", () => {
  it("folds each completed chunk's rows in file order, masked, with their types; the rebuild agrees", async () => {
    const { tuneBulkApiMode } = await import("./bulk-api-mode");
    tuneBulkApiMode({ maxRecords: 2 });
    const rows = [
      user("bp_1", [row("plan", "string", "pro"), row("seats", "numeric", "5"), row("renewal", "date", "2024-01-02"), row("email", "string", "a@example.com")], "acme"),
      user("bp_2", [row("plan", "string", "free")]),
      user("bp_1", [row("plan", "string", "enterprise"), row("seats", "remove")]),
    ];
    const { job, history } = await runToEnd(testPlan("bulk", { kind: "users", rows }));
    expect(job).toMatchObject({ state: "completed", sent: 3 });
    expect(history).toHaveLength(2);

    const profile = await readUserProfile("sandbox", "bp_1");
    expect(profile).toMatchObject({ userId: "bp_1", companyId: "acme", lastHistoryId: history[1]!.id, lastSentAt: history[1]!.updated_at });
    expect(profile?.properties).toEqual({
      plan: expect.objectContaining({ value: "enterprise", type: "string", historyId: history[1]!.id, changedBy: testActor.email }),
      renewal: expect.objectContaining({ value: "2024-01-02", type: "date", historyId: history[0]!.id }),
      email: expect.objectContaining({ value: "[redacted]", type: "string", masked: true }),
    });
    expect((await readUserProfile("sandbox", "bp_2"))?.properties.plan?.value).toBe("free");
    expect((await readCompanyProfile("sandbox", "acme"))?.members).toEqual(["bp_1"]);
    expect((await readRegistry("sandbox")).find((entry) => entry.name === "seats")).toMatchObject({ types: { numeric: 1 }, established: "numeric" });
    await expectRebuildSame();
  });

  it("folds a companies job's rows as Identify Company sends", async () => {
    const rows = [{ companyId: "bp_co", companyProperties: [row("seats", "numeric", "12")] }];
    const { job } = await runToEnd(testPlan("bulk", { kind: "companies", rows }));
    expect(job).toMatchObject({ state: "completed", sent: 1 });
    expect((await readCompanyProfile("sandbox", "bp_co"))?.properties.seats).toMatchObject({ value: 12, type: "numeric" });
    await expectRebuildSame();
  });

  it("leaves out a chunk whose Userpilot job failed, live and rebuilt", async () => {
    const { tuneBulkApiMode } = await import("./bulk-api-mode");
    tuneBulkApiMode({ maxRecords: 1 });
    await scriptAnswer(sandboxUrl(), { status: 202, body: { job_id: "bp_dead", status: "queued", total_rows: 1 } });
    await scriptAnswer(sandboxUrl(), { status: 200, body: { job_id: "bp_dead", status: "failed", total_rows: 1, completed_rows: 0 } });
    const rows = [user("bp_lost", [row("plan", "string", "x")]), user("bp_kept", [row("plan", "string", "y")])];
    const { job } = await runToEnd(testPlan("bulk", { kind: "users", rows }));
    expect(job).toMatchObject({ state: "completed", sent: 1, failed: 1 });
    expect(await readUserProfile("sandbox", "bp_lost")).toBeNull();
    expect((await readUserProfile("sandbox", "bp_kept"))?.properties.plan?.value).toBe("y");
    await expectRebuildSame();
    expect(await readUserProfile("sandbox", "bp_lost")).toBeNull();
  });

  it("never fails the job when the profiles can't be written: the rows stay sent, one line is logged", async () => {
    const database = await db();
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await sql`alter table profile_users rename to profile_users_away`.execute(database);
    try {
      const { job, history } = await runToEnd(testPlan("bulk", { kind: "users", rows: [user("bp_broken", [row("plan", "string", "z")])] }));
      expect(job).toMatchObject({ state: "completed", stateReason: null, sent: 1, failed: 0 });
      expect(logged.mock.calls.map(([line]) => String(line))).toEqual([
        `[profiles] the known profiles were not updated for bulk history row ${history[0]!.id} (${testDatabaseKind() === "postgres" ? "PostgreSQL error 42P01" : "SqliteError"}); npm run profiles:rebuild repairs it`,
      ]);
    } finally {
      await sql`alter table profile_users_away rename to profile_users`.execute(database);
      logged.mockRestore();
    }
    expect(await readUserProfile("sandbox", "bp_broken")).toBeNull();
    await rebuildProfiles(database);
    expect((await readUserProfile("sandbox", "bp_broken"))?.properties.plan?.value).toBe("z");
  });
});

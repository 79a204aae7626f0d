import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import type { AcceptedSend } from "./fold";
import { ProfileFold } from "./fold-memory";
import { applySend, clearProfiles } from "./store";

withTempAppDatabase("fold-memory-test");

// The rebuild's fold in memory and the live update's upserts must leave the same rows after any series of
// sends in accepted order: merges, removals, company moves, company-only sends, two environments.

const row = fc.record({
  name: fc.constantFrom("plan", "seats", "trial", "id"),
  type: fc.constantFrom("string" as const, "numeric" as const, "date" as const, "remove" as const),
  value: fc.constantFrom("pro", "5", "2024-01-02", ""),
});
const send = fc.record({
  environmentId: fc.constantFrom("env-1", "env-2"),
  identifies: fc.constantFrom("user" as const, "user" as const, "company" as const),
  sentBy: fc.constantFrom("ada@example.com", null),
  values: fc.record({
    userId: fc.constantFrom("u1", "u2"),
    companyId: fc.constantFrom("", "acme", "globex"),
    properties: fc.array(row, { maxLength: 4 }),
    companyProperties: fc.array(row, { maxLength: 3 }),
  }),
});

async function tables() {
  const database = await db();
  return Promise.all(
    (["profile_users", "profile_companies", "profile_properties", "property_types"] as const).map((table) =>
      database.selectFrom(table).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort()),
    ),
  );
}

describe("ProfileFold", () => {
  it("arrives at the rows the live upserts leave", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(send, { maxLength: 12 }), async (series) => {
        const database = await db();
        await clearProfiles(database);
        const sends: AcceptedSend[] = series.map((entry, index) => ({
          ...entry,
          // Two sends may share a millisecond.
          acceptedAt: 1000 + Math.floor(index / 2),
          historyId: `h${index}`,
          values: { ...entry.values, companyProperties: entry.values.companyId === "" ? [] : entry.values.companyProperties },
        }));
        for (const entry of sends) await applySend(database, entry);
        const live = await tables();
        const fold = new ProfileFold();
        for (const entry of sends) fold.apply(entry);
        const rows = fold.rows();
        const sorted = (list: object[]) => list.map((r) => JSON.stringify(r)).sort();
        expect([
          sorted(rows.profile_users),
          sorted(rows.profile_companies),
          sorted(rows.profile_properties),
          sorted(rows.property_types),
        ]).toEqual(live);
      }),
      { numRuns: 60 },
    );
    // 60 series of up to 12 sends, each a transaction: PostgreSQL's round trips on a busy machine take longer
    // than the default 5 s.
  }, 60_000);
});

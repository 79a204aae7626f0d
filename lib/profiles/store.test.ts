import fc from "fast-check";
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Database } from "@/lib/db/schema";
import { eraseUser } from "@/lib/history/erasure";
import { requestRow } from "@/lib/history/testing/request-row";
import type { PropertyRow } from "@/lib/identify/schema";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import type { AcceptedSend, SendValues } from "./fold";
import { readCompanyProfile, readRegistry, readUserProfile } from "./reads";
import { rebuildProfiles } from "./rebuild";
import { applySend, clearProfiles, eraseKnownUser, writeSends } from "./store";

withTempAppDatabase("profiles-store-test");

const row = (name: string, type: PropertyRow["type"], value = ""): PropertyRow => ({ name, type, value });
const values = (userId: string, properties: PropertyRow[], companyId = ""): SendValues => ({
  userId,
  properties,
  companyId,
  companyProperties: [],
});
const send = (historyId: string, acceptedAt: number, sendValues: SendValues, environmentId = "env-s"): AcceptedSend => ({
  environmentId,
  historyId,
  acceptedAt,
  sentBy: "ada@example.com",
  identifies: "user",
  values: sendValues,
});

describe("applySend", () => {
  it("keeps the later accepted change when two sends are applied out of order", async () => {
    const database = await db();
    await applySend(database, send("h2", 2_000, values("late", [row("plan", "string", "enterprise")], "globex")));
    await applySend(database, send("h1", 1_000, values("late", [row("plan", "string", "pro"), row("seats", "numeric", "3")], "acme")));
    const profile = await readUserProfile("env-s", "late", database);
    expect(profile).toMatchObject({ companyId: "globex", lastSentAt: 2_000, lastHistoryId: "h2" });
    expect(profile?.properties.plan).toMatchObject({ value: "enterprise", historyId: "h2", changedAt: 2_000 });
    expect(profile?.properties.seats).toMatchObject({ value: 3, historyId: "h1" });
    // An older removal does not remove a newer value.
    await applySend(database, send("h0", 500, values("late", [row("plan", "remove")])));
    expect((await readUserProfile("env-s", "late", database))?.properties.plan?.value).toBe("enterprise");
  });

  it("counts each type a name is sent as, and establishes the most frequent (the first on a tie)", async () => {
    const database = await db();
    await applySend(database, send("r1", 1, values("r", [row("seats", "string", "five")]), "env-r"));
    await applySend(database, send("r2", 2, values("r", [row("seats", "numeric", "5")]), "env-r"));
    expect((await readRegistry("env-r", database))[0]).toMatchObject({ established: "string", types: { string: 1, numeric: 1 } });
    await applySend(database, send("r3", 3, values("q", [row("seats", "numeric", "6"), row("gone", "remove")]), "env-r"));
    expect(await readRegistry("env-r", database)).toEqual([
      { name: "seats", group: "user", types: { string: 1, numeric: 2 }, established: "numeric", total: 3 },
    ]);
  });

  it("erases a user's known profile on a deletion request, and the company forgets the member", async () => {
    const database = await db();
    await applySend(database, send("e1", 1, values("erased", [row("plan", "string", "pro")], "acme-e"), "env-e"));
    expect((await readCompanyProfile("env-e", "acme-e", database))?.members).toEqual(["erased"]);
    await eraseUser("erased", database);
    expect(await readUserProfile("env-e", "erased", database)).toBeNull();
    await applySend(database, send("e2", 2, values("erased-2", [row("plan", "string", "pro")]), "env-e"));
    await eraseKnownUser(database, "erased-2");
    expect(await readUserProfile("env-e", "erased-2", database)).toBeNull();
    expect((await readCompanyProfile("env-e", "acme-e", database))?.members).toEqual([]);
  });
});

describe("rebuildProfiles", () => {
  it("folds accepted rows by accepted time (not creation), skips non-2xx rows, and reads company-only bodies", async () => {
    const database = await db();
    const form = (v: SendValues) => JSON.stringify(v);
    await database
      .insertInto("requests")
      .values([
        // Created first, accepted last: its value wins.
        requestRow({
          id: "a",
          created_at: 10,
          updated_at: 50,
          environment_id: "env-h",
          user_id: "hu",
          form_values: form(values("hu", [row("plan", "string", "late")])),
          request_body: JSON.stringify({ user_id: "hu", metadata: { plan: "late" } }),
        }),
        requestRow({
          id: "b",
          created_at: 20,
          updated_at: 30,
          environment_id: "env-h",
          user_id: "hu",
          source: "replay",
          form_values: form(values("hu", [row("plan", "string", "early"), row("seats", "numeric", "2")], "hc")),
          request_body: JSON.stringify({ user_id: "hu", metadata: { plan: "early", seats: 2 }, company: { id: "hc" } }),
        }),
        requestRow({
          id: "c",
          created_at: 60,
          updated_at: 60,
          environment_id: "env-h",
          user_id: "hu",
          status: "400",
          outcome: "bad_request",
          status_code: 400,
          form_values: form(values("hu", [row("plan", "string", "refused")])),
        }),
        requestRow({
          id: "d",
          created_at: 70,
          updated_at: 70,
          environment_id: "env-h",
          user_id: "",
          source: "bulk",
          job_id: "job-1",
          form_values: form({ userId: "", properties: [], companyId: "hc", companyProperties: [row("tier", "string", "gold")] }),
          request_body: JSON.stringify({ company_id: "hc", metadata: { tier: "gold" } }),
        }),
      ])
      .execute();
    const { sends } = await rebuildProfiles(database);
    expect(sends).toBe(3);
    const profile = await readUserProfile("env-h", "hu", database);
    expect(profile).toMatchObject({ companyId: "hc", lastHistoryId: "a", lastSentAt: 50 });
    expect(profile?.properties.plan).toMatchObject({ value: "late", historyId: "a" });
    expect(profile?.properties.seats).toMatchObject({ value: 2, historyId: "b" });
    const company = await readCompanyProfile("env-h", "hc", database);
    expect(company).toMatchObject({ members: ["hu"], lastHistoryId: "d" });
    expect(company?.properties.tier?.value).toBe("gold");
    expect(await readUserProfile("env-h", "", database)).toBeNull();
    // The rebuild starts from empty: profiles applied before without history rows are gone.
    expect(await readUserProfile("env-s", "late", database)).toBeNull();
  });
});

describe("writeSends", () => {
  // Sends written together (one statement per table) must leave the rows the same sends leave one by one:
  // out-of-order times (two servers, a slow commit), ties, one user or company twice in a group, removals,
  // company moves, rows already on record.
  const rowOf = fc.record({
    name: fc.constantFrom("plan", "seats", "trial"),
    type: fc.constantFrom("string" as const, "numeric" as const, "date" as const, "remove" as const),
    value: fc.constantFrom("pro", "5", "2024-01-02", ""),
  });
  const sendOf = fc.record({
    environmentId: fc.constantFrom("env-g1", "env-g2"),
    identifies: fc.constantFrom("user" as const, "user" as const, "company" as const),
    sentBy: fc.constantFrom("ada@example.com", null),
    acceptedAt: fc.integer({ min: 1000, max: 1006 }),
    values: fc.record({
      userId: fc.constantFrom("u1", "u2", "u3"),
      companyId: fc.constantFrom("", "acme", "globex"),
      properties: fc.array(rowOf, { maxLength: 4 }),
      companyProperties: fc.array(rowOf, { maxLength: 3 }),
    }),
  });
  const tables = async (database: Kysely<Database>) =>
    Promise.all(
      (["profile_users", "profile_companies", "profile_properties", "property_types"] as const).map((table) =>
        database.selectFrom(table).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort()),
      ),
    );

  it("leaves the rows the same sends leave one by one", async () => {
    const database = await db();
    await fc.assert(
      fc.asyncProperty(fc.array(sendOf, { maxLength: 4 }), fc.array(sendOf, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 10 }), async (before, group, size) => {
        const sends = [...before, ...group].map((entry, index): AcceptedSend => ({ ...entry, historyId: `g${index}` }));
        const onRecord = sends.slice(0, before.length);
        const grouped = sends.slice(before.length);
        await clearProfiles(database);
        for (const entry of sends) await applySend(database, entry);
        const oneByOne = await tables(database);
        await clearProfiles(database);
        for (const entry of onRecord) await applySend(database, entry);
        await database.transaction().execute(async (trx) => {
          for (let start = 0; start < grouped.length; start += size) await writeSends(trx, grouped.slice(start, start + size));
        });
        expect(await tables(database)).toEqual(oneByOne);
      }),
      { numRuns: 80 },
    );
    // Many transactions per run: PostgreSQL's round trips on a busy machine take longer than the default 5 s.
  }, 60_000);

  it("writes a group in one statement per table", async () => {
    const database = await db();
    // Every statement Kysely runs passes transformResult, built anew or not (see lib/db/statement-shapes.ts).
    let statements = 0;
    const counting = database.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements += 1;
        return args.result;
      },
    });
    const group = Array.from({ length: 8 }, (_, i) =>
      send(`c${i}`, 5_000 + i, { ...values(`count-${i}`, [row("plan", "string", "pro"), row("seats", "numeric", String(i))], "acme-c"), companyProperties: [row("tier", "string", "gold")] }, "env-c"),
    );
    await counting.transaction().execute((trx) => writeSends(trx, group));
    // users, companies, properties, type counts
    expect(statements).toBe(4);
    expect((await readRegistry("env-c", database)).find((entry) => entry.name === "seats")?.types).toEqual({ numeric: 8 });
    expect((await readCompanyProfile("env-c", "acme-c", database))?.members).toHaveLength(8);
  });
});

import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { eraseUser } from "@/lib/history/erasure";
import { requestRow } from "@/lib/history/testing/request-row";
import type { PropertyRow } from "@/lib/identify/schema";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import type { AcceptedSend, SendValues } from "./fold";
import { readCompanyProfile, readRegistry, readUserProfile } from "./reads";
import { rebuildProfiles } from "./rebuild";
import { applySend, eraseKnownUser } from "./store";

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

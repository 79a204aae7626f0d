import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { ResolvedEnvironment } from "@/lib/environments/store";
import type { IdentifyFormValues, PropertyRow } from "@/lib/identify/schema";
import type { SandboxServer } from "@/lib/sandbox/http-server";
import { recordOutcome, recordRequest } from "@/lib/history/record-request";
import { forwardToUserpilot, type SendContext } from "@/lib/sending/forward-to-userpilot";
import { scriptAnswer, startTestSandbox } from "@/lib/testing/sandbox-control";
import { testDatabaseKind } from "@/lib/testing/test-database";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import { knownProfileUpkeep } from "./keep-profile";
import { readCompanyProfile, readRegistry, readUserProfile } from "./reads";
import { rebuildProfiles } from "./rebuild";

// The live update through the one send path (record, send, record the outcome, keep the profile) against a
// test sandbox; then the rebuild from the history alone must arrive at the very same tables.

withTempAppDatabase("keep-profile-test");

const API_KEY = "keep-profile-test-key";
let sandbox: SandboxServer;
let environment: ResolvedEnvironment;
beforeAll(async () => {
  sandbox = await startTestSandbox(API_KEY);
  environment = {
    summary: {
      id: "env-a",
      name: "Staging",
      kind: "stored",
      region: "custom",
      baseUrl: sandbox.url,
      isProduction: false,
      keyLast4: "-key",
      keyUnreadable: false,
      isDefault: true,
      label: "Staging · Custom",
    },
    baseUrl: sandbox.url,
    apiKey: API_KEY,
    builtInSandbox: false,
  };
});
afterAll(async () => {
  await sandbox.close();
});

const row = (name: string, type: PropertyRow["type"], value = ""): PropertyRow => ({ name, type, value });
const user = (userId: string, properties: PropertyRow[], companyId = "", companyProperties: PropertyRow[] = []) =>
  ({ userId, properties, companyId, companyProperties }) satisfies IdentifyFormValues;

const context = (overrides: Partial<SendContext> = {}): SendContext => ({
  source: "form",
  replayOf: null,
  sentBy: "ada@example.com",
  environment,
  ...overrides,
});

async function snapshot() {
  const database = await db();
  return Promise.all(
    (["profile_users", "profile_companies", "profile_properties", "property_types"] as const).map((table) =>
      database.selectFrom(table).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort()),
    ),
  );
}

describe("the known profile kept on each accepted send", () => {
  it("merges, removes on null, moves the company, ignores a refused send, takes a replay, a bulk row and a company-only send", async () => {
    const first = await forwardToUserpilot(
      user("u1", [row("plan", "string", "pro"), row("seats", "numeric", "5"), row("trial", "string", "yes")], "acme", [
        row("tier", "string", "gold"),
      ]),
      context(),
    );
    expect(first.httpStatus).toBe(202);
    let profile = await readUserProfile("env-a", "u1");
    expect(profile).toMatchObject({
      userId: "u1",
      companyId: "acme",
      lastHistoryId: first.historyId,
      properties: {
        plan: { value: "pro", type: "string", changedBy: "ada@example.com", historyId: first.historyId, masked: false },
        seats: { value: 5, type: "numeric" },
        trial: { value: "yes" },
      },
    });

    // A 400 changes nothing known.
    await scriptAnswer(sandbox.url, { status: 400, body: { message: "nope" } });
    const refused = await forwardToUserpilot(user("u1", [row("plan", "string", "free")]), context());
    expect(refused.httpStatus).toBe(400);
    expect((await readUserProfile("env-a", "u1"))?.properties.plan?.value).toBe("pro");

    // A replay: merge (seats stays), null removes trial, the company moves.
    const replay = await forwardToUserpilot(
      user("u1", [row("plan", "string", "enterprise"), row("trial", "remove")], "globex"),
      context({ source: "replay", replayOf: first.historyId, sentBy: "bob@example.com" }),
    );
    profile = await readUserProfile("env-a", "u1");
    expect(profile?.companyId).toBe("globex");
    expect(Object.keys(profile?.properties ?? {}).sort()).toEqual(["plan", "seats"]);
    expect(profile?.properties.plan).toMatchObject({ value: "enterprise", changedBy: "bob@example.com", historyId: replay.historyId });
    expect(profile?.properties.seats?.historyId).toBe(first.historyId);

    // A bulk row of another user, then a company-only send.
    await forwardToUserpilot(user("u2", [row("seats", "string", "many")], "acme"), context({ source: "bulk", jobId: "job-1" }));
    const companyOnly = await forwardToUserpilot(
      user("", [], "acme", [row("tier", "string", "platinum"), row("founded", "date", "2020-01-02")]),
      context({ source: "bulk", identifies: "company", jobId: "job-2" }),
    );
    expect(companyOnly.httpStatus).toBeGreaterThanOrEqual(200);
    const acme = await readCompanyProfile("env-a", "acme");
    expect(acme?.members).toEqual(["u2"]);
    expect(acme?.properties.tier).toMatchObject({ value: "platinum", historyId: companyOnly.historyId });
    expect(acme?.properties.founded).toMatchObject({ type: "date", value: "2020-01-02" });
    expect(await readUserProfile("env-a", "")).toBeNull();
    expect((await readCompanyProfile("env-a", "globex"))?.members).toEqual(["u1"]);
    // Another environment knows nothing of it.
    expect(await readUserProfile("env-b", "u1")).toBeNull();

    // The registry: seats sent as Numeric once, as String once; refused sends and removals not counted.
    const registry = await readRegistry("env-a");
    expect(registry.find((entry) => entry.name === "seats")).toEqual({
      name: "seats",
      group: "user",
      types: { numeric: 1, string: 1 },
      established: "numeric",
      total: 2,
    });
    expect(registry.find((entry) => entry.name === "plan")?.types).toEqual({ string: 2 });
    expect(registry.find((entry) => entry.name === "trial")?.types).toEqual({ string: 1 });
    expect(registry.find((entry) => entry.group === "company" && entry.name === "tier")?.types).toEqual({ string: 2 });

    // The rebuild from the history arrives at the same tables.
    const live = await snapshot();
    const database = await db();
    await database.deleteFrom("profile_properties").execute();
    await database.deleteFrom("property_types").where("name", "=", "seats").execute();
    expect(await rebuildProfiles(database)).toEqual({ sends: 4 });
    expect(await snapshot()).toEqual(live);
  });

  it("keeps a masked property as [redacted] with its type, live and rebuilt", async () => {
    await forwardToUserpilot(user("u3", [row("email", "string", "lovelace@analytical.example"), row("name", "string", "Ada")]), context());
    const profile = await readUserProfile("env-a", "u3");
    expect(profile?.properties.email).toMatchObject({ value: "[redacted]", type: "string", masked: true });
    const live = await snapshot();
    await rebuildProfiles(await db());
    expect(await snapshot()).toEqual(live);
    expect(JSON.stringify(live)).not.toContain("lovelace@analytical.example");
  });

  it("answers the send's 202 when the profile can't be written, and logs no values", async () => {
    const database = await db();
    await database.schema.alterTable("profile_users").renameTo("profile_users_gone").execute();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const outcome = await forwardToUserpilot(user("u4", [row("plan", "string", "secret-plan-value")]), context());
      expect(outcome.httpStatus).toBe(202);
      expect(log).toHaveBeenCalledTimes(1);
      expect(String(log.mock.calls[0]?.[0])).toContain(outcome.historyId);
      expect(JSON.stringify(log.mock.calls)).not.toContain("secret-plan-value");
    } finally {
      log.mockRestore();
      await database.schema.alterTable("profile_users_gone").renameTo("profile_users").execute();
    }
    expect(await readUserProfile("env-a", "u4")).toBeNull();
    await rebuildProfiles(database);
    expect((await readUserProfile("env-a", "u4"))?.properties.plan?.value).toBe("secret-plan-value");
  });
  /** Outcomes of accepted sends arriving in one turn of the event loop, as under load. */
  async function acceptedTogether(values: IdentifyFormValues[]) {
    const pending = await Promise.all(values.map((form) => recordRequest(form, { ...context(), environment: environment.summary })));
    return Promise.all(
      pending.map(({ id }, i) =>
        recordOutcome(
          id,
          values[i]!,
          { status: "202", statusCode: 202, responseBody: null, upstreamRequestId: null, latencyMs: 1, attempts: [], errorMessage: null },
          knownProfileUpkeep(values[i]!, context(), { historyId: id, httpStatus: 202 }),
        ),
      ),
    ).then(() => pending.map(({ id }) => id));
  }

  const statusesOf = async (ids: string[]) =>
    (await (await db()).selectFrom("requests").select(["status_code"]).where("id", "in", ids).execute()).map((entry) => entry.status_code);

  it("writes the outcomes and profiles of sends that finish together in one transaction on SQLite", async () => {
    const database = await db();
    const transactions = vi.spyOn(database, "transaction");
    let ids: string[];
    try {
      ids = await acceptedTogether(
        Array.from({ length: 8 }, (_, i) => user(`together-${i}`, [row("plan", "string", `plan-${i}`)], "acme-together", [row("tier", "string", "gold")])),
      );
      // PostgreSQL writes each send on its own, side by side over its pool (lib/history/store.ts writerFor()).
      expect(transactions).toHaveBeenCalledTimes(testDatabaseKind() === "postgres" ? 8 : 1);
    } finally {
      transactions.mockRestore();
    }
    expect(await statusesOf(ids)).toEqual(Array(8).fill(202));
    for (let i = 0; i < 8; i++) {
      expect((await readUserProfile("env-a", `together-${i}`))?.properties.plan?.value).toBe(`plan-${i}`);
    }
    expect((await readCompanyProfile("env-a", "acme-together"))?.members).toHaveLength(8);
    expect((await readRegistry("env-a")).find((entry) => entry.name === "tier")?.types.string).toBeGreaterThanOrEqual(8);
  });

  it("records every outcome of a group whose profiles can't be written, and logs each", async () => {
    const database = await db();
    await database.schema.alterTable("profile_users").renameTo("profile_users_gone").execute();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    let ids: string[];
    try {
      ids = await acceptedTogether(Array.from({ length: 6 }, (_, i) => user(`unkept-${i}`, [row("plan", "string", "pro")])));
      expect(log).toHaveBeenCalledTimes(6);
    } finally {
      log.mockRestore();
      await database.schema.alterTable("profile_users_gone").renameTo("profile_users").execute();
    }
    expect(await statusesOf(ids)).toEqual(Array(6).fill(202));
    expect(await readUserProfile("env-a", "unkept-0")).toBeNull();
  });
});

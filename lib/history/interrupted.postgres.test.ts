import type { Kysely } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Database } from "@/lib/db/schema";
import { announcePresence, serverId } from "@/lib/db/server-presence";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import { inFlightBoundMs, markInterruptedSends } from "./maintenance";
import { requestRow } from "./testing/request-row";

// Several servers on one PostgreSQL database: a server must not mark another live server's sends "outcome
// unknown", and must mark at once those of a server that is gone. (PostgreSQL only.)

withTempAppDatabase("interrupted-sends-test");
let database: Kysely<Database>;
let liveServer: pg.Client;
const LIVE = "live-host:4242:abcd1234";
const GONE = "gone-host:4343:dcba4321";

beforeAll(async () => {
  database = await db();
  await announcePresence(process.env.DATABASE_URL ?? "");
  // Another server still running: it holds its presence lock as announcePresence does.
  liveServer = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await liveServer.connect();
  await liveServer.query("select pg_advisory_lock($1, hashtext($2))", [0x1dc2, LIVE]);
});

afterAll(async () => {
  await liveServer.end();
});

let counter = 0;
async function pendingRow(server: string | null, ageMs: number): Promise<string> {
  const id = `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;
  const at = Date.now() - ageMs;
  await database
    .insertInto("requests")
    .values({ ...requestRow({ id, created_at: at, status: "pending", outcome: "pending", status_code: null }), server_id: server })
    .execute();
  return id;
}

async function statusOf(id: string): Promise<string> {
  const row = await database.selectFrom("requests").select("status").where("id", "=", id).executeTakeFirstOrThrow();
  return row.status;
}

describe("markInterruptedSends on PostgreSQL", () => {
  it("marks a gone server's sends at once, and leaves those of live servers (this one too) pending", async () => {
    const gone = await pendingRow(GONE, 1_000);
    const live = await pendingRow(LIVE, 1_000);
    const mine = await pendingRow(serverId(), 1_000);

    expect(await markInterruptedSends()).toBe(1);
    expect(await statusOf(gone)).toBe("unknown");
    expect(await statusOf(live)).toBe("pending");
    expect(await statusOf(mine)).toBe("pending");
  });

  it("marks the live server's sends once it is gone", async () => {
    const live = await pendingRow(LIVE, 1_000);
    expect(await markInterruptedSends()).toBe(0);
    await liveServer.query("select pg_advisory_unlock($1, hashtext($2))", [0x1dc2, LIVE]);
    expect(await markInterruptedSends()).toBeGreaterThanOrEqual(1);
    expect(await statusOf(live)).toBe("unknown");
  });

  it("marks a row that names no server only when it has been pending longer than a send can take", async () => {
    const bound = inFlightBoundMs();
    const recent = await pendingRow(null, bound - 5_000);
    const old = await pendingRow(null, bound + 5_000);
    expect(await markInterruptedSends()).toBe(1);
    expect(await statusOf(recent)).toBe("pending");
    expect(await statusOf(old)).toBe("unknown");
  });

  it("bounds a send by every attempt timing out after its longest wait, plus the pace's windows", () => {
    // Defaults: 5 attempts × (10 s timeout + 30 s wait) + 2 × 60 s window + 1 min.
    expect(inFlightBoundMs()).toBe(5 * 40_000 + 120_000 + 60_000);
  });
});

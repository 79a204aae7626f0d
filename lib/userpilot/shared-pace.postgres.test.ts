import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/schema";
import { openDatabase } from "@/lib/db/open";
import { freshDatabaseUrl, locationOf } from "@/lib/testing/test-database";
import { PACE_SHARE } from "./pace";
import { createSharedPace } from "./shared-pace";
import { busiestWindow } from "@/lib/testing/busiest-window";

// Two servers on one PostgreSQL database: each has its own connection pool and its own pace, and only the
// database is shared. (PostgreSQL only: vitest.postgres.config.mts.)

let tempDir: string;
let serverA: Kysely<Database>;
let serverB: Kysely<Database>;

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "shared-pace-test-"));
  const location = locationOf(await freshDatabaseUrl(tempDir));
  serverA = await openDatabase(location);
  serverB = await openDatabase(location);
});

afterAll(async () => {
  await serverA.destroy();
  await serverB.destroy();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

const LIMIT = 20;
const WINDOW_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function paceOn(database: Kysely<Database>, leaseMs = 5000) {
  return createSharedPace({ limit: LIMIT, windowMs: WINDOW_MS, leaseMs, database: async () => database });
}


describe("the upstream pace shared in PostgreSQL", () => {
  it("two servers' paces on one database never put more than the limit in any window, together", async () => {
    const paces = [paceOn(serverA), paceOn(serverB)];
    const arrivals: number[] = [];
    const until = Date.now() + 2600;
    // Six callers a server, each sending one request after another; answers take 0-30 ms.
    const callers = paces.flatMap((pace) =>
      Array.from({ length: 6 }, async () => {
        while (Date.now() < until) {
          const release = await pace.take("shared-key");
          arrivals.push(Date.now());
          await sleep(Math.random() * 30);
          release();
        }
      }),
    );
    await Promise.all(callers);
    expect(busiestWindow(arrivals, WINDOW_MS)).toBeLessThanOrEqual(Math.floor(LIMIT * PACE_SHARE));
    // And the limit is used: a full window at the start, and another once those turns came back.
    expect(arrivals.length).toBeGreaterThanOrEqual(2 * Math.floor(LIMIT * PACE_SHARE));
  });

  it("keeps each key's turns apart", async () => {
    const pace = paceOn(serverA);
    const started = Date.now();
    for (let i = 0; i < Math.floor(LIMIT * PACE_SHARE); i++) (await pace.take("key-one"))();
    for (let i = 0; i < Math.floor(LIMIT * PACE_SHARE); i++) (await pace.take("key-two"))();
    expect(Date.now() - started).toBeLessThan(WINDOW_MS);
  });

  it("gives back the turns of a server that died with requests in flight once their lease ends, a window later", async () => {
    const dying = paceOn(serverA, 400);
    const started = Date.now();
    for (let i = 0; i < Math.floor(LIMIT * PACE_SHARE); i++) await dying.take("lease-key"); // never released
    await paceOn(serverB, 400).take("lease-key");
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(400 + WINDOW_MS);
    expect(waited).toBeLessThan(400 + WINDOW_MS + 1500);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { immediateTransaction } from "./immediate-transaction";
import { freshDatabaseUrl, locationOf, testDatabaseKind } from "@/lib/testing/test-database";
import { openDatabase } from "./open";
import type { Database } from "./schema";

let tempDir: string;
let location: string;
let db: Kysely<Database>;

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "immediate-transaction-test-"));
  location = locationOf(await freshDatabaseUrl(tempDir));
  db = await openDatabase(location);
});

afterAll(async () => {
  await db.destroy();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

const names = async () => (await db.selectFrom("settings").select("name").orderBy("name").execute()).map((row) => row.name);

describe("immediateTransaction", () => {
  it("commits what the work wrote and gives back its result", async () => {
    const result = await immediateTransaction(db, async (tx) => {
      await tx.insertInto("settings").values({ name: "committed", value: "1" }).execute();
      return "done";
    });
    expect(result).toBe("done");
    expect(await names()).toEqual(["committed"]);
  });

  it("rolls back everything when the work throws, and passes the error on", async () => {
    const failure = new Error("check failed");
    await expect(
      immediateTransaction(db, async (tx) => {
        await tx.insertInto("settings").values({ name: "rolled-back", value: "1" }).execute();
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await names()).toEqual(["committed"]);
    // The connection is usable again: no transaction was left open.
    await immediateTransaction(db, (tx) => tx.insertInto("settings").values({ name: "after", value: "1" }).execute());
    expect(await names()).toEqual(["after", "committed"]);
  });

  if (testDatabaseKind() === "sqlite") {
    it("holds the write lock from the start: another connection can't write meanwhile", async () => {
      const other = await openDatabase(location);
      try {
        await immediateTransaction(db, async () => {
          // SQLite refuses at once with a zero busy timeout; the lock is taken before any write of ours.
          await expect(
            (async () => {
              await sql`PRAGMA busy_timeout = 0`.execute(other);
              await other.insertInto("settings").values({ name: "other", value: "1" }).execute();
            })(),
          ).rejects.toThrow(/locked|busy/i);
        });
      } finally {
        await other.destroy();
      }
    });
  } else {
    it("holds its lock from the start: another server's check-then-write waits until this one committed", async () => {
      const other = await openDatabase(location);
      try {
        const order: string[] = [];
        let otherStarted: Promise<void> | undefined;
        await immediateTransaction(db, async (tx) => {
          order.push("first: checked");
          otherStarted = immediateTransaction(other, async (otherTx) => {
            // It sees the first one's write: its check ran after that commit.
            order.push(`second: checked, sees ${(await otherTx.selectFrom("settings").select("name").where("name", "=", "first").execute()).length}`);
          });
          // Time enough for the second to have run, had it not waited.
          await new Promise((resolve) => setTimeout(resolve, 300));
          await tx.insertInto("settings").values({ name: "first", value: "1" }).execute();
          order.push("first: wrote");
        });
        await otherStarted;
        expect(order).toEqual(["first: checked", "first: wrote", "second: checked, sees 1"]);
      } finally {
        await other.destroy();
      }
    });
  }
});

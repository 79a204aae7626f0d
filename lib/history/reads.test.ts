import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import { historyFiltersSchema, historyPageQuerySchema } from "./filters";
import { exportHistoryCsv, loadDetail, loadHistoryPage } from "./reads";
import { requestRow } from "./testing/request-row";

// The reads on the app's own db() singleton, pointed at a temp SQLite file with the real migrations.
withTempAppDatabase("history-reads-test");

const BASE = Date.UTC(2025, 0, 1, 9, 30);

beforeAll(async () => {
  await (await db())
    .insertInto("requests")
    .values([
      requestRow({ id: "original", created_at: BASE, user_id: "ada" }),
      requestRow({ id: "replay-a", replay_of: "original", created_at: BASE + 1_000, status: "500", user_id: "ada" }),
      requestRow({ id: "replay-b", replay_of: "original", created_at: BASE + 2_000, status: "202", user_id: "ada" }),
      requestRow({ id: "unrelated", replay_of: "other", created_at: BASE + 3_000, user_id: "bob" }),
    ])
    .execute();
});

describe("loadHistoryPage", () => {
  it("gives one page as the list shows it, newest first, with the cursor to the next", async () => {
    const first = await loadHistoryPage(historyPageQuerySchema.parse({ user: "ada", limit: "2" }));
    expect(first.rows.map((row) => [row.id, row.createdAt])).toEqual([
      ["replay-b", new Date(BASE + 2_000).toISOString()],
      ["replay-a", new Date(BASE + 1_000).toISOString()],
    ]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await loadHistoryPage(historyPageQuerySchema.parse({ user: "ada", limit: "2", cursor: first.nextCursor }));
    expect(second).toEqual({ rows: [expect.objectContaining({ id: "original", replayOf: null })], nextCursor: null });
  });
});

describe("loadDetail", () => {
  it("reads one request with its replays, newest first", async () => {
    const detail = await loadDetail("original");
    expect(detail?.id).toBe("original");
    expect(detail?.replays).toEqual([
      { id: "replay-b", createdAt: new Date(BASE + 2_000).toISOString(), status: "202" },
      { id: "replay-a", createdAt: new Date(BASE + 1_000).toISOString(), status: "500" },
    ]);
  });

  it("is undefined for an unknown id", async () => {
    expect(await loadDetail("missing")).toBeUndefined();
  });
});

describe("exportHistoryCsv", () => {
  it("streams the filtered rows after the header", async () => {
    const text = await new Response(await exportHistoryCsv(historyFiltersSchema.parse({ user: "bob" }))).text();
    const lines = text.trim().split("\n");
    expect(lines[0]).toMatch(/^id,created_at,/);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["unrelated"]);
  });
});

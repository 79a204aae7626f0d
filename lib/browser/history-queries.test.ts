import { QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HistoryListItem } from "@/lib/history/api-types";
import { historyQueries } from "./history-queries";

// Browser-side: fetch is replaced by a recorder answering real Response objects; the queries run in a real
// QueryClient.

type Answer = { status?: number; body: unknown } | { status: number; text: string };
const realFetch = globalThis.fetch;
let calls: { url: string; init: RequestInit | undefined }[];
let answers: Answer[];
let client: QueryClient;

beforeEach(() => {
  calls = [];
  answers = [];
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  globalThis.fetch = async (input, init) => {
    calls.push({ url: String(input), init });
    const answer = answers.shift();
    if (!answer) throw new Error(`Unexpected fetch of ${String(input)}`);
    if ("text" in answer) return new Response(answer.text, { status: answer.status });
    return Response.json(answer.body, { status: answer.status ?? 200 });
  };
});

afterEach(() => {
  globalThis.fetch = realFetch;
  client.clear();
});

function item(id: string, status = "202"): HistoryListItem {
  return {
    id,
    createdAt: "2025-01-01T00:00:00.000Z",
    environment: "Sandbox",
    sentBy: null,
    source: "form",
    replayOf: null,
    userId: "user_001",
    companyId: null,
    propertyCount: 1,
    status,
    requestId: null,
    latencyMs: null,
  };
}

describe("historyQueries.list", () => {
  it("fetches the filtered first page as JSON, then the next pages by cursor", async () => {
    answers.push(
      { body: { rows: [item("a")], nextCursor: "cursor-1" } },
      { body: { rows: [item("b")], nextCursor: null } },
    );
    const options = historyQueries.list("user=alice&outcome=accepted");
    expect(options.queryKey).toEqual(["history", "list", "user=alice&outcome=accepted"]);

    const data = await client.fetchInfiniteQuery({ ...options, pages: 3 });
    expect(data.pages.map((page) => page.rows.map((row) => row.id))).toEqual([["a"], ["b"]]);
    expect(data.pageParams).toEqual(["", "cursor-1"]);
    expect(calls.map((call) => call.url)).toEqual([
      "/api/history?user=alice&outcome=accepted",
      "/api/history?user=alice&outcome=accepted&cursor=cursor-1",
    ]);
    expect(new Headers(calls[0]?.init?.headers).get("accept")).toBe("application/json");
  });

  it("refreshes every second while a row is pending, and stops when none is", async () => {
    const options = historyQueries.list("");
    answers.push({ body: { rows: [item("a"), item("b", "pending")], nextCursor: null } });
    await client.fetchInfiniteQuery(options);
    const query = client.getQueryCache().find({ queryKey: options.queryKey });
    if (!query || typeof options.refetchInterval !== "function") throw new Error("No query or interval");
    expect(options.refetchInterval(query as never)).toBe(1000);

    // A pending row on any loaded page is enough.
    client.setQueryData(options.queryKey, {
      pages: [
        { rows: [item("a")], nextCursor: "c1" },
        { rows: [item("b", "pending")], nextCursor: null },
      ],
      pageParams: ["", "c1"],
    });
    expect(options.refetchInterval(query as never)).toBe(1000);

    client.setQueryData(options.queryKey, { pages: [{ rows: [item("a"), item("b", "400")], nextCursor: null }], pageParams: [""] });
    expect(options.refetchInterval(query as never)).toBe(false);

    // A list that failed to load has no data, so nothing to wait for.
    client.clear();
    answers.push({ status: 500, text: "down" });
    await client.prefetchInfiniteQuery(options);
    const failed = client.getQueryCache().find({ queryKey: options.queryKey });
    expect(failed?.state.data).toBeUndefined();
    expect(options.refetchInterval(failed as never)).toBe(false);
  });

  it("rejects an answer that is not a history page", async () => {
    answers.push({ body: { rows: [{ id: 1 }], nextCursor: null } });
    await expect(client.fetchInfiniteQuery(historyQueries.list(""))).rejects.toThrow();
  });
});

describe("historyQueries error messages", () => {
  it("shows the server's own error message", async () => {
    answers.push({ status: 400, body: { error: { code: "invalid_query", message: "The history filters are invalid" } } });
    await expect(client.fetchInfiniteQuery(historyQueries.list("from=x"))).rejects.toThrow(
      new Error("The history filters are invalid"),
    );
  });

  it("names the status when the answer has no error of ours", async () => {
    answers.push({ status: 502, text: "<html>Bad gateway</html>" });
    await expect(client.fetchInfiniteQuery(historyQueries.list("a"))).rejects.toThrow(
      new Error("The console's server answered 502 unexpectedly."),
    );
    answers.push({ status: 500, body: { message: "elsewhere" } });
    await expect(client.fetchInfiniteQuery(historyQueries.list("b"))).rejects.toThrow(
      new Error("The console's server answered 500 unexpectedly."),
    );
  });
});

describe("historyQueries.all", () => {
  it("invalidates every history query, and nothing else", async () => {
    answers.push({ body: { rows: [], nextCursor: null } });
    await client.fetchInfiniteQuery(historyQueries.list(""));
    client.setQueryData(["users"], []);
    await client.invalidateQueries({ queryKey: historyQueries.all() });
    const states = client.getQueryCache().getAll().map((query) => [query.queryKey, query.state.isInvalidated]);
    expect(states).toEqual([
      [["history", "list", ""], true],
      [["users"], false],
    ]);
  });
});

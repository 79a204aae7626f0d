import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { historyDetailSchema, historyPageSchema, type HistoryPageResponse } from "./api-types";
import { historyQueryKey } from "./query-key";

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message =
      typeof body === "object" && body !== null && "error" in body
        ? String((body as { error: { message?: unknown } }).error.message)
        : `The server answered ${response.status}`;
    throw new Error(message);
  }
  return body;
}

const anyPending = (pages: HistoryPageResponse[] | undefined) =>
  pages?.some((page) => page.rows.some((row) => row.status === "pending")) ?? false;

/** Every history query key comes from here, so invalidation can't miss one. */
export const historyQueries = {
  all: historyQueryKey,
  list: (search: string) =>
    infiniteQueryOptions({
      queryKey: [...historyQueries.all(), "list", search] as const,
      queryFn: async ({ pageParam }) => {
        const params = new URLSearchParams(search);
        if (pageParam) params.set("cursor", pageParam);
        return historyPageSchema.parse(await getJson(`/api/history?${params.toString()}`));
      },
      initialPageParam: "",
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      // Rows still on their way to Userpilot refresh on their own until they have an outcome.
      refetchInterval: (query) => (anyPending(query.state.data?.pages) ? 1000 : false),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...historyQueries.all(), "detail", id] as const,
      queryFn: async () => historyDetailSchema.parse(await getJson(`/api/history/${encodeURIComponent(id)}`)),
    }),
};

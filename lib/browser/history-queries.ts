import { infiniteQueryOptions } from "@tanstack/react-query";
import { historyPageSchema, type HistoryPageResponse } from "@/lib/history/api-types";
import { historyQueryKey } from "./query-client";
import { requestJsonOrThrow } from "./request-json";

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
        return requestJsonOrThrow(`/api/history?${params.toString()}`, historyPageSchema);
      },
      initialPageParam: "",
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      // Rows still on their way to Userpilot refresh on their own until they have an outcome.
      refetchInterval: (query) => (anyPending(query.state.data?.pages) ? 1000 : false),
    }),
};

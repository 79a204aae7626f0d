import type { QueryClient } from "@tanstack/react-query";

// The browser's one query cache, shared by every page that reads through TanStack Query (the history pages).
// Held here, with a type-only import, so a page that only has to mark the history stale (Identify, after a
// send) can do it without loading TanStack Query or the history's schemas: no cache yet means nothing to
// refresh.
const holder: { client?: QueryClient } = {};

/** The root of every history query key: invalidating it refreshes every history list and detail. */
export const historyQueryKey = () => ["history"] as const;

export function rememberBrowserQueryClient(client: QueryClient): void {
  holder.client = client;
}

export function browserQueryClient(): QueryClient | undefined {
  return holder.client;
}

/** After a send: every history list and detail in the cache is read again when next shown. */
export function historyChanged(): void {
  void holder.client?.invalidateQueries({ queryKey: historyQueryKey() });
}

"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { makeQueryClient } from "@/lib/query/client";
import { browserQueryClient, rememberBrowserQueryClient } from "@/lib/browser/query-client";

function queryClient() {
  // A server render gets its own cache: one shared between visitors would leak one's history to another.
  if (typeof window === "undefined") return makeQueryClient();
  const existing = browserQueryClient();
  if (existing) return existing;
  const client = makeQueryClient();
  rememberBrowserQueryClient(client);
  return client;
}

/**
 * TanStack Query for the pages that read through it (the history pages, via app/history/layout.tsx), not in
 * the root layout: the other pages don't load it. In the browser the cache outlives the page, as it did
 * when the provider sat in the root layout.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(queryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { browserQueryClient, historyChanged, historyQueryKey, rememberBrowserQueryClient } from "./query-client";

describe("historyChanged", () => {
  it("does nothing before a page has made the browser's query cache", () => {
    expect(browserQueryClient()).toBeUndefined();
    expect(() => historyChanged()).not.toThrow();
  });

  it("marks every cached history query stale, and nothing else", async () => {
    const client = new QueryClient();
    rememberBrowserQueryClient(client);
    client.setQueryData([...historyQueryKey(), "detail", "a"], { id: "a" });
    client.setQueryData(["users"], []);
    const invalidate = vi.spyOn(client, "invalidateQueries");

    historyChanged();

    expect(invalidate).toHaveBeenCalledWith({ queryKey: ["history"] });
    await vi.waitFor(() => expect(client.getQueryState([...historyQueryKey(), "detail", "a"])?.isInvalidated).toBe(true));
    expect(client.getQueryState(["users"])?.isInvalidated).toBe(false);
  });
});

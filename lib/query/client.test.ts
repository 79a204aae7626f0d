import { focusManager, MutationObserver, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { makeQueryClient } from "./client";

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  if (!check()) throw new Error("The condition never came true");
}

describe("makeQueryClient", () => {
  it("never repeats a failed send (a mutation) behind the user's back", async () => {
    const client = makeQueryClient();
    let calls = 0;
    const observer = new MutationObserver(client, {
      mutationFn: async () => {
        calls++;
        throw new Error("upstream down");
      },
    });
    await expect(observer.mutate()).rejects.toThrow("upstream down");
    expect(calls).toBe(1);
  });

  it("retries a failed read once, keeps a fresh read for 10 s, and ignores window focus", async () => {
    const client = makeQueryClient();
    let failing = 0;
    const failed = new QueryObserver(client, {
      queryKey: ["failing"],
      queryFn: async () => {
        failing++;
        throw new Error("no");
      },
      retryDelay: 0,
    });
    const unsubscribeFailed = failed.subscribe(() => undefined);
    await until(() => failed.getCurrentResult().status === "error");
    expect(failing).toBe(2);
    unsubscribeFailed();

    let reads = 0;
    const fresh = new QueryObserver(client, { queryKey: ["fresh"], queryFn: async () => ++reads });
    const unsubscribe = fresh.subscribe(() => undefined);
    await until(() => fresh.getCurrentResult().status === "success");
    expect(fresh.getCurrentResult().isStale).toBe(false);
    unsubscribe();

    // Even a stale read is not refetched when the window regains focus.
    let staleReads = 0;
    const stale = new QueryObserver(client, { queryKey: ["stale"], queryFn: async () => ++staleReads, staleTime: 0 });
    const unsubscribeStale = stale.subscribe(() => undefined);
    await until(() => stale.getCurrentResult().status === "success");
    focusManager.setFocused(false);
    focusManager.setFocused(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(staleReads).toBe(1);
    unsubscribeStale();
    focusManager.setFocused(undefined);
  });
});

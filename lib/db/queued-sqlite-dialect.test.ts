import { describe, expect, it } from "vitest";
import { FifoLock } from "./queued-sqlite-dialect";

describe("FifoLock", () => {
  it("hands the lock to one waiter at a time, in the order they asked", async () => {
    const lock = new FifoLock();
    const order: string[] = [];
    await lock.acquire();
    const waiters = ["a", "b", "c"].map((name) =>
      lock.acquire().then(() => {
        order.push(name);
      }),
    );
    await Promise.resolve();
    expect(order).toEqual([]);
    lock.release();
    await waiters[0];
    expect(order).toEqual(["a"]);
    lock.release();
    lock.release();
    await Promise.all(waiters);
    expect(order).toEqual(["a", "b", "c"]);
    lock.release();
    // Free again: taken at once.
    let taken = false;
    void lock.acquire().then(() => (taken = true));
    await Promise.resolve();
    expect(taken).toBe(true);
  });
});

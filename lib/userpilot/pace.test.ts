import { describe, expect, it } from "vitest";
import { createPace, paceKey, PACE_SHARE } from "./pace";

/** A pace on a fake clock: sleeping moves the clock, so a minute of pacing takes no time. */
function pacedClock(limit: number, windowMs: number) {
  let clock = 0;
  const pace = createPace({
    limit,
    windowMs,
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
  });
  return {
    pace,
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

/** The most requests in any window of `windowMs` (half-open, as a sliding-window limiter counts). */
function busiestWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[j]! <= times[i]! - windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe("the upstream pace", () => {
  it("never puts more than the limit in any window and uses at least 95% of it over several windows", async () => {
    const { pace, now } = pacedClock(600, 60_000);
    const times: number[] = [];
    for (let i = 0; i < 2940; i++) {
      (await pace.take("key-a"))();
      times.push(now());
    }
    expect(busiestWindow(times, 60_000)).toBeLessThanOrEqual(600);
    // Requests over the limits of the windows the run spans.
    const windows = Math.floor(now() / 60_000) + 1;
    expect(2940 / (windows * 600)).toBeGreaterThanOrEqual(0.95);
    expect(busiestWindow(times, 60_000)).toBe(Math.floor(600 * PACE_SHARE));
  });

  it("shares one key's limit between callers and serves them in the order they asked", async () => {
    const { pace, now } = pacedClock(10, 1000);
    const order: string[] = [];
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        pace.take(i % 2 === 0 ? "shared" : "shared").then((release) => {
          release();
          order.push(String(i));
          times.push(now());
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => String(i)));
    expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(10);
  });

  it("gives a turn back a window after its request finished, however long the request took", async () => {
    const clock = pacedClock(1, 1000);
    const release = await clock.pace.take("k");
    let servedAt: number | undefined;
    const waiting = clock.pace.take("k").then((releaseNext) => {
      servedAt = clock.now();
      releaseNext();
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The one turn is out on a request on its way: nobody else gets it, however long that takes.
    expect(servedAt).toBeUndefined();
    // Answered 700 ms after it left: the turn is back one window (and the 25 ms margin) after that.
    clock.advance(700);
    release();
    await waiting;
    expect(servedAt).toBe(700 + 1000 + 25);
  });

  it("keeps keys apart: one busy key does not slow another", async () => {
    const { pace, now } = pacedClock(5, 1000);
    for (let i = 0; i < 4; i++) (await pace.take("busy"))();
    const before = now();
    (await pace.take("quiet"))();
    expect(now()).toBe(before);
  });

  it("after a 429 waits for Retry-After, then uses less of the limit for a window", async () => {
    const { pace, now } = pacedClock(100, 1000);
    (await pace.take("k"))();
    pace.rateLimited("k", 3000);
    const start = 3000;
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      (await pace.take("k"))();
      times.push(now() - start);
    }
    expect(times[0]).toBe(0);
    expect(times.filter((at) => at < 1000)).toHaveLength(Math.floor(100 * PACE_SHARE * 0.8));
    // And it recovers: the last windows are back at the full share.
    expect(times.filter((at) => at >= 1000 && at < 2000)).toHaveLength(Math.floor(100 * PACE_SHARE));
  });

  it("backs off for a second when a 429 names no Retry-After", async () => {
    const { pace, now } = pacedClock(100, 60_000);
    pace.rateLimited("k", undefined);
    (await pace.take("k"))();
    expect(now()).toBe(1000);
  });

  it("keys its buckets by a hash, never the key", () => {
    expect(paceKey("secret-key-123")).not.toContain("secret");
    expect(paceKey("secret-key-123")).toBe(paceKey("secret-key-123"));
    expect(paceKey("secret-key-123")).not.toBe(paceKey("secret-key-124"));
  });
});

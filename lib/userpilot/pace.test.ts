import { describe, expect, it } from "vitest";
import { createPace, paceKey, PACE_SHARE } from "./pace";

/** A pace on a fake clock: sleeping moves the clock, so a minute of pacing takes no time. */
function pacedClock(limit: number, windowMs: number) {
  let clock = 0;
  const setClock = (at: number) => {
    clock = at;
  };
  const pace = createPace({
    limit,
    windowMs,
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
  });
  return { pace, now: () => clock, setClock };
}

/** How many turns `key` gets at the clock's current time, without waiting. */
async function turnsNow(pace: ReturnType<typeof createPace>, key: string, now: () => number): Promise<number> {
  const at = now();
  for (let served = 0; served < 10_000; served++) {
    await pace.take(key);
    if (now() !== at) return served;
  }
  throw new Error("the pace never waited");
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
      await pace.take("key-a");
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
        pace.take(i % 2 === 0 ? "shared" : "shared").then(() => {
          order.push(String(i));
          times.push(now());
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => String(i)));
    expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(10);
  });

  it("keeps keys apart: one busy key does not slow another", async () => {
    const { pace, now } = pacedClock(5, 1000);
    for (let i = 0; i < 4; i++) await pace.take("busy");
    const before = now();
    await pace.take("quiet");
    expect(now()).toBe(before);
  });

  it("after a 429 waits for Retry-After, then uses less of the limit for a window", async () => {
    const { pace, now } = pacedClock(100, 1000);
    await pace.take("k");
    pace.rateLimited("k", 3000);
    const start = 3000;
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      await pace.take("k");
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
    await pace.take("k");
    expect(now()).toBe(1000);
  });

  it("keys its buckets by a hash, never the key", () => {
    expect(paceKey("secret-key-123")).not.toContain("secret");
    expect(paceKey("secret-key-123")).toBe(paceKey("secret-key-123"));
    expect(paceKey("secret-key-123")).not.toBe(paceKey("secret-key-124"));
  });

  it("gives a spent turn back a window and a margin (1%, at least 25 ms) after it was spent", async () => {
    const short = pacedClock(1, 1000);
    await short.pace.take("k");
    await short.pace.take("k");
    expect(short.now()).toBe(1025);
    const long = pacedClock(1, 60_000);
    await long.pace.take("k");
    await long.pace.take("k");
    expect(long.now()).toBe(60_600);
  });

  it("restores the share after a window without 429s, counted from when sending may start again", async () => {
    const { pace, now, setClock } = pacedClock(100, 1000);
    pace.rateLimited("k", 3000);
    setClock(3000);
    for (let i = 0; i < 10; i++) await pace.take("k");
    expect(now()).toBe(3000);
    // One window after the block ended, to the millisecond: the full share again, less the 10 still held.
    setClock(4000);
    expect(await turnsNow(pace, "k", now)).toBe(Math.floor(100 * PACE_SHARE) - 10);
  });

  it("restores a share lowered by two 429s one step per quiet window, not all at once", async () => {
    const { pace, now, setClock } = pacedClock(100, 1000);
    pace.rateLimited("k", 0);
    pace.rateLimited("k", 0);
    setClock(1000);
    expect(await turnsNow(pace, "k", now)).toBe(Math.floor(100 * PACE_SHARE * 0.8));
  });

  it("counts the turns spent in the last window, per key", async () => {
    const { pace, setClock } = pacedClock(10, 1000);
    await pace.take("k");
    setClock(500);
    await pace.take("k");
    await pace.take("k");
    setClock(1000);
    expect(pace.spentInWindow("k")).toBe(2);
    expect(pace.spentInWindow("other")).toBe(0);
  });

  it("waits on the real clock without holding up the rest of the process", async () => {
    // No clock given: the real one, and a real timer for the wait (windowMs 20: a turn comes back after 45 ms).
    const pace = createPace({ limit: 1, windowMs: 20 });
    await pace.take("k");
    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
    }, 10);
    const started = performance.now();
    await pace.take("k");
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
    // A timer due while the turn is awaited ran: the wait left the event loop free.
    expect(timerRan).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { createPace, paceKey, PACE_SHARE } from "./pace";
import { busiestWindow } from "@/lib/testing/busiest-window";

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
    setClock: (at: number) => {
      clock = at;
    },
  };
}

/** A request answered at once: take a turn and give it back. */
async function sendNow(pace: ReturnType<typeof createPace>, key: string): Promise<void> {
  (await pace.take(key))();
}

/** How many turns `key` gets at the clock's current time, without waiting (each answered at once). */
async function turnsNow(pace: ReturnType<typeof createPace>, key: string, now: () => number): Promise<number> {
  const at = now();
  for (let served = 0; served < 10_000; served++) {
    await sendNow(pace, key);
    if (now() !== at) return served;
  }
  throw new Error("the pace never waited");
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

  it("gives a turn back a window and a margin (0.5%, at least 25 ms) after its request was answered", async () => {
    const short = pacedClock(1, 1000);
    await sendNow(short.pace, "k");
    await sendNow(short.pace, "k");
    expect(short.now()).toBe(1025);
    const long = pacedClock(1, 60_000);
    await sendNow(long.pace, "k");
    await sendNow(long.pace, "k");
    expect(long.now()).toBe(60_300);
  });

  it("restores the share after a window without 429s, counted from when sending may start again", async () => {
    const { pace, now, setClock } = pacedClock(100, 1000);
    pace.rateLimited("k", 3000);
    setClock(3000);
    for (let i = 0; i < 10; i++) await sendNow(pace, "k");
    expect(now()).toBe(3000);
    // One window after the block ended, to the millisecond: the full share again, less the 10 still out.
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

  it("counts the turns not back yet, per key: in flight, or answered less than a window and margin ago", async () => {
    const { pace, setClock } = pacedClock(10, 1000);
    await sendNow(pace, "k");
    setClock(500);
    await sendNow(pace, "k");
    const inFlight = await pace.take("k");
    setClock(1025);
    expect(pace.spentInWindow("k")).toBe(2);
    setClock(5000);
    expect(pace.spentInWindow("k")).toBe(1);
    inFlight();
    expect(pace.spentInWindow("k")).toBe(1);
    expect(pace.spentInWindow("other")).toBe(0);
  });

  it("waits on the real clock without holding up the rest of the process", async () => {
    // No clock given: the real one, and a real timer for the wait (windowMs 20: a turn comes back after 45 ms).
    const pace = createPace({ limit: 1, windowMs: 20 });
    await sendNow(pace, "k");
    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
    }, 10);
    const started = performance.now();
    await sendNow(pace, "k");
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
    // A timer due while the turn is awaited ran: the wait left the event loop free.
    expect(timerRan).toBe(true);
  });
});

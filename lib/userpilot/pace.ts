import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { databaseKind, env } from "@/lib/env";
import { createSharedPace } from "./shared-pace";

// Userpilot allows `limit` requests a window per API key. Every request to one key (single sends, every
// job's rows, retries) takes a turn here first, so together they stay under it.
//
// A bucket of `limit` tokens where a spent token comes back one window after its request FINISHED: unlike a
// bucket that refills at a steady rate, this allows a burst and still uses the whole limit over time, and
// never puts more than `limit` requests in any window, which is what a sliding-window limiter upstream
// counts. Upstream counts arrivals, and a request arrives somewhere between leaving and its answer: counting
// from the answer holds however late a request arrives (a busy machine, a slow network). A little is kept
// back all the same.
export const PACE_SHARE = 0.99;
const MIN_SHARE = 0.25;
// A token comes back a little after its window, for clocks that don't quite agree.
export const returnMarginMs = (windowMs: number) => Math.max(25, Math.round(windowMs * 0.005));
const DEFAULT_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

type Bucket = {
  /** Turns out on requests still on their way. */
  inFlight: number;
  /** When each answered turn comes back, earliest first (answers come in time order: appending keeps it sorted). */
  returning: number[];
  /** Where the turns still out start in `returning`. */
  head: number;
  /** A turn waiting for a request in flight to be answered. */
  waiter?: () => void;
  /** Share of the limit in use now: lowered by each 429, restored after a quiet window. */
  share: number;
  blockedUntil: number;
  lastLimitedAt: number;
  queue: Promise<void>;
};

export type PaceOptions = {
  limit: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

export type Pace = ReturnType<typeof createPace>;
/** Call when the request is answered (or has failed): its token comes back a window later. */
export type ReleaseTurn = () => void;
/** What callers use: this process's pace (SQLite, one server) or the one shared in PostgreSQL (shared-pace.ts). */
export type UpstreamPace = {
  take(apiKey: string): Promise<ReleaseTurn>;
  rateLimited(apiKey: string, retryAfterMs: number | undefined): void;
};

/** Buckets are keyed by a hash of the API key, never the key itself. */
export function paceKey(apiKey: string): string {
  return createHash("sha256").update(apiKey).digest("base64url");
}

export function createPace(options: PaceOptions) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const buckets = new Map<string, Bucket>();

  const bucketOf = (apiKey: string): Bucket => {
    const key = paceKey(apiKey);
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = {
        inFlight: 0,
        returning: [],
        head: 0,
        share: PACE_SHARE,
        blockedUntil: 0,
        lastLimitedAt: 0,
        queue: Promise.resolve(),
      };
      buckets.set(key, bucket);
    }
    return bucket;
  };

  const capacity = (bucket: Bucket) => Math.max(1, Math.floor(options.limit * bucket.share));

  const held = options.windowMs + returnMarginMs(options.windowMs);

  /** Turns of the bucket not back yet at `at`: in flight, or answered less than a window ago. */
  function out(bucket: Bucket, at: number): number {
    while (bucket.head < bucket.returning.length && bucket.returning[bucket.head]! <= at) bucket.head++;
    if (bucket.head > 1024 && bucket.head * 2 > bucket.returning.length) {
      bucket.returning = bucket.returning.slice(bucket.head);
      bucket.head = 0;
    }
    return bucket.inFlight + bucket.returning.length - bucket.head;
  }

  function turn(bucket: Bucket): ReleaseTurn {
    bucket.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      bucket.inFlight--;
      bucket.returning.push(now() + held);
      bucket.waiter?.();
      bucket.waiter = undefined;
    };
  }

  async function acquire(bucket: Bucket): Promise<ReleaseTurn> {
    for (;;) {
      const at = now();
      if (bucket.share < PACE_SHARE && at - bucket.lastLimitedAt >= options.windowMs) {
        bucket.share = Math.min(PACE_SHARE, bucket.share * 1.25);
        bucket.lastLimitedAt = at;
      }
      const spent = out(bucket, at);
      const cap = capacity(bucket);
      if (at >= bucket.blockedUntil && spent < cap) return turn(bucket);
      // The place frees when the (spent - cap + 1)th turn comes back; turns in flight come back last.
      const freeing = bucket.head + spent - cap;
      const turnBack = spent < cap ? at : freeing < bucket.returning.length ? bucket.returning[freeing]! : Infinity;
      const until = Math.max(bucket.blockedUntil, turnBack);
      // The turn to wait for is out on a request still on its way: wait for an answer, then count its window.
      if (until === Infinity) await new Promise<void>((resolve) => (bucket.waiter = resolve));
      else await sleep(Math.max(1, until - at));
    }
  }

  return {
    /** Waits for this key's next turn; callers are served in the order they asked. */
    take(apiKey: string): Promise<ReleaseTurn> {
      const bucket = bucketOf(apiKey);
      const turn = bucket.queue.then(() => acquire(bucket));
      bucket.queue = turn.then(
        () => undefined,
        () => undefined,
      );
      return turn;
    },
    /** A 429: use less of the limit for a window, and send nothing on this key until Retry-After. */
    rateLimited(apiKey: string, retryAfterMs: number | undefined): void {
      const bucket = bucketOf(apiKey);
      const at = now();
      bucket.share = Math.max(MIN_SHARE, bucket.share * 0.8);
      const waitMs = Math.min(MAX_BACKOFF_MS, retryAfterMs ?? DEFAULT_BACKOFF_MS);
      bucket.blockedUntil = Math.max(bucket.blockedUntil, at + waitMs);
      // The quiet window that restores the share starts when sending may start again.
      bucket.lastLimitedAt = bucket.blockedUntil;
    },
    /** Turns of this key not yet back (requests in flight or within their window), for progress views and tests. */
    spentInWindow(apiKey: string): number {
      const at = now();
      return out(bucketOf(apiKey), at);
    },
  };
}

const holder = globalThis as typeof globalThis & { __identifyConsolePace?: UpstreamPace };
// A turn out on a request that never reports back (its server died) is held this much past the request's timeout.
const LEASE_MARGIN_MS = 5_000;

/**
 * The process's one pace, from UPSTREAM_RATE_PER_MINUTE and UPSTREAM_RATE_WINDOW_MS: in this process on
 * SQLite (one server), in the database on PostgreSQL, where several servers share each key's limit.
 */
export function upstreamPace(): UpstreamPace {
  const config = env();
  const options = { limit: config.UPSTREAM_RATE_PER_MINUTE, windowMs: config.UPSTREAM_RATE_WINDOW_MS };
  holder.__identifyConsolePace ??=
    databaseKind(config) === "postgres"
      ? createSharedPace({ ...options, leaseMs: config.USERPILOT_TIMEOUT_MS + LEASE_MARGIN_MS, database: db })
      : createPace(options);
  return holder.__identifyConsolePace;
}

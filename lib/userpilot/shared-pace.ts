import "server-only";
import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "@/lib/db/schema";
import { paceKey, PACE_SHARE, returnMarginMs, type ReleaseTurn, type UpstreamPace } from "./pace";

// The pace of lib/userpilot/pace.ts for several servers on one PostgreSQL database: the same rule (a key has
// `limit` turns; a turn comes back a window after its request was answered), with the turns counted in the
// database (upstream_turns), so all servers together stay under the limit. Taking a turn is one transaction
// holding an advisory lock on the key: count the turns not back yet, and take one if there is room. Times
// are the database's clock, so servers whose clocks disagree still count the same windows.
//
// A turn out on a request is held until its lease ends (the longest an attempt can last, and a margin): a
// server that dies with requests in flight gives their turns back then, a window later.
//
// The share lowered by a 429 and the wait for Retry-After stay per server: the server that got the 429
// slows down; the others still count every turn it takes.

const MIN_SHARE = 0.25;
const DEFAULT_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
// Two-int advisory locks: this class and the key's hash (no clash with the single-bigint write lock).
const PACE_LOCK_CLASS = 0x1dc0;

export type SharedPaceOptions = {
  limit: number;
  windowMs: number;
  /** How long a turn on a request that never reports back is held (the request's timeout and a margin). */
  leaseMs: number;
  database: () => Promise<Kysely<Database>>;
  /** How often a waiting server looks again when the turn it waits for is on another's request in flight. */
  pollMs?: number;
};

type Local = { share: number; blockedUntil: number; lastLimitedAt: number; queue: Promise<void> };

const countSchema = z.object({ now: z.coerce.number(), out: z.coerce.number() });
const returnSchema = z.object({ returns_at: z.coerce.number() });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSharedPace(options: SharedPaceOptions): UpstreamPace {
  const held = options.windowMs + returnMarginMs(options.windowMs);
  const pollMs = options.pollMs ?? Math.max(20, Math.min(250, Math.round(options.windowMs / 40)));
  const locals = new Map<string, Local>();

  const localOf = (key: string): Local => {
    let local = locals.get(key);
    if (!local) {
      local = { share: PACE_SHARE, blockedUntil: 0, lastLimitedAt: 0, queue: Promise.resolve() };
      locals.set(key, local);
    }
    return local;
  };

  /** One try: a turn's id, or how long to wait before the next try. */
  async function tryTake(key: string, capacity: number): Promise<{ id: string } | { waitMs: number }> {
    const database = await options.database();
    return database.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${PACE_LOCK_CLASS}, hashtext(${key}))`.execute(tx);
      const now = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;
      // Turns that came back are of no more use: pruned here, under the key's lock.
      await tx.deleteFrom("upstream_turns").where("key_hash", "=", key).where("returns_at", "<=", now).execute();
      const counted = await sql`select ${now} as now, count(*) as out from upstream_turns where key_hash = ${key}`.execute(tx);
      const { now: at, out } = countSchema.parse(counted.rows[0]);
      if (out < capacity) {
        const id = randomUUID();
        await tx
          .insertInto("upstream_turns")
          .values({ id, key_hash: key, taken_at: at, returns_at: at + options.leaseMs + held })
          .execute();
        return { id };
      }
      // The place frees when the (out - capacity + 1)th turn comes back; turns in flight come back last.
      const freeing = await tx
        .selectFrom("upstream_turns")
        .select("returns_at")
        .where("key_hash", "=", key)
        .orderBy("returns_at")
        .offset(out - capacity)
        .limit(1)
        .executeTakeFirst();
      const returnsAt = freeing ? returnSchema.parse(freeing).returns_at : at + pollMs;
      return { waitMs: Math.max(1, Math.min(returnsAt - at, pollMs)) };
    });
  }

  function releaseOf(id: string): ReleaseTurn {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Back a window after the answer; if this write fails, the lease gives the turn back later.
      void options
        .database()
        .then((database) =>
          sql`update upstream_turns set returns_at = least(returns_at, (extract(epoch from clock_timestamp()) * 1000)::bigint + ${held}) where id = ${id}`.execute(
            database,
          ),
        )
        .catch((error: unknown) => console.error("Upstream pace: a turn could not be given back:", error));
    };
  }

  async function acquire(key: string, local: Local): Promise<ReleaseTurn> {
    for (;;) {
      const at = Date.now();
      if (local.share < PACE_SHARE && at - local.lastLimitedAt >= options.windowMs) {
        local.share = Math.min(PACE_SHARE, local.share * 1.25);
        local.lastLimitedAt = at;
      }
      if (at < local.blockedUntil) {
        await sleep(local.blockedUntil - at);
        continue;
      }
      const result = await tryTake(key, Math.max(1, Math.floor(options.limit * local.share)));
      if ("id" in result) return releaseOf(result.id);
      await sleep(result.waitMs);
    }
  }

  return {
    /** Waits for this key's next turn; this server's callers are served in the order they asked. */
    take(apiKey: string): Promise<ReleaseTurn> {
      const key = paceKey(apiKey);
      const local = localOf(key);
      const turn = local.queue.then(() => acquire(key, local));
      local.queue = turn.then(
        () => undefined,
        () => undefined,
      );
      return turn;
    },
    rateLimited(apiKey: string, retryAfterMs: number | undefined): void {
      const local = localOf(paceKey(apiKey));
      const at = Date.now();
      local.share = Math.max(MIN_SHARE, local.share * 0.8);
      const waitMs = Math.min(MAX_BACKOFF_MS, retryAfterMs ?? DEFAULT_BACKOFF_MS);
      local.blockedUntil = Math.max(local.blockedUntil, at + waitMs);
      local.lastLimitedAt = local.blockedUntil;
    },
  };
}

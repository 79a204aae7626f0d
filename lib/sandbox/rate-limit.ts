export const RATE_LIMIT_WINDOW_MS = 60_000;

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type RateLimiter = {
  /** Counts one request for `key` if the limit allows it. Refused requests are not counted. */
  take(key: string): RateLimitDecision;
  /** `windowMs` scales the minute (tests): the limit then holds per that many milliseconds. */
  setLimit(perMinute: number, windowMs?: number): void;
  reset(): void;
};

/** A sliding-window log: a request is allowed while fewer than `perMinute` were allowed in the last 60 s. */
export function createRateLimiter(options: { perMinute: number; now: () => number }): RateLimiter {
  let perMinute = options.perMinute;
  let windowMs = RATE_LIMIT_WINDOW_MS;
  const admittedAt = new Map<string, number[]>();

  return {
    take(key) {
      const now = options.now();
      const recent = (admittedAt.get(key) ?? []).filter((at) => at > now - windowMs);
      if (recent.length < perMinute) {
        recent.push(now);
        admittedAt.set(key, recent);
        return { allowed: true };
      }
      admittedAt.set(key, recent);
      // Room opens when enough of the oldest admitted requests leave the window to go below the limit.
      const freedAt = recent[recent.length - perMinute];
      const waitMs = freedAt === undefined ? windowMs : freedAt + windowMs - now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    },
    setLimit(limit, window = RATE_LIMIT_WINDOW_MS) {
      perMinute = limit;
      windowMs = window;
    },
    reset() {
      admittedAt.clear();
    },
  };
}

/** Delays the upstream client waits between attempts. Pure, so the policy is testable without a clock. */

export const MAX_RETRY_AFTER_MS = 30_000;

// Date.parse reads almost anything as some date; only the IMF-fixdate form of RFC 9110 is a Retry-After date.
const HTTP_DATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** 1 s, 2 s, 4 s, 8 s... for base 1000 ms: Userpilot's recommended exponential backoff. */
export function backoffDelay(retryNumber: number, baseMs: number): number {
  return baseMs * 2 ** (retryNumber - 1);
}

/**
 * Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), or undefined when it is absent
 * or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (!HTTP_DATE.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

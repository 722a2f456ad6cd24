/**
 * How long Auth0 asks us to wait after a 429. `Retry-After` (seconds or an HTTP date) wins; otherwise
 * `X-RateLimit-Reset` (epoch seconds when the limit resets); otherwise a short default. A 429 means the request was
 * not processed, so retrying after the wait cannot create anything twice.
 */

import type { Sleep } from './http';

export type RateLimitSource = 'retry-after' | 'x-ratelimit-reset' | 'default';

export interface RateLimitWait {
  ms: number;
  source: RateLimitSource;
}

export const DEFAULT_RATE_LIMIT_WAIT_MS = 2000;

/** An HTTP date (RFC 9110: IMF-fixdate, RFC 850 or asctime), all of which start with the day's name. */
const HTTP_DATE = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s/i;

export function rateLimitWait(headers: Headers, now: number): RateLimitWait {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    // A number is a delay in seconds; a negative one is invalid and ignored (it is not a date, whatever Date.parse says).
    if (/^[+-]?\d+(\.\d+)?$/.test(retryAfter)) {
      if (Number(retryAfter) >= 0) return { ms: Math.ceil(Number(retryAfter) * 1000), source: 'retry-after' };
    } else if (HTTP_DATE.test(retryAfter) && !Number.isNaN(Date.parse(retryAfter))) {
      return { ms: Math.max(0, Date.parse(retryAfter) - now), source: 'retry-after' };
    }
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) {
    return { ms: Math.max(0, Number(reset) * 1000 - now), source: 'x-ratelimit-reset' };
  }
  return { ms: DEFAULT_RATE_LIMIT_WAIT_MS, source: 'default' };
}

/** When to try again, for a message: `14:03:07 UTC`, with the date first when it is not today's (UTC) date. */
export function formatRetryAt(at: Date, now: number): string {
  const iso = at.toISOString();
  const day = iso.slice(0, 10);
  return `${day === new Date(now).toISOString().slice(0, 10) ? '' : `${day} `}${iso.slice(11, 19)} UTC`;
}

/**
 * Waits `ms` in steps of at most a second, calling `onTick(secondsLeft)` before each step. Returns false when the
 * signal aborts (before or during the wait), true when the wait ran to its end.
 */
export async function countdown(
  ms: number,
  sleep: Sleep,
  signal: AbortSignal | undefined,
  onTick: (secondsLeft: number) => void,
): Promise<boolean> {
  let remaining = Math.max(0, ms);
  while (remaining > 0) {
    if (signal?.aborted) return false;
    onTick(Math.ceil(remaining / 1000));
    const step = remaining % 1000 === 0 ? 1000 : remaining % 1000;
    try {
      await sleep(step, signal);
    } catch {
      return false;
    }
    remaining -= step;
  }
  return !signal?.aborted;
}

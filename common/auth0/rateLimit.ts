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

export function rateLimitWait(headers: Headers, now: number): RateLimitWait {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) {
      return { ms: Math.ceil(Number(retryAfter) * 1000), source: 'retry-after' };
    }
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) {
      return { ms: Math.max(0, date - now), source: 'retry-after' };
    }
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) {
    return { ms: Math.max(0, Number(reset) * 1000 - now), source: 'x-ratelimit-reset' };
  }
  return { ms: DEFAULT_RATE_LIMIT_WAIT_MS, source: 'default' };
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

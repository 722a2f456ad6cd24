/**
 * Polls until a condition holds, instead of sleeping a fixed time (style.md practice 9). Shared by the runners
 * (Node) and the suite (extension host); depends on nothing but timers.
 */
export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Resolves with the first truthy value `probe` returns (sync or async); rejects after `timeoutMs` with `what` and
 * the last value or error seen, so a failure says what was being waited for and what was there instead.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeoutMs = 15_000, intervalMs = 50 }: WaitForOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) {
        return value;
      }
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

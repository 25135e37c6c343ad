/**
 * A token bucket: about `ratePerSecond` messages a second, bursts up to `burst`.
 *
 * @packageDocumentation
 */

/** Rate limit settings. */
export interface RateLimitOptions {
  /** Tokens added per second. Default 20. */
  ratePerSecond?: number;
  /** Bucket size (largest burst). Default 40. */
  burst?: number;
}

/**
 * Make a bucket; `take()` spends one token and says whether there was one.
 *
 * @example
 * ```ts
 * const bucket = createTokenBucket({ ratePerSecond: 20, burst: 40 });
 * if (!bucket.take()) reply({ type: 'error', code: 'rate-limited', message: 'slow down' });
 * ```
 */
export function createTokenBucket(options: RateLimitOptions = {}, now: () => number = () => Date.now()): { take(): boolean } {
  const rate = options.ratePerSecond ?? 20;
  const burst = options.burst ?? 40;
  let tokens = burst;
  let last = now();
  return {
    take() {
      const time = now();
      tokens = Math.min(burst, tokens + ((time - last) / 1000) * rate);
      last = time;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

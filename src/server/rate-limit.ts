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
export function createTokenBucket(options: RateLimitOptions = {}, now: () => number = Date.now): { take(): boolean } {
  return new TokenBucket(options.ratePerSecond ?? 20, options.burst ?? 40, now);
}

/** One bucket: a few numbers per connection, its method shared by all. */
class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly rate: number;
  private readonly burst: number;
  private readonly now: () => number;

  constructor(rate: number, burst: number, now: () => number) {
    this.rate = rate;
    this.burst = burst;
    this.now = now;
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const time = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((time - this.last) / 1000) * this.rate);
    this.last = time;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

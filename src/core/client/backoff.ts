/**
 * Reconnection delays: exponential backoff with full jitter.
 *
 * @packageDocumentation
 */
import type { BackoffOptions } from './types.js';

/**
 * Default backoff: 500 ms doubling up to 10 s, retrying forever.
 *
 * @example
 * ```ts
 * backoffDelay(DEFAULT_BACKOFF, 0); // 250..500 ms
 * ```
 */
export const DEFAULT_BACKOFF: Required<BackoffOptions> = {
  initialMs: 500,
  maxMs: 10_000,
  factor: 2,
  maxAttempts: Number.POSITIVE_INFINITY,
};

/**
 * The delay before reconnection attempt `attempt` (0-based): a random value
 * between half and all of `min(maxMs, initialMs * factor^attempt)`.
 *
 * @example
 * ```ts
 * backoffDelay(DEFAULT_BACKOFF, 3); // between 2000 and 4000
 * ```
 */
export function backoffDelay(options: Required<BackoffOptions>, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * options.factor ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The clock the call rules read time from and schedule timers with. Injected
 * so tests and the memory hub can drive time by hand.
 *
 * @packageDocumentation
 */

/** An opaque timer handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = unknown;

/**
 * Time source and timer scheduler.
 *
 * @example
 * ```ts
 * const clock: Clock = { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) };
 * ```
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Run `fn` after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancel a timer made by {@link Clock.setTimeout}. */
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The real clock: `Date.now` and the global timers (works in Node and browsers).
 *
 * @example
 * ```ts
 * const service = createCallService({ store: createMemoryStore(), clock: systemClock });
 * ```
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

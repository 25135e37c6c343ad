/**
 * Intervals a media session runs (statistics, quality sampling), counted
 * while they run, so tests can check that nothing outlives its call.
 *
 * @packageDocumentation
 */

let live = 0;

/**
 * Run `tick` every `ms` until the returned stop function is called (calling it
 * again does nothing). Counted by {@link liveMediaIntervals} while it runs.
 *
 * @example
 * ```ts
 * const stop = startMediaInterval(() => void sampleStats(), 3000);
 * stop();
 * ```
 */
export function startMediaInterval(tick: () => void, ms: number): () => void {
  const timer = setInterval(tick, ms);
  live += 1;
  let running = true;
  return () => {
    if (!running) return;
    running = false;
    clearInterval(timer);
    live -= 1;
  };
}

/**
 * How many media session intervals run right now in this JavaScript realm
 * (0 once every call's media is left).
 *
 * @example
 * ```ts
 * await client.hangup();
 * expect(liveMediaIntervals()).toBe(0);
 * ```
 */
export function liveMediaIntervals(): number {
  return live;
}

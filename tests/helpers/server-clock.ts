/**
 * A hand-driven {@link Clock} for the call rules: time moves only when a test says so.
 */
import type { Clock } from '../../src/server/clock.js';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

/** A clock whose time moves only through `advance`. */
export interface ManualClock extends Clock {
  /** Move time forward, running every timer that comes due, in order. */
  advance(ms: number): void;
  /** Timers still waiting. */
  pending(): number;
}

/**
 * Make a manual clock starting at `start` (epoch ms).
 *
 * @example
 * ```ts
 * const clock = createManualClock();
 * const service = createCallService({ clock });
 * clock.advance(60_000); // ring timers fire
 * ```
 */
export function createManualClock(start = 1_700_000_000_000): ManualClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { id, at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.values()].filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        timers.delete(due.id);
        now = Math.max(now, due.at);
        due.fn();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

/**
 * The ring client's snapshot plus the current call's duration, as one store that
 * ticks on each new second of an answered call.
 *
 * @packageDocumentation
 */
import { addListener } from '../core/listeners.js';
import type { RingClient, RingClientSnapshot } from '../core/ring-client.js';
import type { ExternalStore } from './use-store-selector.js';

/**
 * The client's snapshot with the current call's duration.
 *
 * @internal
 */
export interface CallClockSnapshot {
  /** The ring client's snapshot. */
  ring: RingClientSnapshot;
  /** Whole seconds since the current call was answered (frozen once it ends; 0 before). */
  seconds: number;
  /** Whether the duration runs (answered and not ended). */
  running: boolean;
}

function secondsOf(ring: RingClientSnapshot, now: number): number {
  const call = ring.call;
  if (call?.answeredAt === undefined) return 0;
  return Math.max(0, Math.floor(((call.endedAt ?? now) - call.answeredAt) / 1000));
}

function runningOf(ring: RingClientSnapshot): boolean {
  return ring.call?.answeredAt !== undefined && ring.call.endedAt === undefined;
}

/**
 * A store over `client` whose snapshot also changes when the call's duration reaches a
 * new second (checked once a second, only while someone listens and the call is
 * answered); the server snapshot's duration is 0.
 *
 * @example
 * ```ts
 * const clock = createCallClock(client);
 * clock.subscribe(() => console.log(clock.getSnapshot().seconds));
 * ```
 *
 * @internal
 */
export function createCallClock(client: RingClient): Required<ExternalStore<CallClockSnapshot>> {
  const initial = client.getSnapshot();
  let current: CallClockSnapshot = { ring: initial, seconds: secondsOf(initial, Date.now()), running: runningOf(initial) };
  let server: CallClockSnapshot = { ring: initial, seconds: 0, running: runningOf(initial) };
  const listeners = new Set<() => void>();
  let stopRing: (() => void) | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  /** Bring `current` up to date; true when it changed. */
  const refresh = (): boolean => {
    const ring = client.getSnapshot();
    const seconds = secondsOf(ring, Date.now());
    if (ring === current.ring && seconds === current.seconds) return false;
    current = { ring, seconds, running: runningOf(ring) };
    return true;
  };
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  /** Tick once a second while the call runs and someone listens. */
  const schedule = () => {
    if (current.running && listeners.size > 0) {
      timer ??= setInterval(update, 1000);
      return;
    }
    clearInterval(timer);
    timer = undefined;
  };
  const update = () => {
    if (refresh()) notify();
    schedule();
  };

  return {
    getSnapshot() {
      refresh();
      return current;
    },
    getServerSnapshot() {
      const ring = client.getSnapshot();
      if (server.ring !== ring) server = { ring, seconds: 0, running: runningOf(ring) };
      return server;
    },
    subscribe(listener) {
      const remove = addListener(listeners, listener);
      stopRing ??= client.subscribe(update);
      schedule();
      return () => {
        remove();
        if (listeners.size > 0) return;
        stopRing?.();
        stopRing = undefined;
        schedule();
      };
    },
  };
}

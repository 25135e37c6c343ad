/**
 * A bare page around one ring client (real LiveKit media) for the call-endings regression test:
 * it records every uncaught error and unhandled rejection, counts the media session intervals
 * still running, and ends calls at a planned moment (after the ring starts, or once media connects).
 *
 * @packageDocumentation
 */
import { createRingClient, type RingClient } from '../../../src/core.js';
import { liveMediaIntervals } from '../../../src/testing.js';

/** How this page ends (or answers) the next call. */
export interface EndingPlan {
  /** What this device does. */
  action: 'accept' | 'reject' | 'cancel' | 'hangup' | 'none';
  /** When: ms after the ring started here (callee: `incoming`; caller: status `ringing`), or when this device's media connects. */
  at: number | 'media-connected';
}

/** What the page exposes on `window.endings`. */
export interface EndingsPage {
  /** Uncaught errors and unhandled rejections, with the time they happened. */
  readonly errors: string[];
  /** Replace the client: connect as `user` to `url`, with the call machine's ring timer (ms) and the plan for the next call. */
  start(url: string, user: string, plan: EndingPlan, ringMs?: number): Promise<void>;
  /** Place a call (the outcome is recorded, a rejection is not an error of the page). */
  call(to: string): void;
  /** Decline the ringing call now. */
  reject(): Promise<void>;
  /** Where this page stands. */
  state(): EndingsState;
}

/** A summary of the page's client. */
export interface EndingsState {
  status: string | null;
  endReason: string | null;
  incoming: number;
  media: string | null;
  /** ms from `call()` (caller) or `incoming` (callee) to this device's media connecting, once it did. */
  mediaConnectedAfterMs: number | null;
  liveIntervals: number;
}

declare global {
  interface Window {
    endings?: EndingsPage;
  }
}

const errors: string[] = [];
window.addEventListener('error', (event) => errors.push(`${new Date().toISOString()} error: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason instanceof Error ? `${event.reason.name}: ${event.reason.message}` : String(event.reason);
  errors.push(`${new Date().toISOString()} unhandled rejection: ${reason}`);
});

let client: RingClient | undefined;
let stop: Array<() => void> = [];
let startedAt = 0;
let mediaConnectedAfterMs: number | null = null;

/** Run the plan's action once its moment comes. */
function arm(current: RingClient, plan: EndingPlan): void {
  let done = false;
  const act = () => {
    if (done || plan.action === 'none') return;
    done = true;
    const run = () => {
      const work = plan.action === 'accept' ? current.accept() : plan.action === 'reject' ? current.reject() : plan.action === 'cancel' ? current.cancel() : current.hangup();
      // Racing the call's own end is the point: a typed refusal is fine, an uncaught error is not.
      work.catch(() => undefined);
    };
    if (plan.at === 'media-connected') run();
    else setTimeout(run, plan.at);
  };
  stop.push(
    current.on('incoming', () => {
      startedAt = performance.now();
      if (plan.at !== 'media-connected') act();
    }),
    current.subscribe(() => {
      const snapshot = current.getSnapshot();
      if (snapshot.call?.status === 'ringing' && snapshot.call.direction === 'outgoing' && plan.at !== 'media-connected') act();
      if (snapshot.media?.connection === 'connected' && mediaConnectedAfterMs === null) {
        mediaConnectedAfterMs = Math.round(performance.now() - startedAt);
        if (plan.at === 'media-connected') act();
      }
    }),
  );
}

window.endings = {
  errors,
  async start(url, user, plan, ringMs) {
    for (const unsubscribe of stop) unsubscribe();
    stop = [];
    await client?.disconnect().catch(() => undefined);
    mediaConnectedAfterMs = null;
    startedAt = performance.now();
    const next = createRingClient({ url, user, ...(ringMs === undefined ? {} : { timeouts: { ringMs } }) });
    client = next;
    await next.connect();
    arm(next, plan);
  },
  call(to) {
    startedAt = performance.now();
    client?.call(to).catch(() => undefined);
  },
  async reject() {
    await client?.reject().catch(() => undefined);
  },
  state() {
    const snapshot = client?.getSnapshot();
    return {
      status: snapshot?.call?.status ?? null,
      endReason: snapshot?.call?.endReason ?? null,
      incoming: snapshot?.incoming.length ?? 0,
      media: snapshot?.media?.connection ?? null,
      mediaConnectedAfterMs,
      liveIntervals: liveMediaIntervals(),
    };
  },
};

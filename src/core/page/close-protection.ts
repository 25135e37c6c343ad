/**
 * Leave-page warning (Twilio's `closeProtection`): the browser asks before a tab with a
 * live call is closed or reloaded.
 *
 * @packageDocumentation
 */
import type { RingClientSnapshot } from '../client/snapshot-types.js';

/** The part of a ring client {@link protectClose} watches. */
export interface CloseProtectionSource {
  getSnapshot(): Pick<RingClientSnapshot, 'call' | 'calls'>;
  subscribe(listener: () => void): () => void;
}

/**
 * Whether the snapshot holds a live call: placed or ringing at the callee, being
 * answered or connected, active, reconnecting or held. A call that only rings on this
 * device (not answered here) is not live: closing the tab leaves it ringing on the other devices.
 *
 * @example
 * ```ts
 * if (hasLiveCall(client.getSnapshot())) showInCallBadge();
 * ```
 */
export function hasLiveCall(snapshot: Pick<RingClientSnapshot, 'call' | 'calls'>): boolean {
  return [snapshot.call, ...snapshot.calls].some((call) => call !== null && call.status !== 'ended' && call.status !== 'incoming');
}

function ask(event: BeforeUnloadEvent): void {
  event.preventDefault();
  // Browsers before the standard `preventDefault()` (Chrome < 119) also need a return value.
  event.returnValue = true;
}

/**
 * Makes the browser ask "Leave site?" before this tab is closed, reloaded or navigated
 * away while `client` has a live call (see {@link hasLiveCall}). The `beforeunload`
 * listener exists only during the call, so pages keep their back/forward cache and no
 * prompt shows at other times. Browsers show their own words and ask only once the
 * person has interacted with the page. Returns a function that stops it. Does nothing
 * outside a browser.
 *
 * @example
 * ```ts
 * const client = createRingClient({ url, token });
 * const stop = protectClose(client);
 * // later, for example when signing out:
 * stop();
 * ```
 */
export function protectClose(client: CloseProtectionSource): () => void {
  if (typeof window === 'undefined') return () => undefined;
  let listening = false;
  const listen = (on: boolean) => {
    if (on === listening) return;
    listening = on;
    if (on) window.addEventListener('beforeunload', ask);
    else window.removeEventListener('beforeunload', ask);
  };
  const update = () => listen(hasLiveCall(client.getSnapshot()));
  const unsubscribe = client.subscribe(update);
  update();
  return () => {
    unsubscribe();
    listen(false);
  };
}

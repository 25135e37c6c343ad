/**
 * A page opened or focused from a call notification takes the call: from the
 * URL the service worker opened (`?ringkit-call=…&ringkit-action=accept`) or
 * from the message it posted to an open page, it accepts that call once it rings here.
 *
 * @packageDocumentation
 */
import { isNotificationHandoff, PUSH_ACTION_PARAM, PUSH_CALL_PARAM, readHandoffUrl, type NotificationChoice } from '../../protocol/push-handoff.js';
import type { RingClient } from '../client/types.js';

/** How long a handed-over call is waited for (the longest ring). */
const WAIT_MS = 180_000;

function acceptWhenRinging(client: Pick<RingClient, 'getSnapshot' | 'subscribe' | 'accept'>, callId: string, action: NotificationChoice): void {
  if (action !== 'accept') return;
  let done = false;
  const check = () => {
    if (done || !client.getSnapshot().incoming.some((call) => call.callId === callId)) return;
    finish();
    void client.accept(callId).catch(() => undefined);
  };
  const unsubscribe = client.subscribe(check);
  const timer = setTimeout(() => finish(), WAIT_MS);
  function finish(): void {
    done = true;
    clearTimeout(timer);
    unsubscribe();
  }
  check();
}

/**
 * Take calls handed over by the ringkit service worker. Does nothing outside a browser. @internal
 *
 * @example
 * ```ts
 * const stop = takeNotificationHandoffs(client);
 * ```
 */
export function takeNotificationHandoffs(client: Pick<RingClient, 'getSnapshot' | 'subscribe' | 'accept'>): () => void {
  if (typeof window === 'undefined' || typeof location === 'undefined') return () => undefined;
  const opened = readHandoffUrl(location.href);
  if (opened) {
    const url = new URL(location.href);
    url.searchParams.delete(PUSH_CALL_PARAM);
    url.searchParams.delete(PUSH_ACTION_PARAM);
    history.replaceState(history.state, '', url);
    acceptWhenRinging(client, opened.callId, opened.action);
  }
  const worker = typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
  const onMessage = (event: MessageEvent) => {
    if (isNotificationHandoff(event.data)) acceptWhenRinging(client, event.data.callId, event.data.action);
  };
  worker?.addEventListener('message', onMessage);
  return () => worker?.removeEventListener('message', onMessage);
}

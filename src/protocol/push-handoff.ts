/**
 * How the service worker hands a call to a page of the app: the URL query
 * parameters of a page it opens, and the message it posts to a page it focuses.
 * No dependencies, so the service worker stays small.
 *
 * @packageDocumentation
 */

/** Query parameter naming the call a page was opened for. */
export const PUSH_CALL_PARAM = 'ringkit-call';
/** Query parameter naming what the user chose on the notification: `accept` or `show`. */
export const PUSH_ACTION_PARAM = 'ringkit-action';
/** `type` of the message the service worker posts to pages. */
export const PUSH_MESSAGE_TYPE = 'ringkit:notification';

/** What the user chose on a call notification: Accept, or a click on its body (show the call). */
export type NotificationChoice = 'accept' | 'show';

/**
 * The message a service worker posts to an open page of the app.
 *
 * @example
 * ```ts
 * navigator.serviceWorker.addEventListener('message', ({ data }) => {
 *   if (isNotificationHandoff(data) && data.action === 'accept') void client.accept(data.callId);
 * });
 * ```
 */
export interface NotificationHandoff {
  type: typeof PUSH_MESSAGE_TYPE;
  callId: string;
  action: NotificationChoice;
}

/**
 * True when `data` is a {@link NotificationHandoff}.
 *
 * @example
 * ```ts
 * if (isNotificationHandoff(event.data)) handle(event.data);
 * ```
 */
export function isNotificationHandoff(data: unknown): data is NotificationHandoff {
  if (typeof data !== 'object' || data === null) return false;
  const { type, callId, action } = data as Record<string, unknown>;
  return type === PUSH_MESSAGE_TYPE && typeof callId === 'string' && callId.length > 0 && (action === 'accept' || action === 'show');
}

/**
 * The URL of the app that opens a call from its notification.
 *
 * @example
 * ```ts
 * handoffUrl('https://app.example.com/', 'c1', 'accept'); // https://app.example.com/?ringkit-call=c1&ringkit-action=accept
 * ```
 */
export function handoffUrl(appUrl: string, callId: string, action: NotificationChoice): string {
  const url = new URL(appUrl);
  url.searchParams.set(PUSH_CALL_PARAM, callId);
  url.searchParams.set(PUSH_ACTION_PARAM, action);
  return url.toString();
}

/**
 * The call and choice a page was opened with, if it was opened from a notification.
 *
 * @example
 * ```ts
 * const handoff = readHandoffUrl(location.href); // { callId: 'c1', action: 'accept' } | undefined
 * ```
 */
export function readHandoffUrl(url: string): Omit<NotificationHandoff, 'type'> | undefined {
  const params = new URL(url).searchParams;
  const callId = params.get(PUSH_CALL_PARAM);
  const action = params.get(PUSH_ACTION_PARAM);
  if (!callId || (action !== 'accept' && action !== 'show')) return undefined;
  return { callId, action };
}

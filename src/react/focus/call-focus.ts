/**
 * Where keyboard focus goes at the moments of a call (WAI-ARIA dialog pattern): per
 * client, the element that started or answered the call, the mounted call views and
 * call buttons, and the choice of a target when focus would otherwise fall to `<body>`.
 *
 * @packageDocumentation
 */
import type { RingClient } from '../../core/ring-client.js';

/** Why ringkit is about to move focus. */
export type CallFocusReason = 'opened' | 'accepted' | 'declined' | 'stopped' | 'ended' | 'closed';

/**
 * A cancelable event handed to `on…AutoFocus` props before ringkit moves focus;
 * `preventDefault()` leaves focus to the app (as Radix's `onOpenAutoFocus`/`onCloseAutoFocus`).
 */
export type CallFocusEvent = CustomEvent<{ reason: CallFocusReason }>;

interface CallFocusRecord {
  /** The element that started the current call, or was focused when it rang. */
  origin: HTMLElement | null;
  /** Mounted call views (their root elements). */
  views: Set<HTMLElement>;
  /** Mounted call buttons. */
  buttons: Set<HTMLElement>;
  /** An incoming-call dialog just closed and will place focus itself. */
  dialogClosing: boolean;
}

const records = new WeakMap<RingClient, CallFocusRecord>();

function recordOf(client: RingClient): CallFocusRecord {
  let record = records.get(client);
  if (!record) {
    record = { origin: null, views: new Set(), buttons: new Set(), dialogClosing: false };
    records.set(client, record);
  }
  return record;
}

/**
 * A cancelable focus event for an `on…AutoFocus` prop.
 *
 * @internal
 * @example
 * ```ts
 * const event = callFocusEvent('ended');
 * props.onEndAutoFocus?.(event);
 * if (!event.defaultPrevented) close.focus();
 * ```
 */
export function callFocusEvent(reason: CallFocusReason): CallFocusEvent {
  return new CustomEvent(`ringkit.focus.${reason}`, { cancelable: true, detail: { reason } });
}

/**
 * Whether focus is nowhere useful: on `<body>`, or on an element no longer in the page.
 *
 * @internal
 * @example
 * ```ts
 * if (isFocusLost()) view.focus();
 * ```
 */
export function isFocusLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || active === document.documentElement || !active.isConnected;
}

function usable(element: HTMLElement | null | undefined): element is HTMLElement {
  return Boolean(element?.isConnected) && element !== document.body;
}

/**
 * Focus `element` if it is in the page; true when it took the focus.
 *
 * @internal
 * @example
 * ```ts
 * focusElement(closeButton);
 * ```
 */
export function focusElement(element: HTMLElement | null | undefined): boolean {
  if (!usable(element)) return false;
  element.focus();
  return document.activeElement === element;
}

/**
 * Remember the element that starts or answers a call (the call button pressed, the element
 * focused when a call rang), so focus can go back to it once the call is closed.
 *
 * @internal
 * @example
 * ```ts
 * rememberCallOrigin(client, event.currentTarget);
 * ```
 */
export function rememberCallOrigin(client: RingClient, element: Element | null): void {
  if (element instanceof HTMLElement && element !== document.body && element.isConnected) recordOf(client).origin = element;
}

/**
 * Whether an origin is remembered for the client's next focus return.
 *
 * @internal
 * @example
 * ```ts
 * if (!hasCallOrigin(client)) rememberCallOrigin(client, document.activeElement);
 * ```
 */
export function hasCallOrigin(client: RingClient): boolean {
  return usable(recordOf(client).origin);
}

/**
 * Register a mounted element of one kind for a client; returns the unregister function.
 *
 * @internal
 * @example
 * ```ts
 * useCallback((element) => element ? registerCallElement(client, 'views', element) : undefined, [client]);
 * ```
 */
export function registerCallElement(client: RingClient, kind: 'views' | 'buttons', element: HTMLElement): () => void {
  const set = recordOf(client)[kind];
  set.add(element);
  return () => {
    set.delete(element);
  };
}

/**
 * Where focus enters a call view: its first control (or the ended call's Close button),
 * else the view's region itself.
 *
 * @internal
 * @example
 * ```ts
 * focusElement(callViewEntry(client));
 * ```
 */
export function callViewEntry(client: RingClient): HTMLElement | null {
  for (const view of recordOf(client).views) {
    if (!view.isConnected) continue;
    return view.querySelector<HTMLElement>('[data-rk-control], [data-rk-action="dismiss"]') ?? view;
  }
  return null;
}

function callButtonFor(client: RingClient, peers: readonly string[]): HTMLElement | null {
  const buttons = [...recordOf(client).buttons].filter((button) => button.isConnected);
  const calls = (button: HTMLElement) => (button.getAttribute('data-rk-to') ?? '').split(' ');
  const same = (button: HTMLElement) => {
    const to = calls(button);
    return to.length === peers.length && peers.every((peer) => to.includes(peer));
  };
  return buttons.find(same) ?? buttons.find((button) => calls(button).some((user) => peers.includes(user))) ?? null;
}

/**
 * Where focus returns once a call is closed: the element that started or answered it, else
 * the first call button for one of `peers` (its contact's), else `fallback`.
 *
 * @internal
 * @example
 * ```ts
 * focusElement(returnTarget(client, call.peers, callViewEntry(client)));
 * ```
 */
export function returnTarget(client: RingClient, peers: readonly string[], fallback: HTMLElement | null = null): HTMLElement | null {
  const record = recordOf(client);
  const origin = record.origin;
  if (usable(origin) && ![...record.views].some((view) => view.contains(origin))) return origin;
  return callButtonFor(client, peers) ?? (usable(fallback) ? fallback : null);
}

/**
 * Forget the remembered origin (the call it belonged to is closed).
 *
 * @internal
 * @example
 * ```ts
 * forgetCallOrigin(client);
 * ```
 */
export function forgetCallOrigin(client: RingClient): void {
  recordOf(client).origin = null;
}

/**
 * Whether an incoming-call dialog of the client just closed and will place focus itself
 * (a call view then leaves focus alone).
 *
 * @internal
 * @example
 * ```ts
 * if (!isDialogClosing(client)) focusElement(close);
 * ```
 */
export function isDialogClosing(client: RingClient): boolean {
  return recordOf(client).dialogClosing;
}

/**
 * Once the incoming-call dialog closed (after React rendered what follows), place focus
 * with {@link focusAfterIncoming}.
 *
 * @internal
 * @example
 * ```ts
 * useEffect(() => () => scheduleFocusAfterIncoming(client, 'declined', 'alice', undefined), []);
 * ```
 */
export function scheduleFocusAfterIncoming(
  client: RingClient,
  reason: CallFocusReason,
  caller: string,
  onCloseAutoFocus: ((event: CallFocusEvent) => void) | undefined,
): void {
  const record = recordOf(client);
  record.dialogClosing = true;
  setTimeout(() => {
    record.dialogClosing = false;
    focusAfterIncoming(client, reason, caller, onCloseAutoFocus);
  }, 0);
}

/**
 * After the incoming-call dialog closed: unless the app prevents it (`onCloseAutoFocus`) or
 * focus is already somewhere, an accepted call's focus goes into the call view (its first
 * control); a declined or stopped ring's goes back to where it was, else into the call view
 * (the ended call's Close), else to a call button for the caller.
 *
 * @internal
 * @example
 * ```ts
 * focusAfterIncoming(client, 'accepted', 'alice', props.onCloseAutoFocus);
 * ```
 */
export function focusAfterIncoming(
  client: RingClient,
  reason: CallFocusReason,
  caller: string,
  onCloseAutoFocus: ((event: CallFocusEvent) => void) | undefined,
): void {
  const event = callFocusEvent(reason);
  onCloseAutoFocus?.(event);
  if (event.defaultPrevented || !isFocusLost()) return;
  const entry = callViewEntry(client);
  focusElement(reason === 'accepted' ? (entry ?? returnTarget(client, [caller])) : returnTarget(client, [caller], entry));
}

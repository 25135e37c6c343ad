'use client';
/**
 * Focus for the call view: the ended call's Close button takes focus when the call ends,
 * and Close returns focus to where the call started.
 *
 * @packageDocumentation
 */
import { useEffect, useRef, type RefCallback } from 'react';
import type { CurrentCall } from '../../core/client/types.js';
import type { RingClient } from '../../core/ring-client.js';
import { useMergedRef } from '../components/compose.js';
import {
  callFocusEvent,
  focusElement,
  forgetCallOrigin,
  hasCallOrigin,
  isDialogClosing,
  isFocusLost,
  rememberCallOrigin,
  returnTarget,
  type CallFocusEvent,
} from './call-focus.js';
import { useRegisteredElement } from './use-registered-element.js';

/** Options of {@link useCallViewFocus}. */
export interface CallViewFocusOptions {
  /**
   * Runs when the call ends while focus is in the call view (or lost), before focus moves to
   * the Close button. `preventDefault()` leaves focus to you.
   */
  onEndAutoFocus?: (event: CallFocusEvent) => void;
  /**
   * Runs when Close is pressed, before focus returns to the element that started the call
   * (the call button pressed, or what was focused when it rang), else to a call button for
   * that contact. `preventDefault()` leaves focus to you.
   */
  onCloseAutoFocus?: (event: CallFocusEvent) => void;
}

/** What {@link useCallViewFocus} returns. */
export interface CallViewFocus {
  /** For the view's root element. */
  ref: RefCallback<HTMLElement>;
  /** Move focus back where the call started, then close the ended call. */
  close(): void;
}

/**
 * Focus handling of a call view of `client` showing `call`.
 *
 * @internal
 * @example
 * ```ts
 * const focus = useCallViewFocus(client, call, options);
 * ```
 */
export function useCallViewFocus(client: RingClient, call: CurrentCall | null, options: CallViewFocusOptions): CallViewFocus {
  const view = useRef<HTMLElement | null>(null);
  const ref = useMergedRef<HTMLElement>(useRegisteredElement(client, 'views'), view);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const callId = call?.callId;
  const ended = call?.status === 'ended';

  useEffect(() => {
    if (callId === undefined || hasCallOrigin(client)) return;
    const active = document.activeElement;
    if (!view.current?.contains(active)) rememberCallOrigin(client, active);
  }, [client, callId]);

  useEffect(() => {
    const root = view.current;
    if (!ended || !root || isDialogClosing(client)) return;
    if (!isFocusLost() && !root.contains(document.activeElement)) return;
    const event = callFocusEvent('ended');
    latest.current.onEndAutoFocus?.(event);
    if (!event.defaultPrevented) focusElement(root.querySelector<HTMLElement>('[data-rk-action="dismiss"]'));
  }, [client, callId, ended]);

  return {
    ref,
    close: () => {
      const event = callFocusEvent('closed');
      latest.current.onCloseAutoFocus?.(event);
      if (!event.defaultPrevented) focusElement(returnTarget(client, call?.peers ?? []));
      forgetCallOrigin(client);
      client.dismiss();
    },
  };
}

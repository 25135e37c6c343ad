'use client';
/**
 * Focus for the incoming-call dialog: Decline first when it opens, and where focus goes
 * once it closes (into the call after Accept, back where it was after Decline).
 *
 * @packageDocumentation
 */
import { useCallback, useEffect, useRef, type RefCallback } from 'react';
import type { RingClient } from '../../core/ring-client.js';
import {
  callFocusEvent,
  focusElement,
  rememberCallOrigin,
  scheduleFocusAfterIncoming,
  type CallFocusEvent,
} from './call-focus.js';

/** Options of {@link useIncomingFocus}. */
export interface IncomingFocusOptions {
  /** Runs before Decline takes the focus when the dialog opens; `preventDefault()` leaves focus to you. */
  onOpenAutoFocus?: (event: CallFocusEvent) => void;
  /**
   * Runs when the dialog closes (`event.detail.reason`: `accepted`, `declined` or `stopped`), before
   * ringkit moves focus: into `<CallView>` after Accept, back to where it was otherwise.
   * `preventDefault()` leaves focus to you.
   */
  onCloseAutoFocus?: (event: CallFocusEvent) => void;
}

/** What {@link useIncomingFocus} returns. */
export interface IncomingFocus {
  /** For the dialog element. */
  dialogRef: RefCallback<HTMLElement>;
  /** For the button focused first (Decline, the safe action). */
  firstRef: RefCallback<HTMLButtonElement>;
  /** Call when the user accepts or declines `callId` in the dialog. */
  answered(callId: string, how: 'accepted' | 'declined'): void;
}

/**
 * Focus handling of an incoming-call dialog for `client`, shown while `callId` rings.
 *
 * @internal
 * @example
 * ```ts
 * const focus = useIncomingFocus(client, call?.callId ?? null, call?.from ?? '', options);
 * ```
 */
export function useIncomingFocus(
  client: RingClient,
  callId: string | null,
  caller: string,
  options: IncomingFocusOptions,
): IncomingFocus {
  const dialog = useRef<HTMLElement | null>(null);
  const first = useRef<HTMLButtonElement | null>(null);
  const answer = useRef<{ callId: string; how: 'accepted' | 'declined' } | null>(null);
  /** The dialog opened before its buttons were there (the call-waiting variant loads on demand): focus Decline when it comes. */
  const pending = useRef(false);
  const latest = useRef({ client, callId, caller, options });
  useEffect(() => {
    latest.current = { client, callId, caller, options };
  });
  const open = callId !== null;

  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement;
    if (!dialog.current?.contains(previous)) rememberCallOrigin(latest.current.client, previous);
    const opening = callFocusEvent('opened');
    latest.current.options.onOpenAutoFocus?.(opening);
    if (!opening.defaultPrevented) {
      const target = first.current ?? dialog.current;
      pending.current = target === null;
      focusElement(target);
    }
    return () => {
      pending.current = false;
      const { client: owner, callId: shown, caller: from, options: current } = latest.current;
      const reason = answer.current && answer.current.callId === shown ? answer.current.how : 'stopped';
      answer.current = null;
      scheduleFocusAfterIncoming(owner, reason, from, current.onCloseAutoFocus);
    };
  }, [open]);

  return {
    dialogRef: useCallback((element: HTMLElement | null) => {
      dialog.current = element;
    }, []),
    firstRef: useCallback((element: HTMLButtonElement | null) => {
      first.current = element;
      if (!element || !pending.current) return;
      pending.current = false;
      focusElement(element);
    }, []),
    answered: (id, how) => {
      answer.current = { callId: id, how };
    },
  };
}

'use client';
/**
 * The Hold toggle of `<CallControls>` (call waiting).
 *
 * @packageDocumentation
 */
import type { MouseEvent } from 'react';
import type { RingClient } from '../../core/ring-client.js';
import type { LocaleProps } from '../i18n/context.js';
import { useWaitingMessages } from '../i18n/waiting-messages.js';
import { useRingClient, useRingSelector } from '../use-ring-client.js';
import { composeHandlers } from './compose.js';

/** Props of {@link HoldControl}. */
export interface HoldControlProps extends LocaleProps {
  /** A client other than the provider's. */
  client?: RingClient | undefined;
  /** Runs before the call goes on or off hold; `preventDefault()` stops it. */
  onToggle?: ((event: MouseEvent<HTMLButtonElement>) => void) | undefined;
  /** Called when holding or resuming fails. */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * A toggle button that puts the current call on hold (pressed while this user holds it) and takes it off;
 * nothing before the call is answered.
 *
 * @example
 * ```tsx
 * <HoldControl onError={report} />
 * ```
 *
 * @internal
 */
export function HoldControl({ client, onToggle, onError, locale, messages }: HoldControlProps) {
  const ring = useRingClient(client);
  const state = useRingSelector(({ call }) => {
    if (call?.status === 'held') return call.heldBy.includes(call.self) ? 'mine' : 'theirs';
    return call?.status === 'active' || call?.status === 'reconnecting' ? 'active' : 'none';
  }, ring);
  const words = useWaitingMessages({ locale, messages });
  if (state === 'none' || state === 'theirs') return null;
  const held = state === 'mine';
  return (
    <button
      type="button"
      aria-pressed={held}
      data-rk-action="hold"
      className="rk-control"
      onClick={composeHandlers(onToggle, () => {
        (held ? ring.resume(ring.getSnapshot().call?.callId) : ring.hold()).catch((error: unknown) => onError?.(error));
      })}
    >
      <svg className="rk-icon" viewBox="0 0 24 24" width={20} height={20} fill="currentColor" aria-hidden="true" focusable="false">
        <path d="M7 5h4v14H7zm6 0h4v14h-4z" />
      </svg>
      <span className="rk-control__text">{words.hold}</span>
    </button>
  );
}

'use client';
/**
 * The screen share toggle of `<CallControls>`.
 *
 * @packageDocumentation
 */
import type { MouseEvent } from 'react';
import type { RingClient } from '../../core/ring-client.js';
import type { LocaleProps } from '../i18n/context.js';
import { useScreenShareMessages } from '../i18n/screen-share-messages.js';
import { useScreenShare } from '../use-screen-share.js';
import { composeHandlers } from './compose.js';

/** Props of {@link ScreenShareControl}. */
export interface ScreenShareControlProps extends LocaleProps {
  /** A client other than the provider's. */
  client?: RingClient | undefined;
  /** Runs before sharing starts or stops; `preventDefault()` stops it. */
  onToggle?: ((event: MouseEvent<HTMLButtonElement>) => void) | undefined;
  /** Called when a start or stop fails. */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * A toggle button that shares the screen (pressed while sharing); nothing where the browser cannot share.
 *
 * @example
 * ```tsx
 * <ScreenShareControl locale="zh-CN" onError={report} />
 * ```
 *
 * @internal
 */
export function ScreenShareControl({ client, onToggle, onError, locale, messages }: ScreenShareControlProps) {
  const screen = useScreenShare({ client, onError });
  const text = useScreenShareMessages({ locale, messages });
  if (!screen.supported) return null;
  return (
    <button {...screen.buttonProps} onClick={composeHandlers(onToggle, screen.buttonProps.onClick)} className="rk-control">
      <svg className="rk-icon" viewBox="0 0 24 24" width={20} height={20} fill="currentColor" aria-hidden="true" focusable="false">
        <path d="M3 4h18a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1h-7v2h3v2H7v-2h3v-2H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zm1 2v9h16V6zm8 1 4 3.5h-3V14h-2v-3.5H8z" />
      </svg>
      <span className="rk-control__text">{text.shareScreen}</span>
    </button>
  );
}

/**
 * The icons of the page before any call (call, video call, hang up) and the frame every
 * icon is drawn in, apart from the in-call icons (`icons.tsx`), so that page carries only these.
 *
 * @packageDocumentation
 */
import type { ReactNode } from 'react';

/** Names of the call button's and the incoming-call dialog's icons. */
export type RingingIconName = 'phone' | 'video' | 'hangup';

/** @internal */
export const RINGING_ICON_PATHS: Readonly<Record<RingingIconName, ReactNode>> = {
  phone: (
    <path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" />
  ),
  video: <path d="M4 6h11a1 1 0 0 1 1 1v3.5l4-3v9l-4-3V17a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1z" />,
  hangup: (
    <path d="M12 9c-1.6 0-3.15.25-4.6.72v3.1a1 1 0 0 1-.56.9 11.5 11.5 0 0 0-2.66 1.85 1 1 0 0 1-1.4 0L.3 13.1a1 1 0 0 1 0-1.42A16.9 16.9 0 0 1 12 7a16.9 16.9 0 0 1 11.7 4.68 1 1 0 0 1 0 1.42l-2.48 2.48a1 1 0 0 1-1.4 0 11.3 11.3 0 0 0-2.67-1.85 1 1 0 0 1-.55-.9v-3.1A15 15 0 0 0 12 9z" />
  ),
};

/**
 * A decorative 24×24 icon frame that takes the text colour; its children are the icon's paths.
 *
 * @internal
 * @example
 * ```tsx
 * <IconFrame size={16}><path d="M4 6h16" /></IconFrame>
 * ```
 */
export function IconFrame({ size = 20, children }: { size?: number; children: ReactNode }) {
  return (
    <svg className="rk-icon" viewBox="0 0 24 24" width={size} height={size} fill="currentColor" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

/**
 * One of the call button's and the incoming-call dialog's icons.
 *
 * @internal
 * @example
 * ```tsx
 * <button aria-label="Call Bob"><RingingIcon name="phone" /></button>
 * ```
 */
export function RingingIcon({ name, size = 20 }: { name: RingingIconName; size?: number }) {
  return <IconFrame size={size}>{RINGING_ICON_PATHS[name]}</IconFrame>;
}

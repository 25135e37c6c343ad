/**
 * Small inline icons (decorative: hidden from assistive technology; the text says it).
 * The call button's and the incoming-call dialog's are in `ringing-icons.tsx`, so the page
 * before any call carries only those.
 *
 * @packageDocumentation
 */
import type { ReactNode } from 'react';
import { IconFrame, RINGING_ICON_PATHS, type RingingIconName } from './ringing-icons.js';

/** Names of the built-in icons. */
export type IconName = RingingIconName | 'mic' | 'mic-off' | 'camera-off' | 'speaking' | 'swap';

const PATHS: Readonly<Record<IconName, ReactNode>> = {
  ...RINGING_ICON_PATHS,
  mic: (
    <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11z" />
  ),
  'mic-off': (
    <path d="M19 11h-2a5 5 0 0 1-.4 1.96l1.5 1.5A7 7 0 0 0 19 11zm-4 .17V5a3 3 0 0 0-5.9-.75zM4.27 3 3 4.27l6 6V11a3 3 0 0 0 4.47 2.62l1.52 1.52A5 5 0 0 1 7 11H5a7 7 0 0 0 6 6.92V21h2v-3.08a6.9 6.9 0 0 0 3.45-1.27L19.73 20 21 18.73z" />
  ),
  'camera-off': (
    <path d="M21 6.5l-4 3V7a1 1 0 0 0-1-1H9.8L21 17.2zM3.3 2 2 3.3 4.7 6H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12c.2 0 .4-.06.55-.16L19.7 22l1.3-1.3z" />
  ),
  speaking: (
    <path d="M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 7.97v8.05A4.5 4.5 0 0 0 16.5 12zM14 3.23v2.06a7 7 0 0 1 0 13.42v2.06a9 9 0 0 0 0-17.54z" />
  ),
  swap: <path d="M7 7h10l-3-3 1.4-1.4L21 8l-5.6 5.4L14 12l3-3H7zm10 10H7l3 3-1.4 1.4L3 16l5.6-5.4L10 12l-3 3h10z" />,
};

/**
 * A decorative 24×24 icon that takes the text colour.
 *
 * @example
 * ```tsx
 * <button aria-label="Mute"><Icon name="mic-off" /></button>
 * ```
 */
export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
  return <IconFrame size={size}>{PATHS[name]}</IconFrame>;
}

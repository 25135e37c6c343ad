/**
 * Small inline icons (decorative: hidden from assistive technology; the text says it).
 *
 * @packageDocumentation
 */
import type { ReactNode } from 'react';

/** Names of the built-in icons. */
export type IconName = 'phone' | 'video' | 'hangup' | 'mic' | 'mic-off' | 'camera-off' | 'speaking' | 'swap';

const PATHS: Readonly<Record<IconName, ReactNode>> = {
  phone: (
    <path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" />
  ),
  video: <path d="M4 6h11a1 1 0 0 1 1 1v3.5l4-3v9l-4-3V17a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1z" />,
  hangup: (
    <path d="M12 9c-1.6 0-3.15.25-4.6.72v3.1a1 1 0 0 1-.56.9 11.5 11.5 0 0 0-2.66 1.85 1 1 0 0 1-1.4 0L.3 13.1a1 1 0 0 1 0-1.42A16.9 16.9 0 0 1 12 7a16.9 16.9 0 0 1 11.7 4.68 1 1 0 0 1 0 1.42l-2.48 2.48a1 1 0 0 1-1.4 0 11.3 11.3 0 0 0-2.67-1.85 1 1 0 0 1-.55-.9v-3.1A15 15 0 0 0 12 9z" />
  ),
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
  return (
    <svg
      className="rk-icon"
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}

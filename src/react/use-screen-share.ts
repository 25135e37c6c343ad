'use client';
/**
 * Screen sharing in the current call: whether this device shares, who else does, and start/stop.
 *
 * @packageDocumentation
 */
import { useMemo } from 'react';
import type { ScreenShareStatus } from '../core/client/types.js';
import { isScreenShareSupported } from '../core/media/screen-share.js';
import type { ScreenShareError } from '../core/media/types.js';
import type { RingClient, RingClientSnapshot } from '../core/ring-client.js';
import { shallowEqual } from './shallow-equal.js';
import { useRingClient, useRingSelector } from './use-ring-client.js';

/** Options of {@link useScreenShare}. */
export interface UseScreenShareOptions {
  /** A client other than the provider's. */
  client?: RingClient;
  /** Called when the toggle's start or stop fails (the error is also in `error`). */
  onError?: (error: unknown) => void;
}

/** Attributes for a screen share toggle button. */
export interface ScreenShareButtonProps {
  type: 'button';
  onClick: () => void;
  /** Pressed while sharing. */
  'aria-pressed': boolean;
  'aria-disabled'?: true;
  'data-rk-control': 'screen-share';
  /** {@link UseScreenShareResult.status}. */
  'data-state': ScreenShareStatus;
}

/** What {@link useScreenShare} returns. */
export interface UseScreenShareResult {
  /** This device shares its screen now. */
  sharing: boolean;
  /** This device's share: `starting` while the browser's picker is open, `stopping`, `on`, `off`. */
  status: ScreenShareStatus;
  /** This browser and the call's media can share a screen (false on phones). */
  supported: boolean;
  /** The active call can share now (a start or stop is possible). */
  available: boolean;
  /** Other members sharing their screen now, by user id. */
  sharers: readonly string[];
  /** Why the last start or stop failed (cancelled or not allowed, unsupported, failed). */
  error: ScreenShareError | undefined;
  /** Share a screen, window or tab (the browser asks which); rejects with a `RingError` when it could not. */
  start(): Promise<void>;
  /** Stop sharing. */
  stop(): Promise<void>;
  /** Spread on a toggle button: starts or stops, `aria-disabled` while it cannot. */
  buttonProps: ScreenShareButtonProps;
}

function select(snapshot: RingClientSnapshot) {
  const call = snapshot.call;
  const remote = call?.remote ?? {};
  return {
    status: call?.screenShare ?? 'off',
    live: call?.status === 'active' || call?.status === 'reconnecting',
    supported: snapshot.media?.screenShareSupported,
    error: call?.status === 'ended' ? undefined : call?.screenShareError,
    // A string, so the selection compares by value (user ids hold no line breaks).
    sharers: Object.keys(remote)
      .filter((user) => remote[user]?.screenSharing)
      .join('\n'),
  };
}

/**
 * Share this device's screen in the current call, and see who shares. Re-renders only when
 * what it returns changes. Stopping from the browser's own "Stop sharing" bar turns `sharing` off.
 *
 * @example
 * ```tsx
 * function ShareButton() {
 *   const screen = useScreenShare();
 *   if (!screen.supported) return null;
 *   return (
 *     <button aria-pressed={screen.sharing} disabled={!screen.available} onClick={() => void (screen.sharing ? screen.stop() : screen.start())}>
 *       Share screen
 *     </button>
 *   );
 * }
 * ```
 */
export function useScreenShare(options: UseScreenShareOptions = {}): UseScreenShareResult {
  const client = useRingClient(options.client);
  const state = useRingSelector(select, client, shallowEqual);
  const sharers = useMemo(() => (state.sharers === '' ? [] : state.sharers.split('\n')), [state.sharers]);
  const sharing = state.status === 'on';
  const available = state.live && (sharing || state.status === 'off');
  const start = () => client.setScreenShareEnabled(true);
  const stop = () => client.setScreenShareEnabled(false);
  return {
    sharing,
    status: state.status,
    supported: state.supported ?? isScreenShareSupported(),
    available,
    sharers,
    error: state.error,
    start,
    stop,
    buttonProps: {
      type: 'button',
      'aria-pressed': sharing,
      'aria-disabled': available ? undefined : true,
      'data-rk-control': 'screen-share',
      'data-state': state.status,
      onClick: () => {
        if (available) (sharing ? stop() : start()).catch((error: unknown) => options.onError?.(error));
      },
    },
  };
}

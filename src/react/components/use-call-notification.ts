'use client';
/**
 * Show a browser notification for a ringing call while the tab is hidden.
 *
 * @packageDocumentation
 */
import { useEffect } from 'react';

/** Options of {@link useCallNotification}. */
export interface UseCallNotificationOptions {
  /** Notify at all (the app asks for permission; this hook never does). */
  enabled: boolean;
  /** The ringing call's id (used as the notification tag), or null when nothing rings. */
  callId: string | null;
  /** Notification title. */
  title: string;
  /** Notification body. */
  body: string;
}

function notificationsAllowed(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

/**
 * While `callId` rings and the tab is hidden, shows a notification (permission must
 * already be granted); clicking it focuses the tab. It closes when the call stops
 * ringing or the tab becomes visible.
 *
 * @example
 * ```tsx
 * useCallNotification({ enabled: true, callId: call?.callId ?? null, title: 'Alice is calling', body: 'Video call' });
 * ```
 */
export function useCallNotification({ enabled, callId, title, body }: UseCallNotificationOptions): void {
  useEffect(() => {
    if (!enabled || callId === null || typeof document === 'undefined' || !notificationsAllowed()) return;
    let notification: Notification | undefined;
    const close = () => {
      notification?.close();
      notification = undefined;
    };
    const update = () => {
      if (document.visibilityState === 'visible') return close();
      if (notification) return;
      try {
        notification = new Notification(title, { body, tag: `rk-call-${callId}`, requireInteraction: true });
        notification.onclick = () => {
          window.focus();
          close();
        };
      } catch {
        notification = undefined;
      }
    };
    update();
    document.addEventListener('visibilitychange', update);
    return () => {
      document.removeEventListener('visibilitychange', update);
      close();
    };
  }, [enabled, callId, title, body]);
}

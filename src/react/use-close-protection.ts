'use client';
/**
 * Leave-page warning for React: asks before a tab with a live call is closed or reloaded.
 *
 * @packageDocumentation
 */
import { useEffect } from 'react';
import { protectClose } from '../core/page/close-protection.js';
import type { RingClient } from '../core/ring-client.js';
import { useRingClient } from './use-ring-client.js';

/** Options of {@link useCloseProtection}. */
export interface UseCloseProtectionOptions {
  /** Ask before leaving during a live call (default true); `false` turns it off, for example from a setting. */
  enabled?: boolean;
  /** A client other than the provider's. */
  client?: RingClient;
}

/**
 * While mounted (and `enabled`), the browser asks "Leave site?" before this tab is closed,
 * reloaded or navigated away from during a live call: placed, ringing at the callee,
 * connecting, active, reconnecting or held. No listener exists before or after the call.
 * See `protectClose` in `ringkit/core` for apps without React.
 *
 * @example
 * ```tsx
 * function App() {
 *   useCloseProtection();
 *   return <CallView />;
 * }
 * ```
 */
export function useCloseProtection(options: UseCloseProtectionOptions = {}): void {
  const { enabled = true } = options;
  const client = useRingClient(options.client);
  useEffect(() => (enabled ? protectClose(client) : undefined), [client, enabled]);
}

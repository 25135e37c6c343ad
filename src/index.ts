/**
 * `ringkit`: React provider, hooks and components for ringing calls.
 *
 * @packageDocumentation
 */
export type { EndReason, Media, PresenceStatus, CallInfo } from './core/protocol.js';
export { RingProvider, RingClientContext, type RingProviderProps } from './react/provider.js';
export { useRingClient, useMaybeRingClient } from './react/use-ring-client.js';
export type * from './core/ring-client.js';
export { RingError, isRingError, type RingErrorCode } from './core/errors.js';

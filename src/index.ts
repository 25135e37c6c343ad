/**
 * `ringkit`: React provider, hooks and components for ringing calls.
 *
 * @packageDocumentation
 */
export type { EndReason, Media, PresenceStatus, CallInfo } from './core/protocol.js';

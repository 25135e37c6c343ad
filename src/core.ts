/**
 * `ringkit/core`: the React-free client, the call machine, the wire protocol,
 * signaling transports and media sessions. Runs in any JavaScript runtime.
 *
 * @packageDocumentation
 */
export * from './core/protocol.js';
export type * from './core/media/types.js';
export type * from './core/signaling/transport.js';
export * from './core/errors.js';
export * from './core/ring-client.js';

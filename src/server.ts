/**
 * `ringkit/server`: the signaling server (Node), its call rules, stores and LiveKit tokens.
 *
 * @packageDocumentation
 */
export {};

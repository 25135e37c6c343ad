/**
 * The protocol's version and size limits, in a file of their own: the client
 * checks its arguments with them on the page before any call, which then loads
 * none of `wire.ts`'s lists and checks (bundlers put a file shared with the
 * client schemas' on-demand chunk, whole, where the page needs any of it).
 * `wire.ts` re-exports them.
 *
 * @packageDocumentation
 */

/**
 * The protocol version a client announces in `hello`. Version 2 answers
 * `accept` with `answered` (the call and the winner's LiveKit grant); version 1
 * answered it with an `accepted` (carrying `livekit`) to the winning device, then `ok`.
 */
export const PROTOCOL_VERSION = 2;

/** Longest id (user, call, request, session) the protocol accepts. */
export const MAX_ID_LENGTH = 128;

/** Largest `extra` or custom-message payload, in bytes of JSON (4 KiB). */
export const MAX_PAYLOAD_BYTES = 4096;

/** Longest token (`hello.token`, `?token=`) a server looks at; a longer one is refused as `unauthorized`. */
export const MAX_TOKEN_LENGTH = 8192;

/** Most callees one `invite` or `add` may name. */
export const MAX_CALLEES = 16;

/** Largest frame a parser looks at (64 KiB), matching the server's `maxPayload`. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Longest custom reason of a `reject` (carried as `detail` by `ended` and history entries). */
export const MAX_DETAIL_LENGTH = 128;

/** Longest comment of a call rating. */
export const MAX_COMMENT_LENGTH = 1000;

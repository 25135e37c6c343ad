/**
 * Options of the ring client and of its `call()` and `accept()` methods.
 *
 * @packageDocumentation
 */
import type { DeviceManager } from '../media/devices.js';
import type { MediaEffects } from '../media/effects-store.js';
import type { CaptureOptions, MediaFactory } from '../media/types.js';
import type { ActiveCallChoice, Extra, Push } from '../../protocol/protocol.js';
import type { CallIssue } from '../../protocol/wire.js';
import type { TransportFactory } from '../signaling/transport.js';

/**
 * Reconnection backoff: delay = min(maxMs, initialMs * factor^attempt) with jitter.
 *
 * @example
 * ```ts
 * createRingClient({ url, reconnect: { initialMs: 250, maxMs: 5_000, maxAttempts: 20 } });
 * ```
 */
export interface BackoffOptions {
  /** First delay (default 500 ms). */
  initialMs?: number;
  /** Largest delay (default 10 s). */
  maxMs?: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  /** Give up after this many failed attempts in a row (default: never). */
  maxAttempts?: number;
}

/**
 * Machine timers of each call, in ms.
 *
 * @example
 * ```ts
 * createRingClient({ url, timeouts: { connectMs: 30_000 } });
 * ```
 */
export interface CallTimeouts {
  /** Invite or accept unanswered by the server (default 10 s) -> `failed`. */
  signalMs?: number;
  /** Ringing with no answer, a safety net behind the server's own ring timer (default 70 s) -> `no-answer`. */
  ringMs?: number;
  /** Joining the media room (default 20 s) -> `media-failed`. */
  connectMs?: number;
  /** Media reconnecting (default 20 s) -> `connection-lost`. */
  reconnectMs?: number;
}

/**
 * Options of {@link RingClient}.
 *
 * @example
 * ```ts
 * const client = createRingClient({
 *   url: 'wss://calls.example.com',
 *   token: () => fetch('/api/ring-token').then((r) => r.text()),
 *   capture: { resolution: '720p', noiseSuppression: true },
 * });
 * ```
 */
export interface RingClientOptions {
  /** The signaling server (`wss://...`); used when no `transport` is given. */
  url?: string;
  /** Credentials sent in `hello`: a token or a function returning one (called on every (re)connection). */
  token?: string | (() => string | Promise<string>);
  /** Development servers only: the user id to sign in as, without a token. */
  user?: string;
  /** A transport factory (for example the memory hub's); overrides `url`. */
  transport?: TransportFactory;
  /** Creates each call's media session (default: LiveKit, loaded on first use). */
  media?: MediaFactory;
  /** Camera and microphone settings for every call (change per call with `call`/`accept` options). */
  capture?: CaptureOptions;
  /** Camera/microphone/speaker choices to use and apply mid-call (default: the page's shared device manager). */
  devices?: DeviceManager;
  /** Background effect and audio processing choices to apply to calls (default: the page's shared effects store). */
  effects?: MediaEffects;
  /** LiveKit url to prewarm while a call rings, before any grant was seen. */
  livekitUrl?: string;
  /** Reconnection backoff. */
  reconnect?: BackoffOptions;
  /** Call machine timers. */
  timeouts?: CallTimeouts;
  /** How long a request waits for the server (default 10 s). */
  requestTimeoutMs?: number;
}

/**
 * Options of `call()`.
 *
 * @example
 * ```ts
 * await client.call(['bob', 'carol'], { video: true, extra: { room: 'design' }, push: { title: 'Alice', body: 'is calling' } });
 * ```
 */
export interface CallOptions {
  /** Video call (default: audio). */
  video?: boolean;
  /** App data shown to the callee (JSON, at most 4 KiB). */
  extra?: Extra;
  /** Push notification text for callees that are offline. */
  push?: Push;
  /** Hang up the current call first instead of failing with `already-in-call`. */
  replace?: boolean;
  /** Capture settings for this call. */
  capture?: CaptureOptions;
}

/**
 * Options of `accept()`.
 *
 * @example
 * ```ts
 * await client.accept(callId, { video: false, capture: { echoCancellation: true } });
 * await client.accept(waitingId, { active: 'hold' }); // call waiting: hold the current call, answer this one
 * ```
 */
export interface AcceptOptions {
  /**
   * Call waiting: what happens to this user's active call, `'end'` (hang it up) or `'hold'`
   * (put it on hold), decided by the server at once with the accept. Without it the current
   * call is hung up first; a call active on another device of this user then refuses the
   * accept with `already-in-call`.
   */
  active?: ActiveCallChoice;
  /** Answer with video (default: the call's media). `false` answers a video call audio-only. */
  video?: boolean;
  /** Capture settings for this call. */
  capture?: CaptureOptions;
}

/**
 * Options of `reject()`.
 *
 * @example
 * ```ts
 * await client.reject(callId, { reason: "In a meeting, I'll call you back" });
 * ```
 */
export interface RejectOptions {
  /**
   * `'busy'` (the caller's call ends `busy`), `'declined'` (the default), or
   * your own words (1 to 128 characters, one line): the caller's call ends
   * `declined` with them as `endDetail`.
   */
  reason?: 'busy' | 'declined' | (string & {});
}

/**
 * A rating of a call, for `rateCall()`.
 *
 * @example
 * ```ts
 * const feedback: CallRatingInput = { score: 2, issues: ['echo', 'frozen-video'], comment: 'I heard myself' };
 * ```
 */
export interface CallRatingInput {
  /** 1 (bad) to 5 (excellent). */
  score: number;
  /** What went wrong, each at most once. */
  issues?: readonly CallIssue[];
  /** Up to 1000 characters. */
  comment?: string;
}

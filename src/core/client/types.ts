/**
 * The ring client's public shapes: the {@link RingClient} interface, and
 * (re-exported) the store snapshot, the options and the events.
 *
 * @packageDocumentation
 */
import type { PushNotifications } from '../push/push-notifications.js';
import type { CallMessageLog } from '../call-messages.js';
import type { DeviceManager } from '../media/devices.js';
import type { MediaEffects } from '../media/effects-store.js';
import type { DeviceKind, MediaSession } from '../media/types.js';
import type { PreCallCheckOptions, PreCallCheckReport } from '../precheck/types.js';
import type { HistoryEntry, Media, PresenceStatus } from '../../protocol/protocol.js';
import type { JsonValue, RingClientEvents } from './event-types.js';
import type { AcceptOptions, CallRatingInput, CallOptions, RejectOptions } from './option-types.js';
import type { RingClientSnapshot } from './snapshot-types.js';

export type * from './event-types.js';
export type * from './option-types.js';
export type * from './snapshot-types.js';

/**
 * A ring client: a connection to the signaling server, the calls of this
 * device, and a store UI code can subscribe to. Made by `createRingClient`.
 *
 * @example
 * ```ts
 * const client = createRingClient({ url: 'wss://calls.example.com', token: () => getToken() });
 * await client.connect();
 * client.on('incoming', (call) => console.log('ringing:', call.from));
 * ```
 */
export interface RingClient {
  /**
   * The current state (stable between changes, safe for `useSyncExternalStore`).
   *
   * @example
   * ```ts
   * const { connection, incoming, call } = client.getSnapshot();
   * ```
   */
  getSnapshot(): RingClientSnapshot;
  /**
   * Listen for any state change; returns the unsubscribe function.
   *
   * @example
   * ```ts
   * const stop = client.subscribe(() => render(client.getSnapshot()));
   * ```
   */
  subscribe(listener: () => void): () => void;
  /**
   * Listen for one kind of client event; returns the unsubscribe function.
   *
   * @example
   * ```ts
   * client.on('missed', ({ call }) => notify(`Missed call from ${call.from}`));
   * ```
   */
  on<K extends keyof RingClientEvents>(type: K, listener: (event: RingClientEvents[K]) => void): () => void;
  /**
   * Connect (idempotent); resolves once welcomed. If this attempt fails it rejects, and reconnection with backoff goes on.
   *
   * @example
   * ```ts
   * await client.connect();
   * ```
   */
  connect(): Promise<void>;
  /**
   * Close the connection and stop reconnecting; a current call is hung up first.
   *
   * @example
   * ```ts
   * window.addEventListener('pagehide', () => void client.disconnect());
   * ```
   */
  disconnect(): Promise<void>;
  /**
   * Place a call to one user or several (a group call); resolves with the call id once the server took it. Fails with `already-in-call` during a call unless `replace` is set.
   *
   * @example
   * ```ts
   * const callId = await client.call('bob', { video: true, extra: { topic: 'Standup' } });
   * ```
   */
  call(to: string | readonly string[], options?: CallOptions): Promise<string>;
  /**
   * Answer a ringing call (default: the oldest one); hangs up the current call first, or, with
   * `active: 'hold'`, puts it on hold (call waiting). Resolves once the media is connecting.
   *
   * @example
   * ```ts
   * await client.accept(undefined, { video: false }); // answer audio-only
   * await client.accept(waitingId, { active: 'hold' }); // hold the current call and answer
   * ```
   */
  accept(callId?: string, options?: AcceptOptions): Promise<void>;
  /**
   * Put a call on hold (default: the current one): this device stops sending and receiving its
   * media, the others see it `held`. Resolves once the server took it.
   *
   * @example
   * ```ts
   * await client.hold();
   * ```
   */
  hold(callId?: string): Promise<void>;
  /**
   * Take a call off hold (default: the current one if it is held, else the oldest held one) and
   * show it as the current call; the call active until then goes on hold (swap).
   *
   * @example
   * ```ts
   * const held = client.getSnapshot().calls.find((call) => call.status === 'held');
   * if (held) await client.resume(held.callId);
   * ```
   */
  resume(callId?: string): Promise<void>;
  /**
   * Decline a ringing call (default: the oldest one) on every device of this user,
   * optionally with a reason: `'busy'`, `'declined'` or your own words (the caller's `endDetail`).
   *
   * @example
   * ```ts
   * await client.reject(client.getSnapshot().incoming[0]?.callId, { reason: "Driving, I'll call you back" });
   * ```
   */
  reject(callId?: string, options?: RejectOptions): Promise<void>;
  /**
   * Stop ringing on this device only (default: the oldest ringing call): the call moves to
   * `snapshot.ignored`, keeps ringing on this user's other devices and for the caller, and can
   * still be answered or declined here until it ends.
   *
   * @example
   * ```ts
   * await client.ignore(callId);
   * ```
   */
  ignore(callId?: string): Promise<void>;
  /**
   * Rate a call that ended for this user (it is in their history): a 1 to 5 score, what went
   * wrong, a comment. Stored with the call in this user's history (a later rating replaces it).
   * A call not in this user's history fails with `not-found`.
   *
   * @example
   * ```ts
   * await client.rateCall(callId, { score: 4, issues: ['echo'] });
   * ```
   */
  rateCall(callId: string, feedback: CallRatingInput): Promise<void>;
  /**
   * Withdraw the current outgoing call before anyone answered.
   *
   * @example
   * ```ts
   * await client.cancel();
   * ```
   */
  cancel(): Promise<void>;
  /**
   * End the current call for everyone (or cancel it while it rings).
   *
   * @example
   * ```ts
   * await client.hangup();
   * ```
   */
  hangup(): Promise<void>;
  /**
   * Leave the current group call; it goes on for the others.
   *
   * @example
   * ```ts
   * await client.leave();
   * ```
   */
  leave(): Promise<void>;
  /**
   * Invite more people into the current call.
   *
   * @example
   * ```ts
   * await client.add(['carol']);
   * ```
   */
  add(users: readonly string[]): Promise<void>;
  /**
   * Switch this device's media in the current call between audio and video.
   *
   * @example
   * ```ts
   * await client.switchMedia('video');
   * ```
   */
  switchMedia(media: Media): Promise<void>;
  /**
   * Mute or unmute the microphone (also before the call connects).
   *
   * @example
   * ```ts
   * await client.setMicrophoneEnabled(false);
   * ```
   */
  setMicrophoneEnabled(enabled: boolean): Promise<void>;
  /**
   * Turn the camera on or off.
   *
   * @example
   * ```ts
   * await client.setCameraEnabled(true);
   * ```
   */
  setCameraEnabled(enabled: boolean): Promise<void>;
  /**
   * Share a screen, window or tab in the active call (the browser asks which), or stop sharing. Resolves once
   * shared or stopped; rejects with `media` when the person cancelled or the browser cannot share (the call's
   * `screenShareError` says which). The browser's own "Stop sharing" turns `call.screenShare` to `off`.
   *
   * @example
   * ```ts
   * await client.setScreenShareEnabled(true);
   * ```
   */
  setScreenShareEnabled(enabled: boolean): Promise<void>;
  /**
   * Use another device of a kind: applied to the live call, remembered for the next ones.
   *
   * @example
   * ```ts
   * await client.switchDevice('audioinput', headsetId);
   * ```
   */
  switchDevice(kind: DeviceKind, deviceId: string): Promise<void>;
  /**
   * Send a custom message (JSON, at most 4 KiB) to the other members of the active call.
   *
   * @example
   * ```ts
   * await client.sendMessage('reaction', { emoji: '👍' });
   * ```
   */
  sendMessage(kind: string, data: JsonValue): Promise<void>;
  /**
   * The custom messages of the current call, sent and received (what `useCallMessages` shows).
   *
   * @example
   * ```ts
   * client.messages.subscribe(() => console.log(client.messages.getSnapshot().at(-1)));
   * ```
   */
  readonly messages: CallMessageLog;
  /**
   * Set this user's presence (`do-not-disturb` turns callers away).
   *
   * @example
   * ```ts
   * await client.setPresence('do-not-disturb');
   * ```
   */
  setPresence(status: PresenceStatus): Promise<void>;
  /**
   * Follow these users' presence (replaces the previous list); see `snapshot.watched`.
   *
   * @example
   * ```ts
   * await client.watch(['bob', 'carol']);
   * ```
   */
  watch(users: readonly string[]): Promise<void>;
  /**
   * Fetch this user's call history, newest first (also stored as `snapshot.history`).
   *
   * @example
   * ```ts
   * const recent = await client.history(20);
   * ```
   */
  history(limit?: number): Promise<HistoryEntry[]>;
  /**
   * Check this device before a call: microphone and camera permission, the chosen microphone's
   * level, camera frames, the round trip to the signaling server, and a visit to a private test
   * room on the media server (join, publish briefly, leave). Resolves with the report (`passed`,
   * `failed` with each step's typed error, or `cancelled` by `options.signal`); rejects only for bad
   * options. The check's code loads on first use.
   *
   * @example
   * ```ts
   * const report = await client.preCallCheck({ video: true, onUpdate: (r) => render(r.steps) });
   * if (report.status === 'failed') showProblems(report.steps.filter((s) => s.error));
   * ```
   */
  preCallCheck(options?: PreCallCheckOptions): Promise<PreCallCheckReport>;
  /**
   * Forget an ended current call and the last error.
   *
   * @example
   * ```ts
   * client.dismiss();
   * ```
   */
  dismiss(): void;
  /**
   * The current call's media session, if any (for advanced media work).
   *
   * @example
   * ```ts
   * client.getMediaSession()?.switchDevice('audiooutput', speakerId);
   * ```
   */
  getMediaSession(): MediaSession | null;
  /**
   * The device manager whose choices this client applies mid-call (shared with `useMediaDevices`).
   *
   * @example
   * ```ts
   * client.devices?.select('videoinput', cameraId);
   * ```
   */
  /**
   * Web Push: ring this browser while no page of the app is visible.
   *
   * @example
   * ```ts
   * await client.push?.enable(); // from a click: it asks for notification permission
   * ```
   */
  readonly push?: PushNotifications;
  readonly devices?: DeviceManager;
  /**
   * The effects store this client applies to its calls, when one was given (else the page's shared
   * store, `getDefaultMediaEffects()`), shared with `useVideoEffects` and `useAudioProcessing`.
   *
   * @example
   * ```ts
   * client.effects?.setVideoEffect({ type: 'blur' });
   * ```
   */
  readonly effects?: MediaEffects;
}

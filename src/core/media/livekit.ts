/**
 * The LiveKit media session: joins the call's room, publishes microphone
 * and camera, mutes, switches devices, holds, and reports participants, quality,
 * statistics and disconnects. `livekit-client` is loaded with a dynamic
 * `import()` the first time `prepare` or `join` runs.
 *
 * @packageDocumentation
 */
import type * as LiveKit from 'livekit-client';
import { addListener } from '../listeners.js';
import { parseCaptureOptions } from './capture-options.js';
import { videoResolution } from './constraints.js';
import { deviceFailure, MediaSessionError, toMediaDeviceError } from './errors.js';
import { parseDeviceChoice, parseGrant, parseMedia, parsePrepareGrant } from './inputs.js';
import { startMediaInterval } from './live-intervals.js';
import { endReasonOfDisconnect } from './livekit/disconnect.js';
import { dropEarlyCapture, publishEarlyCapture, startEarlyCapture, type EarlyCapture } from './livekit/early-capture.js';
import { setRemoteSubscriptions } from './livekit/hold.js';
import { followLiveKitEffects, type LiveKitEffects } from './livekit/effects.js';
import { getDefaultMediaEffects, type MediaEffects } from './effects-store.js';
import { participantView } from './livekit/participants.js';
import { isScreenShareSupported } from './screen-share.js';
import { computeCallStats, type StatEntry, type StatsTotals } from './livekit/stats.js';
import type {
  CallStats,
  CaptureOptions,
  DeviceKind,
  MediaConnectionState,
  MediaDeviceError,
  MediaEvent,
  MediaSession,
  MediaSnapshot,
} from './types.js';

/** The `livekit-client` module, as the session uses it. */
export type LiveKitModule = typeof LiveKit;

/** Options of {@link createLiveKitMedia}. */
export interface LiveKitMediaOptions {
  /** Extra `Room` options (adaptive stream and dynacast are on by default). */
  roomOptions?: LiveKit.RoomOptions;
  /** Extra `room.connect` options. */
  connectOptions?: LiveKit.RoomConnectOptions;
  /** Statistics interval in ms (default 3000; 0 turns statistics off). */
  statsIntervalMs?: number;
  /** How to load `livekit-client` (default: `import('livekit-client')`). */
  loadLiveKit?: () => Promise<LiveKitModule>;
  /** The background effect and audio processing to follow (default: the page's shared effects store; `null`: none). */
  effects?: MediaEffects | null;
}

const DEVICE_KINDS: readonly DeviceKind[] = ['audioinput', 'videoinput', 'audiooutput'];

function isDeviceKind(value: unknown): value is DeviceKind {
  return typeof value === 'string' && (DEVICE_KINDS as readonly string[]).includes(value);
}

function audioCapture(capture: CaptureOptions): LiveKit.AudioCaptureOptions {
  const deviceId = capture.deviceIds?.audioinput;
  return {
    echoCancellation: capture.echoCancellation ?? true,
    noiseSuppression: capture.noiseSuppression ?? true,
    autoGainControl: capture.autoGainControl ?? true,
    ...(deviceId ? { deviceId } : {}),
  };
}

function videoCapture(capture: CaptureOptions): LiveKit.VideoCaptureOptions {
  const deviceId = capture.deviceIds?.videoinput;
  const resolution = videoResolution(capture);
  return { resolution, frameRate: resolution.frameRate, ...(deviceId ? { deviceId } : {}) };
}

/**
 * Create the media session of one call, backed by LiveKit. Constructing it
 * loads nothing; `prepare` (while ringing) or `join` loads `livekit-client`.
 *
 * `join` rejects with a {@link MediaSessionError} (`join-failed`, `load-failed`,
 * `invalid-argument`) when the room cannot be joined; a camera or microphone
 * that cannot be captured does not fail the join: it becomes `deviceError`
 * and a `device-error` event, and the call goes on without that device.
 * `leave()` emits no `disconnected` event; a disconnect it did not ask for does.
 *
 * @example
 * ```ts
 * const media = createLiveKitMedia();
 * await media.prepare({ url: grant.url });          // while it rings
 * await media.join(grant, 'video', { resolution: '720p', maxFrameRate: 30 });
 * media.onEvent((event) => { if (event.type === 'disconnected') endCall(event.reason); });
 * await media.setMicrophoneEnabled(false);
 * ```
 */
export function createLiveKitMedia(options: LiveKitMediaOptions = {}): MediaSession {
  const load = options.loadLiveKit ?? (() => import('livekit-client'));
  const listeners = new Set<() => void>();
  const eventListeners = new Set<(event: MediaEvent) => void>();
  const devices: Partial<Record<DeviceKind, string>> = {};
  let loading: Promise<{ lk: LiveKitModule; room: LiveKit.Room }> | undefined;
  let current: { lk: LiveKitModule; room: LiveKit.Room } | undefined;
  let connection: MediaConnectionState = 'idle';
  let closed = false;
  let stopPageHide: () => void = () => undefined;
  /** On hold: the others' tracks stay unsubscribed, also those published meanwhile. */
  let held = false;
  let capture: CaptureOptions = {};
  let early: EarlyCapture | undefined;
  let deviceError: MediaDeviceError | undefined;
  let stats: CallStats | undefined;
  let totals: StatsTotals | undefined;
  let stopStatsTimer: (() => void) | undefined;
  let snapshot: MediaSnapshot = { connection: 'idle', remotes: [] };
  /** Whether this device shares its screen because it was asked to (an unpublish it did not ask for is the browser's stop). */
  let sharingScreen = false;
  let effects: LiveKitEffects | undefined;

  function emit(event: MediaEvent): void {
    for (const listener of [...eventListeners]) listener(event);
  }

  function publish(): void {
    const next: MediaSnapshot = { connection, remotes: [], devices: { ...devices }, screenShareSupported: isScreenShareSupported() };
    const live = connection === 'connected' || connection === 'reconnecting';
    if (current && live) {
      const sources = current.lk.Track.Source;
      next.local = participantView(current.room.localParticipant, sources);
      next.remotes = [...current.room.remoteParticipants.values()].map((participant) => participantView(participant, sources));
    }
    if (stats) next.stats = stats;
    if (deviceError) next.deviceError = deviceError;
    if (effects) {
      const { echoCancellation, noiseSuppression, autoGainControl } = audioCapture(capture);
      next.effects = {
        video: effects.appliedVideo(),
        audio: { echoCancellation: echoCancellation !== false, noiseSuppression: noiseSuppression !== false, autoGainControl: autoGainControl !== false },
      };
    }
    snapshot = next;
    for (const listener of [...listeners]) listener();
  }

  function reportDeviceError(error: MediaDeviceError): void {
    deviceError = error;
    publish();
    emit({ type: 'device-error', error });
  }

  function stopStats(): void {
    stopStatsTimer?.();
    stopStatsTimer = undefined;
  }

  async function sampleStats(room: LiveKit.Room): Promise<void> {
    // A left room has no engine any more: never read it after leaving.
    const transports = closed ? undefined : room.engine?.pcManager;
    if (!transports) return;
    try {
      const reports = await Promise.all([transports.publisher.getStats(), transports.subscriber?.getStats()]);
      const entries = new Map<string, StatEntry>();
      for (const report of reports) report?.forEach((entry: StatEntry) => entries.set(entry.id, entry));
      if (connection !== 'connected' && connection !== 'reconnecting') return;
      const sample = computeCallStats(entries.values(), totals, Date.now());
      stats = sample.stats;
      totals = sample.totals;
      publish();
    } catch {
      // a transport closed mid-sample: the next sample will tell
    }
  }

  /** Sample statistics until the session is left (never starts on a left session). */
  function startStats(room: LiveKit.Room): void {
    const interval = options.statsIntervalMs ?? 3000;
    if (interval <= 0 || stopStatsTimer !== undefined || closed) return;
    let sampling = false;
    stopStatsTimer = startMediaInterval(() => {
      if (sampling) return;
      sampling = true;
      void sampleStats(room).finally(() => {
        sampling = false;
      });
    }, interval);
  }

  function wire(lk: LiveKitModule, room: LiveKit.Room): void {
    const { RoomEvent } = lk;
    const onReconnecting = () => {
      if (connection !== 'connected') return;
      connection = 'reconnecting';
      publish();
      emit({ type: 'reconnecting' });
    };
    room.on(RoomEvent.Reconnecting, onReconnecting);
    room.on(RoomEvent.SignalReconnecting, onReconnecting);
    room.on(RoomEvent.Reconnected, () => {
      if (connection !== 'reconnecting') return;
      connection = 'connected';
      publish();
      emit({ type: 'reconnected' });
    });
    room.on(RoomEvent.Disconnected, (reason) => {
      if (closed || connection === 'idle' || connection === 'connecting') return;
      closed = true;
      connection = 'disconnected';
      stopStats();
      publish();
      // livekit-client leaves by itself when the page unloads; the signaling server then sees the
      // page go and decides (connection-lost after the grace period), so there is nothing to report.
      if (reason === lk.DisconnectReason.CLIENT_INITIATED) return;
      emit({ type: 'disconnected', reason: endReasonOfDisconnect(reason, lk.DisconnectReason) });
    });
    const remoteChanged = () => {
      publish();
      emit({ type: 'remote-changed' });
    };
    for (const event of [
      RoomEvent.ParticipantConnected,
      RoomEvent.ParticipantDisconnected,
      RoomEvent.TrackPublished,
      RoomEvent.TrackUnpublished,
      RoomEvent.TrackSubscribed,
      RoomEvent.TrackUnsubscribed,
      RoomEvent.TrackMuted,
      RoomEvent.TrackUnmuted,
      RoomEvent.ParticipantNameChanged,
      RoomEvent.ParticipantAttributesChanged,
    ] as const) {
      room.on(event, remoteChanged);
    }
    room.on(RoomEvent.LocalTrackUnpublished, (publication) => {
      // livekit-client unpublishes a screen share whose track ended: the browser's "Stop sharing" bar.
      if (publication.source !== lk.Track.Source.ScreenShare || !sharingScreen) return;
      sharingScreen = false;
      emit({ type: 'screen-share-ended' });
    });
    room.on(RoomEvent.TrackSubscribed, (_track, publication) => {
      if (held) publication.setSubscribed(false);
    });
    for (const event of [
      RoomEvent.LocalTrackPublished,
      RoomEvent.LocalTrackUnpublished,
      RoomEvent.ActiveSpeakersChanged,
      RoomEvent.ConnectionQualityChanged,
    ] as const) {
      room.on(event, publish);
    }
    room.on(RoomEvent.LocalTrackPublished, (publication) => {
      if (publication.source === lk.Track.Source.Camera && publication.track) effects?.cameraPublished(publication.track);
    });
    room.on(RoomEvent.ActiveDeviceChanged, (kind, deviceId) => {
      if (!isDeviceKind(kind)) return;
      devices[kind] = deviceId;
      publish();
    });
    room.on(RoomEvent.MediaDevicesError, (error, kind) => {
      // No kind: a screen capture failed; `setScreenShareEnabled` rejects with it, no device is at fault.
      if (isDeviceKind(kind)) reportDeviceError(toMediaDeviceError(error, kind));
    });
  }

  function ensureRoom(): Promise<{ lk: LiveKitModule; room: LiveKit.Room }> {
    loading ??= (async () => {
      let lk: LiveKitModule;
      try {
        lk = await load();
      } catch (cause) {
        loading = undefined;
        throw new MediaSessionError('load-failed', 'Could not load livekit-client.', { cause });
      }
      // LiveKit leaves the room on `beforeunload`, even when the person then stays on the page
      // (`protectClose` asks there); leave only when the page really goes (`pagehide`).
      const room = new lk.Room({ adaptiveStream: true, dynacast: true, disconnectOnPageLeave: false, ...options.roomOptions });
      if (typeof window !== 'undefined') {
        const onPageHide = () => void room.disconnect().catch(() => {});
        window.addEventListener('pagehide', onPageHide);
        stopPageHide = () => window.removeEventListener('pagehide', onPageHide);
      }
      wire(lk, room);
      current = { lk, room };
      return current;
    })();
    return loading;
  }

  function requireRoom(): LiveKit.Room {
    if (closed) throw new MediaSessionError('closed', 'This media session has been left.');
    if (!current || (connection !== 'connected' && connection !== 'reconnecting')) {
      throw new MediaSessionError('not-joined', 'Join the call before changing its media.');
    }
    return current.room;
  }

  /** Publish or mute one device; a capture failure becomes a device error (reported and thrown). */
  async function setDevice(kind: 'audioinput' | 'videoinput', enabled: boolean): Promise<void> {
    const participant = requireRoom().localParticipant;
    try {
      if (kind === 'audioinput') await participant.setMicrophoneEnabled(enabled, enabled ? audioCapture(capture) : undefined);
      else if (enabled && effects && current && !participant.getTrackPublication(current.lk.Track.Source.Camera)) {
        // A new camera track gets its effect before it publishes.
        const tracks = await participant.createTracks({ video: videoCapture(capture) });
        for (const track of tracks) await effects.prepareCamera(track);
        for (const track of tracks) await participant.publishTrack(track);
      } else await participant.setCameraEnabled(enabled, enabled ? videoCapture(capture) : undefined);
      if (enabled && deviceError?.kind === kind) deviceError = undefined;
      publish();
    } catch (cause) {
      const error = toMediaDeviceError(cause, kind);
      reportDeviceError(error);
      throw deviceFailure(error, cause);
    }
  }

  async function switchOutput(room: LiveKit.Room, lk: LiveKitModule, deviceId: string): Promise<void> {
    if (!lk.supportsAudioOutputSelection()) {
      const error: MediaDeviceError = {
        code: 'unsupported',
        kind: 'audiooutput',
        message: 'This browser cannot choose the speaker (no setSinkId).',
      };
      reportDeviceError(error);
      throw deviceFailure(error);
    }
    await room.switchActiveDevice('audiooutput', deviceId);
  }

  const session: MediaSession = {
    async prepare(grant) {
      const { url, token } = parsePrepareGrant(grant);
      if (closed) throw new MediaSessionError('closed', 'This media session has been left.');
      const { room } = await ensureRoom();
      if (connection !== 'idle') return;
      try {
        await room.prepareConnection(url, token);
      } catch {
        // warming up is best effort: join reports real failures
      }
    },

    async capture(media, captureOptions) {
      const callMedia = parseMedia(media);
      const wanted = parseCaptureOptions(captureOptions);
      if (closed || connection !== 'idle' || early) return;
      const { room } = await ensureRoom();
      if (closed || connection !== 'idle' || early) return;
      const settings = { ...wanted, ...effects?.chosenAudio(), deviceIds: { ...devices, ...wanted.deviceIds } };
      early = startEarlyCapture(room, callMedia, { audio: audioCapture(settings), video: videoCapture(settings) });
    },

    async join(grant, media, captureOptions) {
      const parsed = parseGrant(grant);
      const callMedia = parseMedia(media);
      capture = parseCaptureOptions(captureOptions);
      if (closed) throw new MediaSessionError('closed', 'This media session has been left.');
      if (connection !== 'idle') throw new MediaSessionError('invalid-argument', 'This media session has already joined.');
      capture = { ...capture, ...effects?.chosenAudio(), deviceIds: { ...devices, ...capture.deviceIds } };
      Object.assign(devices, capture.deviceIds);
      connection = 'connecting';
      publish();
      let lk: LiveKitModule;
      let room: LiveKit.Room;
      let captured: EarlyCapture | undefined;
      let earlyPublished: Promise<boolean>;
      try {
        ({ lk, room } = await ensureRoom());
        if (closed) throw new MediaSessionError('closed', 'The session was left while joining.');
        const connecting = room.connect(parsed.url, parsed.token, { autoSubscribe: true, ...options.connectOptions });
        captured = early;
        early = undefined;
        // Tracks captured since the accept click publish while the room connects: livekit-client holds a
        // publication until its signal connection is up, so the publish's request and negotiation overlap
        // the connect's ICE and DTLS instead of following them (the caller's first frame waits for it).
        earlyPublished = publishEarlyCapture(room, captured, callMedia, (track) => effects?.prepareCamera(track));
        await connecting;
      } catch (cause) {
        const left = closed;
        connection = 'disconnected';
        closed = true;
        dropEarlyCapture(captured);
        publish();
        if (cause instanceof MediaSessionError) throw cause;
        if (left) throw new MediaSessionError('closed', 'The session was left while joining.', { cause });
        throw new MediaSessionError('join-failed', 'Could not join the call on the media server.', { cause });
      }
      if (closed) {
        dropEarlyCapture(captured);
        throw new MediaSessionError('closed', 'The session was left while joining.');
      }
      connection = 'connected';
      publish();
      emit({ type: 'connected' });
      const wanted: Array<'audioinput' | 'videoinput'> = callMedia === 'video' ? ['audioinput', 'videoinput'] : ['audioinput'];
      // Without early tracks (or when they failed), microphone and camera publish side by side (one after
      // the other delays the first video frame), and a failure is reported as a device error and the call
      // goes on without that device.
      if (!(await earlyPublished)) {
        await Promise.all(wanted.map((kind) => setDevice(kind, true).catch(() => {})));
      }
      publish();
      const output = capture.deviceIds?.audiooutput;
      if (output) await switchOutput(room, lk, output).catch(() => {});
      // `leave()` may have run during the awaits above: a left session starts nothing.
      if (closed) throw new MediaSessionError('closed', 'The session was left while joining.');
      startStats(room);
    },

    async leave() {
      if (closed && connection === 'disconnected') return;
      closed = true;
      stopStats();
      stopPageHide();
      effects?.stop();
      dropEarlyCapture(early);
      early = undefined;
      const room = current?.room;
      connection = 'disconnected';
      publish();
      await room?.disconnect(true).catch(() => {});
    },

    setMicrophoneEnabled: (enabled) => setDevice('audioinput', enabled),

    setCameraEnabled: (enabled) => setDevice('videoinput', enabled),

    async setScreenShareEnabled(enabled) {
      const participant = requireRoom().localParticipant;
      sharingScreen = Boolean(enabled);
      try {
        await participant.setScreenShareEnabled(sharingScreen, { audio: false, contentHint: 'detail' });
      } catch (cause) {
        sharingScreen = participant.isScreenShareEnabled;
        publish();
        throw cause;
      }
      publish();
    },

    async switchDevice(kind, deviceId) {
      const choice = parseDeviceChoice(kind, deviceId);
      if (closed) throw new MediaSessionError('closed', 'This media session has been left.');
      devices[choice.kind] = choice.deviceId;
      capture = { ...capture, deviceIds: { ...capture.deviceIds, [choice.kind]: choice.deviceId } };
      if (!current || connection === 'idle' || connection === 'connecting') {
        publish();
        return;
      }
      const { lk, room } = current;
      let switched = false;
      try {
        if (choice.kind === 'audiooutput') await switchOutput(room, lk, choice.deviceId);
        else switched = await room.switchActiveDevice(choice.kind, choice.deviceId, true);
      } catch (cause) {
        if (cause instanceof MediaSessionError) throw cause;
        const error = toMediaDeviceError(cause, choice.kind);
        reportDeviceError(error);
        throw deviceFailure(error, cause);
      }
      if (choice.kind !== 'audiooutput' && !switched) {
        const error = toMediaDeviceError({ name: 'NotReadableError' }, choice.kind);
        reportDeviceError(error);
        throw deviceFailure(error);
      }
      if (deviceError?.kind === choice.kind) deviceError = undefined;
      publish();
    },

    async setHeld(next) {
      const room = requireRoom();
      held = next === true;
      setRemoteSubscriptions(room, !held);
      publish();
    },

    getSnapshot: () => snapshot,

    subscribe: (listener) => addListener(listeners, listener),

    onEvent: (listener) => addListener(eventListeners, listener),

    followEffects(store) {
      if (closed) return;
      effects?.stop();
      effects = followLiveKitEffects(store, {
        room: () => (connection === 'connected' || connection === 'reconnecting' ? current?.room : undefined),
        lk: () => current?.lk,
        async restartMicrophone(track, audio) {
          capture = { ...capture, ...audio };
          await track.restartTrack(audioCapture(capture));
        },
        changed: publish,
      });
    },
  };
  const followed = options.effects === undefined ? getDefaultMediaEffects() : options.effects;
  if (followed) session.followEffects?.(followed);
  return session;
}

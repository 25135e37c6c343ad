/**
 * A fake media session for Storybook, demos and tests: no media server.
 * In a browser it publishes a canvas test pattern and an oscillator beep;
 * in Node or happy-dom it is the same state machine without tracks.
 * Sessions that join the same room through one {@link FakeMediaHub} see
 * each other; `peers` adds simulated remote participants.
 *
 * @packageDocumentation
 */
import { addListener } from '../core/listeners.js';
import type { Media } from '../protocol/protocol.js';
import { parseCaptureOptions } from '../core/media/capture-options.js';
import { videoResolution } from '../core/media/constraints.js';
import { describeDeviceError, deviceFailure, MediaSessionError } from '../core/media/errors.js';
import { parseDeviceChoice, parseGrant, parseMedia, parsePrepareGrant, userOfIdentity } from '../core/media/inputs.js';
import { startMediaInterval } from '../core/media/live-intervals.js';
import type { MediaEffects } from '../core/media/effects-store.js';
import { createTestPatternTrack, createToneTrack, type SyntheticTrack } from './test-pattern.js';
import type {
  CallStats,
  CaptureOptions,
  DeviceKind,
  MediaConnectionState,
  MediaDeviceError,
  MediaDeviceErrorCode,
  MediaEvent,
  MediaSession,
  MediaSnapshot,
  ParticipantView,
  ScreenShareErrorCode,
  TrackHandle,
} from '../core/media/types.js';

/** One fake session as other sessions in its room see it. */
export interface FakeRoomMember {
  /** The member's LiveKit identity. */
  readonly identity: string;
  /** Its local participant, or `undefined` before it has joined. */
  view(): ParticipantView | undefined;
  /** Called when someone else in the room changed. */
  changed(): void;
}

/** Rooms shared by fake sessions in one page or test. */
export interface FakeMediaHub {
  /** Enter a room; returns the function that leaves it. Used by fake sessions. */
  enter(room: string, member: FakeRoomMember): () => void;
  /** The other members of a room. */
  others(room: string, self: FakeRoomMember): FakeRoomMember[];
  /** Tell everyone else in a room that a member changed. */
  notify(room: string, self: FakeRoomMember): void;
  /** Identities in a room (for tests). */
  identities(room: string): string[];
}

/**
 * Create a hub so fake sessions joining the same room see each other.
 *
 * @example
 * ```ts
 * const hub = createFakeMediaHub();
 * const alice = createFakeMedia({ hub });
 * const bob = createFakeMedia({ hub });
 * ```
 */
export function createFakeMediaHub(): FakeMediaHub {
  const rooms = new Map<string, Set<FakeRoomMember>>();
  const membersOf = (room: string) => rooms.get(room) ?? new Set<FakeRoomMember>();
  const hub: FakeMediaHub = {
    enter(room, member) {
      const members = rooms.get(room) ?? new Set<FakeRoomMember>();
      rooms.set(room, members);
      members.add(member);
      hub.notify(room, member);
      return () => {
        members.delete(member);
        if (members.size === 0) rooms.delete(room);
        for (const other of members) other.changed();
      };
    },
    others: (room, self) => [...membersOf(room)].filter((member) => member !== self),
    notify(room, self) {
      for (const member of hub.others(room, self)) member.changed();
    },
    identities: (room) => [...membersOf(room)].map((member) => member.identity),
  };
  return hub;
}

/**
 * The hub fake sessions share when none is given: two ring clients in one
 * page (or test) with fake media see each other in the call's room.
 *
 * @example
 * ```ts
 * defaultFakeMediaHub.identities('call-1'); // ['alice#a1', 'bob#b1']
 * ```
 */
export const defaultFakeMediaHub: FakeMediaHub = createFakeMediaHub();

/** A simulated device failure: a code for every device, or for one kind. */
export type FakeDeviceFailure = MediaDeviceErrorCode | { code: MediaDeviceErrorCode; kind: 'audioinput' | 'videoinput' };

/** Simulated network figures the fake statistics report. */
export interface FakeNetwork {
  /** Round-trip time in ms (default 40). */
  rttMs?: number;
  /** Fraction of lost packets (default 0). */
  packetLoss?: number;
  /** Video bitrate in bits/s per camera (default 1.2 Mbit/s). */
  videoBitrate?: number;
}

/** Options of {@link createFakeMedia}. */
export interface FakeMediaOptions {
  /** The local user id (default: the grant identity before `#`). */
  user?: string;
  /** Simulated remote users present once joined (each gets a test pattern and a beep). */
  peers?: readonly string[];
  /** Shared rooms (default {@link defaultFakeMediaHub}). */
  hub?: FakeMediaHub;
  /** An effects store to follow (its choices show in the snapshot's `effects`), like LiveKit sessions do. */
  effects?: MediaEffects;
  /** Make the camera and/or microphone fail like `getUserMedia` would. */
  failWith?: FakeDeviceFailure;
  /** Make `join` reject as if the media server were unreachable. */
  failJoin?: boolean;
  /** Time `join` takes, in ms (default 0). */
  joinDelayMs?: number;
  /** Statistics interval in ms (default 3000; 0 turns statistics off). */
  statsIntervalMs?: number;
  /** Simulated network figures for the statistics. */
  network?: FakeNetwork;
  /** Make real synthetic tracks where the browser can (default true). */
  tracks?: boolean;
  /**
   * Screen sharing: `true` (default) shares a test pattern as the screen, `false` cannot share (like a
   * phone browser), a code makes each start fail like `getDisplayMedia` would (`permission-denied`: the
   * person cancelled the picker).
   */
  screenShare?: boolean | ScreenShareErrorCode;
}

/** Mutable state of one remote participant a session simulates. */
export type FakePeerState = Partial<Pick<ParticipantView, 'micEnabled' | 'cameraEnabled' | 'speaking' | 'quality'>> & {
  /** Sharing a screen (a test pattern). */
  screenSharing?: boolean;
};

/** A fake media session plus the knobs stories and tests turn. */
export interface FakeMediaSession extends MediaSession {
  /** Enter `reconnecting` (emits `reconnecting`). */
  simulateReconnecting(): void;
  /** Back to `connected` (emits `reconnected`). */
  simulateReconnected(): void;
  /** Drop the session (emits `disconnected` with the reason). */
  simulateDisconnect(reason: 'connection-lost' | 'media-failed' | 'completed'): void;
  /** A device fails mid-call (emits `device-error`; the failed device turns off). */
  simulateDeviceError(failure: FakeDeviceFailure): void;
  /** Change (or add) a simulated remote participant: mute, camera, speaking, quality. */
  simulateRemote(user: string, state: FakePeerState): void;
  /** Remove a simulated remote participant. */
  removePeer(user: string): void;
  /** This device's screen share stops as if from the browser's "Stop sharing" bar (emits `screen-share-ended`). */
  simulateScreenShareEnded(): void;
}

interface SimulatedPeer {
  identity: string;
  state: Required<FakePeerState>;
  video?: TrackHandle;
  audio?: TrackHandle;
  screen?: { synthetic?: SyntheticTrack; handle?: TrackHandle };
  stops: Array<() => void>;
}

/** The browser's `getDisplayMedia` failure (its `DOMException` name) each simulated screen share error stands for. */
const SCREEN_FAILURE_NAMES: Record<ScreenShareErrorCode, string> = {
  'permission-denied': 'NotAllowedError',
  unsupported: 'NotSupportedError',
  failed: 'AbortError',
};

const DEFAULT_NETWORK: Required<FakeNetwork> = { rttMs: 40, packetLoss: 0, videoBitrate: 1_200_000 };
const AUDIO_BITRATE = 32_000;
const PATTERN_SIZE = { width: 640, height: 360 };
const SCREEN_SIZE = { width: 1280, height: 720, frameRate: 5 };

function handleOf(kind: 'audio' | 'video', synthetic: SyntheticTrack | undefined): TrackHandle | undefined {
  return synthetic ? { kind, mediaStreamTrack: synthetic.track } : undefined;
}

/**
 * Create a fake media session (see the module description).
 *
 * @example
 * ```ts
 * const media = createFakeMedia({ peers: ['bob'], failWith: { code: 'permission-denied', kind: 'videoinput' } });
 * await media.join({ url: 'fake://', token: 't', room: 'call-1', identity: 'alice#1' }, 'video');
 * media.getSnapshot().deviceError?.code; // 'permission-denied' (the call goes on audio-only)
 * media.simulateRemote('bob', { micEnabled: false });
 * ```
 */
export function createFakeMedia(options: FakeMediaOptions = {}): FakeMediaSession {
  const hub = options.hub ?? defaultFakeMediaHub;
  const network = { ...DEFAULT_NETWORK, ...options.network };
  const makeTracks = options.tracks ?? true;
  const listeners = new Set<() => void>();
  const eventListeners = new Set<(event: MediaEvent) => void>();
  const peers = new Map<string, SimulatedPeer>();
  const devices: Partial<Record<DeviceKind, string>> = {};
  let connection: MediaConnectionState = 'idle';
  let closed = false;
  /** On hold: the others' tracks are not received. */
  let held = false;
  let identity: string | undefined;
  let room: string | undefined;
  let media: Media = 'audio';
  let capture: CaptureOptions = {};
  let mic: { synthetic?: SyntheticTrack; handle?: TrackHandle } | undefined;
  let micMuted = false;
  let camera: { synthetic?: SyntheticTrack; handle?: TrackHandle } | undefined;
  let screen: { synthetic?: SyntheticTrack; handle?: TrackHandle } | undefined;
  const screenShare = options.screenShare ?? true;
  let deviceError: MediaDeviceError | undefined;
  let runtimeFailure: FakeDeviceFailure | undefined;
  let stats: CallStats | undefined;
  let stopStatsTimer: (() => void) | undefined;
  let leaveHub: (() => void) | undefined;
  let local: ParticipantView | undefined;
  let snapshot: MediaSnapshot = { connection: 'idle', remotes: [] };
  let effects: { store: MediaEffects; stop: () => void } | undefined;

  const member: FakeRoomMember = {
    get identity() {
      return identity ?? '';
    },
    view: () => local,
    changed() {
      publish(false);
      if (connection === 'connected' || connection === 'reconnecting') emit({ type: 'remote-changed' });
    },
  };

  function emit(event: MediaEvent): void {
    for (const listener of [...eventListeners]) listener(event);
  }

  function buildLocal(): ParticipantView | undefined {
    if (!identity || connection === 'idle' || connection === 'disconnected') return undefined;
    const view: ParticipantView = {
      identity,
      user: options.user ?? userOfIdentity(identity),
      isLocal: true,
      micEnabled: mic !== undefined && !micMuted,
      cameraEnabled: camera !== undefined,
      speaking: false,
      quality: connection === 'reconnecting' ? 'poor' : 'excellent',
    };
    if (camera?.handle) view.videoTrack = camera.handle;
    if (mic?.handle) view.audioTrack = mic.handle;
    if (screen) view.screenSharing = true;
    if (screen?.handle) view.screenShareTrack = screen.handle;
    return view;
  }

  function peerView(user: string, peer: SimulatedPeer): ParticipantView {
    const view: ParticipantView = { identity: peer.identity, user, isLocal: false, ...peer.state };
    if (peer.state.cameraEnabled && peer.video) view.videoTrack = peer.video;
    if (peer.audio) view.audioTrack = peer.audio;
    if (peer.state.screenSharing) {
      peer.screen ??= screenPattern(user);
      view.screenSharing = true;
      if (peer.screen.handle) view.screenShareTrack = peer.screen.handle;
    }
    return view;
  }

  function remotes(): ParticipantView[] {
    if (connection !== 'connected' && connection !== 'reconnecting') return [];
    const inRoom = room
      ? hub
          .others(room, member)
          .map((other) => other.view())
          .filter((view): view is ParticipantView => view !== undefined)
          .map((view) => ({ ...view, isLocal: false }))
      : [];
    const all = [...inRoom, ...[...peers].map(([user, peer]) => peerView(user, peer))];
    return held ? all.map(({ videoTrack: _video, audioTrack: _audio, ...view }) => view) : all;
  }

  /** Rebuild the snapshot, tell subscribers, and (for own changes) the others in the room. */
  function publish(own = true): void {
    local = buildLocal();
    const next: MediaSnapshot = { connection, remotes: remotes(), devices: { ...devices }, screenShareSupported: screenShare !== false };
    if (local) next.local = local;
    if (stats) next.stats = stats;
    if (deviceError) next.deviceError = deviceError;
    if (effects) {
      // The fake "applies" the chosen effects at once: no processing, the choice is what the snapshot shows.
      const { video, audio } = effects.store.getSnapshot();
      next.effects = { video: camera ? video : { type: 'none' }, audio };
      if (camera && video.type !== 'none') effects.store.reportVideo('on');
    }
    snapshot = next;
    for (const listener of [...listeners]) listener();
    if (own && room && leaveHub) hub.notify(room, member);
  }

  function failureFor(kind: 'audioinput' | 'videoinput'): MediaDeviceError | undefined {
    const failure = runtimeFailure ?? options.failWith;
    if (!failure) return undefined;
    const spec = typeof failure === 'string' ? { code: failure, kind } : failure;
    if (spec.kind !== kind) return undefined;
    return { code: spec.code, kind, message: describeDeviceError(kind, spec.code) };
  }

  function reportDeviceError(error: MediaDeviceError): void {
    deviceError = error;
    emit({ type: 'device-error', error });
  }

  function requireJoined(): void {
    if (closed) throw new MediaSessionError('closed', 'This media session has been left.');
    if (connection !== 'connected' && connection !== 'reconnecting') {
      throw new MediaSessionError('not-joined', 'Join the call before changing its media.');
    }
  }

  function startMic(): void {
    const failure = failureFor('audioinput');
    if (failure) {
      reportDeviceError(failure);
      throw deviceFailure(failure);
    }
    if (!mic) {
      const synthetic = makeTracks ? createToneTrack(440) : undefined;
      mic = synthetic ? { synthetic, handle: handleOf('audio', synthetic) } : {};
    }
    micMuted = false;
    if (mic.synthetic) mic.synthetic.track.enabled = true;
  }

  function startCamera(): void {
    const failure = failureFor('videoinput');
    if (failure) {
      reportDeviceError(failure);
      throw deviceFailure(failure);
    }
    if (camera) return;
    const { frameRate } = videoResolution(capture);
    const synthetic = makeTracks
      ? createTestPatternTrack({ label: options.user ?? userOfIdentity(identity ?? 'me'), ...PATTERN_SIZE, frameRate })
      : undefined;
    camera = synthetic ? { synthetic, handle: handleOf('video', synthetic) } : {};
  }

  function stopCamera(): void {
    camera?.synthetic?.stop();
    camera = undefined;
  }

  function stopScreen(): void {
    screen?.synthetic?.stop();
    screen = undefined;
  }

  function stopPeer(peer: SimulatedPeer): void {
    for (const stop of peer.stops) stop();
    peer.screen?.synthetic?.stop();
    peer.screen = undefined;
  }

  function screenPattern(user: string): { synthetic?: SyntheticTrack; handle?: TrackHandle } {
    const synthetic = makeTracks ? createTestPatternTrack({ label: `${user} screen`, ...SCREEN_SIZE }) : undefined;
    return synthetic ? { synthetic, handle: handleOf('video', synthetic) } : {};
  }

  function addPeer(user: string, state: FakePeerState = {}): void {
    const full: Required<FakePeerState> = {
      micEnabled: true,
      cameraEnabled: media === 'video',
      speaking: false,
      quality: 'excellent',
      screenSharing: false,
      ...state,
    };
    const peer: SimulatedPeer = { identity: `${user}#sim${peers.size + 1}`, state: full, stops: [] };
    if (makeTracks) {
      const video = createTestPatternTrack({ label: user, ...PATTERN_SIZE, frameRate: 15 });
      const audio = createToneTrack(660);
      peer.video = handleOf('video', video);
      peer.audio = handleOf('audio', audio);
      if (video) peer.stops.push(video.stop);
      if (audio) peer.stops.push(audio.stop);
    }
    peers.set(user, peer);
  }

  function sampleStats(): void {
    const others = snapshot.remotes;
    const videoIn = others.filter((view) => view.cameraEnabled).length;
    const audioIn = others.filter((view) => view.micEnabled).length;
    const firstVideo = others.find((view) => view.cameraEnabled);
    const settings = firstVideo?.videoTrack?.mediaStreamTrack.getSettings();
    stats = {
      rttMs: network.rttMs,
      sendBitrate: (camera ? network.videoBitrate : 0) + (mic && !micMuted ? AUDIO_BITRATE : 0),
      receiveBitrate: videoIn * network.videoBitrate + audioIn * AUDIO_BITRATE,
      packetLoss: network.packetLoss,
      at: Date.now(),
    };
    if (firstVideo) {
      stats.resolution = {
        width: settings?.width ?? PATTERN_SIZE.width,
        height: settings?.height ?? PATTERN_SIZE.height,
      };
    }
    publish(false);
  }

  function teardown(): void {
    stopStatsTimer?.();
    stopStatsTimer = undefined;
    mic?.synthetic?.stop();
    mic = undefined;
    stopCamera();
    stopScreen();
    for (const peer of peers.values()) stopPeer(peer);
    peers.clear();
    leaveHub?.();
    leaveHub = undefined;
    effects?.stop();
    effects = undefined;
    closed = true;
    connection = 'disconnected';
  }

  const session: FakeMediaSession = {
    async prepare(grant) {
      parsePrepareGrant(grant);
      if (closed) throw new MediaSessionError('closed', 'This media session has been left.');
    },

    async join(grant, callMedia, captureOptions) {
      const parsed = parseGrant(grant);
      media = parseMedia(callMedia);
      capture = parseCaptureOptions(captureOptions);
      if (closed) throw new MediaSessionError('closed', 'This media session has been left.');
      if (connection !== 'idle') throw new MediaSessionError('invalid-argument', 'This media session has already joined.');
      identity = parsed.identity;
      room = parsed.room;
      Object.assign(devices, capture.deviceIds);
      connection = 'connecting';
      publish(false);
      if (options.joinDelayMs) await new Promise((resolve) => setTimeout(resolve, options.joinDelayMs));
      if (closed) throw new MediaSessionError('closed', 'The session was left while joining.');
      if (options.failJoin) {
        teardown();
        publish(false);
        throw new MediaSessionError('join-failed', 'Could not reach the media server (simulated).');
      }
      for (const start of media === 'video' ? [startMic, startCamera] : [startMic]) {
        try {
          start();
        } catch {
          // reported as a device error; the call goes on without that device
        }
      }
      for (const user of options.peers ?? []) addPeer(user);
      connection = 'connected';
      leaveHub = hub.enter(room, member);
      if (options.statsIntervalMs !== 0) stopStatsTimer = startMediaInterval(sampleStats, options.statsIntervalMs ?? 3000);
      publish();
      emit({ type: 'connected' });
      if (peers.size > 0 || hub.others(room, member).length > 0) emit({ type: 'remote-changed' });
    },

    async leave() {
      if (closed) return;
      teardown();
      publish(false);
    },

    async setMicrophoneEnabled(enabled) {
      requireJoined();
      if (enabled) {
        try {
          startMic();
        } finally {
          publish();
        }
        return;
      }
      micMuted = true;
      if (mic?.synthetic) mic.synthetic.track.enabled = false;
      publish();
    },

    async setCameraEnabled(enabled) {
      requireJoined();
      if (enabled) {
        try {
          startCamera();
        } finally {
          publish();
        }
        return;
      }
      stopCamera();
      publish();
    },

    async setScreenShareEnabled(enabled) {
      requireJoined();
      if (!enabled) {
        stopScreen();
        publish();
        return;
      }
      if (screenShare !== true) {
        const code = screenShare === false ? 'unsupported' : screenShare;
        throw Object.assign(new Error(`Screen sharing failed (simulated ${code}).`), { name: SCREEN_FAILURE_NAMES[code] });
      }
      screen ??= screenPattern(options.user ?? userOfIdentity(identity ?? 'me'));
      publish();
    },

    async switchDevice(kind, deviceId) {
      const choice = parseDeviceChoice(kind, deviceId);
      if (closed) throw new MediaSessionError('closed', 'This media session has been left.');
      devices[choice.kind] = choice.deviceId;
      publish(false);
    },

    async setHeld(next) {
      requireJoined();
      held = next === true;
      publish(false);
      emit({ type: 'remote-changed' });
    },

    getSnapshot: () => snapshot,

    subscribe: (listener) => addListener(listeners, listener),

    onEvent: (listener) => addListener(eventListeners, listener),

    followEffects(store) {
      if (closed) return;
      effects?.stop();
      effects = { store, stop: store.onChange(() => publish(false)) };
      publish(false);
    },

    simulateReconnecting() {
      if (connection !== 'connected') return;
      connection = 'reconnecting';
      publish();
      emit({ type: 'reconnecting' });
    },

    simulateReconnected() {
      if (connection !== 'reconnecting') return;
      connection = 'connected';
      publish();
      emit({ type: 'reconnected' });
    },

    simulateDisconnect(reason) {
      if (closed) return;
      teardown();
      publish(false);
      emit({ type: 'disconnected', reason });
    },

    simulateDeviceError(failure) {
      runtimeFailure = failure;
      const kinds = typeof failure === 'string' ? (['audioinput', 'videoinput'] as const) : [failure.kind];
      for (const kind of kinds) {
        const error = failureFor(kind);
        if (!error) continue;
        if (kind === 'videoinput') stopCamera();
        else {
          mic?.synthetic?.stop();
          mic = undefined;
        }
        reportDeviceError(error);
      }
      publish();
    },

    simulateRemote(user, state) {
      const peer = peers.get(user);
      if (peer) peer.state = { ...peer.state, ...state };
      else addPeer(user, state);
      const changed = peers.get(user);
      if (changed && !changed.state.screenSharing && changed.screen) {
        changed.screen.synthetic?.stop();
        changed.screen = undefined;
      }
      publish(false);
      emit({ type: 'remote-changed' });
    },

    simulateScreenShareEnded() {
      if (!screen) return;
      stopScreen();
      publish();
      emit({ type: 'screen-share-ended' });
    },

    removePeer(user) {
      const peer = peers.get(user);
      if (!peer) return;
      stopPeer(peer);
      peers.delete(user);
      publish(false);
      emit({ type: 'remote-changed' });
    },
  };
  if (options.effects) session.followEffects?.(options.effects);
  return session;
}

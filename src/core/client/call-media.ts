/**
 * The media side of one call: creates its media session on first need,
 * prepares, joins, mutes, switches devices, and turns the session's events
 * into call machine events.
 *
 * @packageDocumentation
 */
import { RingError, toRingError } from '../errors.js';
import type { CallMediaEvent } from '../machine/types.js';
import type { CaptureOptions, DeviceKind, MediaEvent, MediaFactory, MediaSession, MediaSnapshot } from '../media/types.js';
import type { LiveKitGrant, Media } from '../../protocol/protocol.js';
import type { RemoteMediaState } from './types.js';

/** Options of {@link createCallMedia}. */
export interface CallMediaOptions {
  /** Makes the media session. */
  factory: MediaFactory;
  /** Forward an event to the call machine. */
  send(event: CallMediaEvent): void;
  /** The session's snapshot changed. */
  onSnapshot(snapshot: MediaSnapshot): void;
  /** Something failed that the UI should show. */
  onError(error: RingError): void;
}

/** What the machine's media effects call. */
export interface CallMedia {
  /** The session, once created. */
  session(): MediaSession | null;
  /** Create the session and warm up the connection (when the media server url is known). */
  prepare(url: string | undefined): void;
  /** Join the room and publish; reports `MEDIA_CONNECTED` or `MEDIA_DISCONNECTED`. */
  join(grant: LiveKitGrant, media: Media, capture: CaptureOptions, wanted: { mic: boolean; camera: boolean }): void;
  /** Leave and stop every track (safe to call twice). */
  leave(): void;
  /** Mute or unmute (once joined). */
  setMicrophone(enabled: boolean): Promise<void>;
  /** Camera on or off (once joined). */
  setCamera(enabled: boolean): Promise<void>;
  /** Use another device (once joined). */
  switchDevice(kind: DeviceKind, deviceId: string): Promise<void>;
}

/** Other participants' media state, keyed by user id. */
function remoteStates(snapshot: MediaSnapshot): Record<string, RemoteMediaState> {
  const remote: Record<string, RemoteMediaState> = {};
  for (const participant of snapshot.remotes) {
    remote[participant.user] = {
      micEnabled: participant.micEnabled,
      cameraEnabled: participant.cameraEnabled,
      quality: participant.quality,
    };
  }
  return remote;
}

/** The machine event for a media event. */
function machineEventOf(event: MediaEvent, session: MediaSession): CallMediaEvent {
  switch (event.type) {
    case 'connected':
      return { type: 'MEDIA_CONNECTED' };
    case 'reconnecting':
      return { type: 'MEDIA_RECONNECTING' };
    case 'reconnected':
      return { type: 'MEDIA_RECONNECTED' };
    case 'disconnected':
      return { type: 'MEDIA_DISCONNECTED', reason: event.reason };
    case 'device-error':
      return { type: 'DEVICE_ERROR', error: event.error };
    case 'remote-changed':
      return { type: 'REMOTE_CHANGED', remote: remoteStates(session.getSnapshot()) };
  }
}

/**
 * The media of one call.
 *
 * @example
 * ```ts
 * const media = createCallMedia({ factory: () => createFakeMedia(), send: actor.send, onSnapshot, onError });
 * media.join(grant, 'video', {}, { mic: true, camera: true });
 * ```
 */
export function createCallMedia(options: CallMediaOptions): CallMedia {
  let created: Promise<MediaSession> | undefined;
  let current: MediaSession | null = null;
  let joined = false;
  let left = false;
  let quality: string | undefined;
  const stops: Array<() => void> = [];

  function ensure(): Promise<MediaSession> {
    created ??= Promise.resolve()
      .then(() => options.factory())
      .then((session) => {
        if (left) {
          void session.leave().catch(() => undefined);
          throw new RingError('call-ended', 'the call ended before its media was ready');
        }
        current = session;
        stops.push(
          session.onEvent((event) => {
            if (!left) options.send(machineEventOf(event, session));
          }),
          session.subscribe(() => {
            if (left) return;
            const snapshot = session.getSnapshot();
            options.onSnapshot(snapshot);
            const next = snapshot.local?.quality;
            if (next !== undefined && next !== quality) {
              quality = next;
              options.send({ type: 'QUALITY_CHANGED', quality: next });
            }
          }),
        );
        options.onSnapshot(session.getSnapshot());
        return session;
      });
    return created;
  }

  async function whenJoined(work: (session: MediaSession) => Promise<void>): Promise<void> {
    if (!joined || !current || left) return;
    try {
      await work(current);
    } catch (error) {
      options.onError(toRingError(error, 'media'));
    }
  }

  return {
    session: () => current,
    prepare(url) {
      ensure()
        .then((session) => (url === undefined ? undefined : session.prepare({ url })))
        .catch(() => undefined); // prewarming is best effort: the join reports real failures
    },
    join(grant, media, capture, wanted) {
      ensure()
        .then(async (session) => {
          await session.join(grant, media, capture);
          if (left) return;
          joined = true;
          if (!wanted.mic) await session.setMicrophoneEnabled(false);
          if (media === 'video' && !wanted.camera) await session.setCameraEnabled(false);
          if (session.getSnapshot().connection === 'connected') options.send({ type: 'MEDIA_CONNECTED' });
        })
        .catch((error: unknown) => {
          if (left) return;
          options.onError(toRingError(error, 'media'));
          options.send({ type: 'MEDIA_DISCONNECTED', reason: 'media-failed' });
        });
    },
    leave() {
      if (left) return;
      left = true;
      for (const stop of stops.splice(0)) stop();
      if (current) void current.leave().catch(() => undefined);
    },
    setMicrophone: (enabled) => whenJoined((session) => session.setMicrophoneEnabled(enabled)),
    setCamera: (enabled) => whenJoined((session) => session.setCameraEnabled(enabled)),
    switchDevice: (kind, deviceId) => whenJoined((session) => session.switchDevice(kind, deviceId)),
  };
}

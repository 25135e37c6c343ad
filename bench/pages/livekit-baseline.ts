/**
 * Baseline page for the answer-to-media benchmark: plain livekit-client, no ringkit.
 * `window.__baseline.join(url, token)` connects to a room, shows remote video, and publishes camera and microphone.
 * `joinRestricted` and `answer` measure what early join would buy (not shipped, see docs/performance.md):
 * the page is already in the room with a grant that allows nothing, and publishes once LiveKit grants it more.
 *
 * @packageDocumentation
 */
import { Room, RoomEvent, Track, type LocalTrack } from 'livekit-client';
import { installFirstFrameProbe } from './first-frame-probe.js';

installFirstFrameProbe();

/** What the page exposes on `window.__baseline`. */
export interface BaselinePage {
  /**
   * Connects and starts publishing; resolves with the wall-clock time the connect started.
   * `adaptive` turns on adaptive stream and dynacast (what ringkit's LiveKit session uses).
   */
  join(url: string, token: string, adaptive?: boolean): Promise<number>;
  /** Connects with a grant that allows nothing yet (early join); publishes nothing. */
  joinRestricted(url: string, token: string): Promise<void>;
  /**
   * The answer of an early-joined page: opens camera and microphone now and publishes them as soon
   * as LiveKit allows it; resolves with the wall-clock time it started.
   */
  answer(): number;
  /** Resolves once the last joined room publishes camera and microphone. */
  published(): Promise<void>;
  /** Leaves every room and removes their video elements. */
  leave(): Promise<void>;
}

declare global {
  interface Window {
    __baseline?: BaselinePage;
  }
}

const rooms: Room[] = [];
let publishing: Promise<unknown> = Promise.resolve();

function newRoom(adaptive: boolean): Room {
  const room = new Room({ adaptiveStream: adaptive, dynacast: adaptive });
  rooms.push(room);
  room.on(RoomEvent.TrackSubscribed, (track) => {
    if (track.kind === Track.Kind.Video) document.body.append(track.attach());
  });
  return room;
}

/** Publish `tracks` once the room's local participant may publish. */
function publishWhenAllowed(room: Room, tracks: Promise<LocalTrack[]>): Promise<unknown> {
  const allowed = new Promise<void>((resolve) => {
    if (room.localParticipant.permissions?.canPublish) return resolve();
    const onChange = () => {
      if (!room.localParticipant.permissions?.canPublish) return;
      room.off(RoomEvent.ParticipantPermissionsChanged, onChange);
      resolve();
    };
    room.on(RoomEvent.ParticipantPermissionsChanged, onChange);
  });
  return Promise.all([tracks, allowed]).then(([opened]) => Promise.all(opened.map((track) => room.localParticipant.publishTrack(track))));
}

window.__baseline = {
  async joinRestricted(url, token) {
    await newRoom(false).connect(url, token);
  },
  answer() {
    const room = rooms.at(-1);
    if (!room) throw new Error('joinRestricted first');
    const startedAt = performance.timeOrigin + performance.now();
    publishing = publishWhenAllowed(room, room.localParticipant.createTracks({ audio: true, video: true }));
    return startedAt;
  },
  async join(url, token, adaptive = false) {
    const room = newRoom(adaptive);
    const connectStartedAt = performance.timeOrigin + performance.now();
    await room.connect(url, token);
    publishing = room.localParticipant.enableCameraAndMicrophone();
    return connectStartedAt;
  },
  async published() {
    await publishing;
  },
  async leave() {
    await Promise.all(rooms.splice(0).map((room) => room.disconnect()));
    for (const video of document.querySelectorAll('video')) video.remove();
  },
};

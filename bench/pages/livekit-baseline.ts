/**
 * Baseline page for the answer-to-media benchmark: plain livekit-client, no ringkit.
 * `window.__baseline.join(url, token)` connects to a room, shows remote video, and publishes camera and microphone.
 *
 * @packageDocumentation
 */
import { Room, RoomEvent, Track } from 'livekit-client';
import { installFirstFrameProbe } from './first-frame-probe.js';

installFirstFrameProbe();

/** What the page exposes on `window.__baseline`. */
export interface BaselinePage {
  /**
   * Connects and starts publishing; resolves with the wall-clock time the connect started.
   * `adaptive` turns on adaptive stream and dynacast (what ringkit's LiveKit session uses).
   */
  join(url: string, token: string, adaptive?: boolean): Promise<number>;
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

window.__baseline = {
  async join(url, token, adaptive = false) {
    const room = new Room({ adaptiveStream: adaptive, dynacast: adaptive });
    rooms.push(room);
    room.on(RoomEvent.TrackSubscribed, (track) => {
      if (track.kind === Track.Kind.Video) document.body.append(track.attach());
    });
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

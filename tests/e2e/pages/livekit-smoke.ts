/**
 * A bare livekit-client page for the smoke test: joins a room, publishes camera and microphone,
 * and attaches every remote track to the page.
 *
 * @packageDocumentation
 */
import { Room, RoomEvent } from 'livekit-client';

/** What the smoke page exposes on `window.smoke`. */
export interface SmokePage {
  join(url: string, token: string): Promise<void>;
  leave(): Promise<void>;
}

declare global {
  interface Window {
    smoke?: SmokePage;
  }
}

const room = new Room();
room.on(RoomEvent.TrackSubscribed, (track) => {
  document.body.append(track.attach());
});

window.smoke = {
  async join(url, token) {
    await room.connect(url, token);
    await room.localParticipant.enableCameraAndMicrophone();
  },
  leave: () => room.disconnect(),
};

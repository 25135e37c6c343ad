/**
 * A bare livekit-client page that records everything its Room hears: for the
 * experiment and test of what livekit-server lets a participant with a
 * restricted grant (no subscribe, no publish, no data, hidden) receive.
 *
 * @packageDocumentation
 */
import { Room, RoomEvent, type RemoteParticipant } from 'livekit-client';

/** One thing the Room reported. */
export interface HeardEvent {
  event: string;
  from?: string;
  detail?: string;
  at: number;
}

/** What the page exposes on `window.probe`. */
export interface PermissionsProbe {
  join(url: string, token: string): Promise<void>;
  publish(): Promise<void>;
  sendData(label: string, to?: string[]): Promise<void>;
  heard(): HeardEvent[];
  remoteIdentities(): string[];
  /** Every remote publication this Room knows of, as `identity:source`. */
  remotePublications(): string[];
  /** Ask to subscribe to every remote publication (a client ignoring its grant). */
  subscribeAll(): void;
  canPublish(): boolean;
  leave(): Promise<void>;
}

declare global {
  interface Window {
    probe?: PermissionsProbe;
  }
}

const room = new Room();
const heard: HeardEvent[] = [];
const note = (event: string, from?: RemoteParticipant, detail?: string) =>
  heard.push({ event, ...(from ? { from: from.identity } : {}), ...(detail === undefined ? {} : { detail }), at: Date.now() });

room.on(RoomEvent.ParticipantConnected, (participant) => note('ParticipantConnected', participant));
room.on(RoomEvent.TrackPublished, (publication, participant) => note('TrackPublished', participant, publication.source));
room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
  note('TrackSubscribed', participant, track.kind);
  document.body.append(track.attach());
});
room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) =>
  note('DataReceived', participant, `${topic ?? ''}:${new TextDecoder().decode(payload)}`),
);
room.on(RoomEvent.ChatMessage, (message, participant) => note('ChatMessage', participant as RemoteParticipant | undefined, message.message));
room.on(RoomEvent.ParticipantPermissionsChanged, (_before, participant) => {
  if (participant === room.localParticipant) note('PermissionsChanged', undefined, JSON.stringify(participant.permissions));
});
room.on(RoomEvent.Disconnected, (reason) => note('Disconnected', undefined, String(reason)));

window.probe = {
  join: (url, token) => room.connect(url, token),
  async publish() {
    await room.localParticipant.enableCameraAndMicrophone();
  },
  async sendData(label, to) {
    const payload = new TextEncoder().encode(label);
    await room.localParticipant.publishData(payload, { reliable: true, topic: 'reliable', ...(to ? { destinationIdentities: to } : {}) });
    await room.localParticipant.publishData(payload, { reliable: false, topic: 'lossy', ...(to ? { destinationIdentities: to } : {}) });
  },
  heard: () => heard.slice(),
  remoteIdentities: () => [...room.remoteParticipants.values()].map((participant) => participant.identity),
  remotePublications: () =>
    [...room.remoteParticipants.values()].flatMap((participant) =>
      [...participant.trackPublications.values()].map((publication) => `${participant.identity}:${publication.source}`),
    ),
  subscribeAll() {
    for (const participant of room.remoteParticipants.values()) {
      for (const publication of participant.trackPublications.values()) publication.setSubscribed(true);
    }
  },
  canPublish: () => room.localParticipant.permissions?.canPublish === true,
  leave: () => room.disconnect(),
};

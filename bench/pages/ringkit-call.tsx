/**
 * ringkit page for the answer-to-media benchmark: a ring client (`?server=&user=&livekit=`) with the
 * public `<RingProvider>` and `<CallView>`, driven from Node through `window.__ring`.
 *
 * @packageDocumentation
 */
import { createRoot } from 'react-dom/client';
import { CallView, RingProvider } from '../../src/index.js';
import { createRingClient } from '../../src/core.js';
import { installFirstFrameProbe } from './first-frame-probe.js';

installFirstFrameProbe();

/** What the page exposes on `window.__ring`. */
export interface RingPage {
  connect(): Promise<void>;
  /** Places a video call. */
  call(to: string): Promise<void>;
  /** The id of the call ringing here, or `null`. */
  ringingCallId(): string | null;
  /** Accepts with video; returns the wall-clock time just before `accept()`. */
  accept(callId: string): number;
  hangup(): Promise<void>;
  /** No call in progress (none, or the last one ended). */
  idle(): boolean;
  /** Where the current call stands, for failure messages. */
  describe(): string;
  /** Wall-clock times of milestones of the current call, for explaining where the time goes. */
  marks(): Partial<Record<Milestone, number>>;
}

/** Milestones the page records on the way from accept to media. */
export type Milestone = 'mediaConnected' | 'remoteVideoTrack' | 'active';

declare global {
  interface Window {
    __ring?: RingPage;
  }
}

const params = new URLSearchParams(location.search);
const server = params.get('server');
const user = params.get('user');
const root = document.getElementById('root');
if (!server || !user || !root) throw new Error('ringkit-call needs ?server=&user= and a #root element');

const client = createRingClient({ url: server, user, livekitUrl: params.get('livekit') ?? undefined });

let marks: Partial<Record<Milestone, number>> = {};
const mark = (milestone: Milestone, reached: boolean) => {
  if (reached && marks[milestone] === undefined) marks[milestone] = performance.timeOrigin + performance.now();
};
client.subscribe(() => {
  const { call, media } = client.getSnapshot();
  mark('mediaConnected', media?.connection === 'connected');
  mark('remoteVideoTrack', Boolean(media?.remotes.some((remote) => remote.videoTrack)));
  mark('active', call?.status === 'active');
});

createRoot(root).render(
  <RingProvider client={client}>
    <CallView />
  </RingProvider>,
);

window.__ring = {
  connect: () => client.connect(),
  async call(to) {
    marks = {};
    await client.call(to, { video: true });
  },
  ringingCallId: () => client.getSnapshot().incoming[0]?.callId ?? null,
  accept(callId) {
    marks = {};
    const acceptedAt = performance.timeOrigin + performance.now();
    void client.accept(callId, { video: true });
    return acceptedAt;
  },
  hangup: () => client.hangup(),
  marks: () => marks,
  describe() {
    const { call, media, connection } = client.getSnapshot();
    const videos = [...document.querySelectorAll('video')].map((video) => `${video.videoWidth}x${video.videoHeight}`);
    return JSON.stringify({
      user,
      connection,
      status: call?.status ?? null,
      media: media?.connection ?? null,
      remotes: media?.remotes.map((remote) => ({ user: remote.user, camera: remote.cameraEnabled, video: Boolean(remote.videoTrack) })),
      local: media?.local ? { camera: media.local.cameraEnabled, video: Boolean(media.local.videoTrack) } : null,
      videos,
    });
  },
  idle() {
    const call = client.getSnapshot().call;
    return call === null || call.status === 'ended';
  },
};

/**
 * @internal The server steps of a pre-call check: a signaling round trip, and
 * a visit to a private test room on the media server (join, publish, wait for
 * the first WebRTC statistics, leave).
 *
 * @packageDocumentation
 */
import type { OutgoingMessage, Reply, RequestOptions } from '../client/connection.js';
import type { CaptureOptions, MediaFactory, MediaSession, MediaSnapshot } from '../media/types.js';
import type { Media } from '../../protocol/protocol.js';
import { StepFailure } from './step-runner.js';

/** What the server steps need from the client. */
export interface ServerStepsHost {
  /** A request to the signaling server (queued while the client is connecting). */
  request(message: OutgoingMessage, options?: RequestOptions): Promise<Reply>;
  /** Makes a media session (LiveKit, or fake media in tests). */
  media: MediaFactory;
}

/**
 * @internal Time a `ping` to the signaling server.
 *
 * @example
 * ```ts
 * const rttMs = await signalingRoundTrip(host);
 * ```
 */
export async function signalingRoundTrip(host: ServerStepsHost): Promise<number> {
  const sent = performance.now();
  await host.request({ type: 'ping' }, { queue: true });
  return Math.round(performance.now() - sent);
}

/** Resolve with the first statistics sample that has a round trip; reject if the connection drops. */
function firstRoundTrip(session: MediaSession, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = (snapshot: MediaSnapshot) => {
      if (snapshot.stats?.rttMs !== undefined) return done(() => resolve(snapshot.stats?.rttMs ?? 0));
      if (snapshot.connection === 'disconnected') done(() => reject(new StepFailure('join-failed', 'The media connection dropped during the check.')));
    };
    const unsubscribe = session.subscribe(() => check(session.getSnapshot()));
    const abort = () => done(() => reject(signal.reason));
    function done(settle: () => void): void {
      unsubscribe();
      signal.removeEventListener('abort', abort);
      settle();
    }
    signal.addEventListener('abort', abort);
    check(session.getSnapshot());
  });
}

/** What the media server step measured. */
export interface MediaServerVisit {
  connectMs: number;
  rttMs: number;
  published: Array<'audio' | 'video'>;
}

/**
 * @internal Ask for a test grant, join its room publishing `media`, wait for the media path's
 * round trip, and leave (also when the check is cancelled or times out meanwhile).
 *
 * @example
 * ```ts
 * const { connectMs, rttMs } = await visitMediaServer(host, 'video', capture, signal);
 * ```
 */
export async function visitMediaServer(host: ServerStepsHost, media: Media, capture: CaptureOptions, signal: AbortSignal): Promise<MediaServerVisit> {
  const reply = await host.request({ type: 'precheck' }, { queue: true });
  if (reply.type !== 'precheck') throw new StepFailure('internal', `The server answered precheck with ${reply.type}.`);
  const session = await host.media();
  const leave = () => void session.leave().catch(() => undefined);
  signal.addEventListener('abort', leave);
  try {
    if (signal.aborted) throw signal.reason;
    const started = performance.now();
    await session.join(reply.livekit, media, capture);
    const connectMs = Math.round(performance.now() - started);
    const rttMs = await firstRoundTrip(session, signal);
    const local = session.getSnapshot().local;
    const published: Array<'audio' | 'video'> = [];
    if (local?.micEnabled) published.push('audio');
    if (local?.cameraEnabled) published.push('video');
    return { connectMs, rttMs: Math.round(rttMs), published };
  } finally {
    signal.removeEventListener('abort', leave);
    await session.leave().catch(() => undefined);
  }
}

/**
 * The media child actor of a call: it makes the call's media session, warms
 * it up while the call rings, joins, mutes, holds, and turns the session's events
 * into call machine events. Its cleanup (the call machine stops it when the
 * call ends) leaves the room and removes every listener it added, so nothing
 * of the session outlives the call.
 *
 * @packageDocumentation
 */
import { fromCallback } from 'xstate';
import type { RemoteMediaState } from '../client/snapshot-types.js';
import { RingError, toRingError } from '../errors.js';
import type { CaptureOptions, MediaEvent, MediaFactory, MediaSession } from '../media/types.js';
import type { Media } from '../../protocol/protocol.js';
import type { CallMediaEvent, MediaActorInput, MediaCommand } from './types.js';

/**
 * What the media actor needs from its client, given once when the client provides its call machine.
 *
 * @example
 * ```ts
 * callMachine.provide({ actors: { media: callMediaActor({ factory: () => createFakeMedia(), capture: (own) => own }) } });
 * ```
 */
export interface CallMediaActorOptions {
  /** Makes the media session (once per call). */
  factory: MediaFactory;
  /** The capture settings to join with: the client's defaults and chosen devices merged over the call's own. */
  capture(own: CaptureOptions): CaptureOptions;
}

/** Other participants' media state, keyed by user id. */
function remoteStates(session: MediaSession): Record<string, RemoteMediaState> {
  const remote: Record<string, RemoteMediaState> = {};
  for (const participant of session.getSnapshot().remotes) {
    remote[participant.user] = {
      micEnabled: participant.micEnabled,
      cameraEnabled: participant.cameraEnabled,
      quality: participant.quality,
      ...(participant.screenSharing ? { screenSharing: true } : {}),
    };
  }
  return remote;
}

/** The call machine event for a media session event. */
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
      return { type: 'REMOTE_CHANGED', remote: remoteStates(session) };
    case 'screen-share-ended':
      return { type: 'SCREEN_SHARE', sharing: false };
  }
}

/** Share the screen or stop (the step is loaded on first use); the outcome goes back to the call machine as `SCREEN_SHARE`. */
async function shareScreen(session: MediaSession, enabled: boolean): Promise<CallMediaEvent> {
  return (await import('./share-screen.js')).shareScreen(session, enabled);
}

/**
 * The media actor logic of a client's calls.
 *
 * @example
 * ```ts
 * const media = callMediaActor({ factory: () => createLiveKitMedia(), capture: (own) => ({ ...defaults, ...own }) });
 * const machine = callMachine.provide({ actors: { media } });
 * ```
 */
export function callMediaActor(options: CallMediaActorOptions) {
  return fromCallback<MediaCommand, MediaActorInput, CallMediaEvent>(({ input, sendBack, receive }) => {
    let left = false;
    let joined = false;
    /** On hold here: microphone and camera commands wait for the resume, which brings the wanted state. */
    let held: Extract<MediaCommand, { type: 'HOLD' }> | undefined;
    let quality: string | undefined;
    let session: MediaSession | undefined;
    /** `MEDIA_CONNECTED` was sent for this join (the session's `connected` event and the join's end may both say so). */
    let connected = false;
    const stops: Array<() => void> = [];
    const send = (event: CallMediaEvent) => {
      if (left || (event.type === 'MEDIA_CONNECTED' && connected)) return;
      if (event.type === 'MEDIA_CONNECTED') connected = true;
      sendBack(event);
    };
    const fail = (error: unknown) => send({ type: 'MEDIA_ERROR', error: toRingError(error, 'media') });

    const created = Promise.resolve()
      .then(() => options.factory())
      .then((made) => {
        if (left) {
          void made.leave().catch(() => undefined);
          throw new RingError('call-ended', 'the call ended before its media was ready');
        }
        session = made;
        stops.push(
          made.onEvent((event) => send(machineEventOf(event, made))),
          made.subscribe(() => {
            const snapshot = made.getSnapshot();
            send({ type: 'MEDIA_SNAPSHOT', snapshot });
            const next = snapshot.local?.quality;
            if (next !== undefined && next !== quality) {
              quality = next;
              send({ type: 'QUALITY_CHANGED', quality: next });
            }
          }),
        );
        send({ type: 'MEDIA_READY', session: made, snapshot: made.getSnapshot() });
        return made;
      });
    created.catch(() => undefined); // a failed factory is reported by the join that needed it
    if (input.prepare && input.url !== undefined) {
      const url = input.url;
      // Warming up is best effort: the join reports real failures.
      created.then((made) => made.prepare({ url })).catch(() => undefined);
    }

    async function whenJoined(work: (made: MediaSession) => Promise<void>): Promise<void> {
      if (!joined || !session || left) return;
      await work(session).catch(fail);
    }

    /** Hold: stop sending (microphone and camera muted, still published; a screen share stops) and receiving. */
    const pause = (media: Media) =>
      whenJoined(async (made) => {
        await made.setMicrophoneEnabled(false);
        if (media === 'video') await made.setCameraEnabled(false);
        if (made.getSnapshot().local?.screenSharing) send(await shareScreen(made, false));
        await made.setHeld?.(true);
      });

    receive((command) => {
      switch (command.type) {
        case 'CAPTURE':
          // Best effort, like warming up: the join opens the devices itself when this did not.
          created.then((made) => made.capture?.(command.media, options.capture(command.capture))).catch(() => undefined);
          return;
        case 'JOIN':
          connected = false;
          created
            .then(async (made) => {
              await made.join(command.grant, command.media, options.capture(command.capture));
              if (left) return;
              joined = true;
              if (!command.mic) await made.setMicrophoneEnabled(false);
              if (command.media === 'video' && !command.camera) await made.setCameraEnabled(false);
              if (held) await pause(held.media);
              if (made.getSnapshot().connection === 'connected') send({ type: 'MEDIA_CONNECTED' });
            })
            .catch((error: unknown) => {
              if (left) return;
              fail(error);
              send({ type: 'MEDIA_DISCONNECTED', reason: 'media-failed' });
            });
          return;
        case 'SET_MIC':
          if (!held) void whenJoined((made) => made.setMicrophoneEnabled(command.enabled));
          return;
        case 'SET_CAMERA':
          if (!held) void whenJoined((made) => made.setCameraEnabled(command.enabled));
          return;
        case 'HOLD':
          held = command;
          void pause(command.media);
          return;
        case 'RESUME':
          held = undefined;
          void whenJoined(async (made) => {
            await made.setHeld?.(false);
            await made.setMicrophoneEnabled(command.mic);
            if (command.media === 'video') await made.setCameraEnabled(command.camera);
          });
          return;
        case 'SET_SCREEN_SHARE':
          created
            .then((made) => shareScreen(made, command.enabled))
            .then(send, () => send({ type: 'SCREEN_SHARE', sharing: false, error: { code: 'failed', message: 'Screen sharing failed.' } }));
          return;
      }
    });

    return () => {
      left = true;
      for (const stop of stops.splice(0)) stop();
      if (session) void session.leave().catch(() => undefined);
    };
  });
}

/**
 * Effects on a LiveKit call's local tracks: the background processor on the camera (set before the
 * camera publishes, so the far side never sees the unprocessed picture) and the audio processing
 * switches on the microphone, following an effects store for the whole call.
 *
 * @packageDocumentation
 */
import type * as LiveKit from 'livekit-client';
import { createBackgroundProcessor, effectFailure, processorMode, type BackgroundProcessor } from '../background-processor.js';
import { sameVideoEffect, type AudioProcessing, type VideoEffect } from '../effects.js';
import type { MediaEffects } from '../effects-store.js';
import type { LiveKitModule } from '../livekit.js';

const PROCESSOR_NAME = 'background-processor';

/** A call's effects on its LiveKit tracks. */
export interface LiveKitEffects {
  /** The audio switches the user chose (these win over the call's capture options). */
  chosenAudio(): Partial<AudioProcessing>;
  /** The effect applied on the camera now. */
  appliedVideo(): VideoEffect;
  /** Set the chosen effect on a camera track that has not been published yet; a failure is reported, not thrown. */
  prepareCamera(track: LiveKit.LocalTrack): Promise<void>;
  /** A camera track was published: bring it to the chosen effect if it is not (a choice made while it was being published). */
  cameraPublished(track: LiveKit.LocalTrack): void;
  /** Stop following the store. */
  stop(): void;
}

/** What the effects need from the session. */
export interface LiveKitEffectsHost {
  /** The room once joined. */
  room(): LiveKit.Room | undefined;
  /** The `livekit-client` module once loaded. */
  lk(): LiveKitModule | undefined;
  /** Microphone capture options for the given switches (the session's device and defaults). */
  restartMicrophone(track: LiveKit.LocalAudioTrack, audio: Partial<AudioProcessing>): Promise<void>;
  /** The session's snapshot changed. */
  changed(): void;
}

function isBackgroundProcessor(processor: unknown): processor is BackgroundProcessor {
  return typeof processor === 'object' && processor !== null && (processor as { name?: unknown }).name === PROCESSOR_NAME && 'switchTo' in processor;
}

/**
 * Follow an effects store on a LiveKit session's tracks: its choices apply before the camera publishes
 * and whenever they change mid-call; how the background effect went is reported back to the store.
 *
 * @example
 * ```ts
 * const effects = followLiveKitEffects(store, { room: () => room, lk: () => lk, restartMicrophone, changed: publish });
 * await effects.prepareCamera(cameraTrack);
 * ```
 */
export function followLiveKitEffects(store: MediaEffects, host: LiveKitEffectsHost): LiveKitEffects {
  let applied: VideoEffect = { type: 'none' };
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;

  /** Bring a camera track to the store's effect; resolves once done (failures are reported to the store). */
  async function applyTo(track: LiveKit.LocalTrack): Promise<void> {
    const wanted = store.getSnapshot().video;
    const current = track.getProcessor();
    if (wanted.type === 'none') {
      if (current) await track.stopProcessor();
      applied = wanted;
      return;
    }
    store.reportVideo('loading');
    try {
      if (isBackgroundProcessor(current)) await current.switchTo(processorMode(wanted));
      else await track.setProcessor(await createBackgroundProcessor(wanted, store.assets));
      applied = wanted;
      store.reportVideo('on');
    } catch (cause) {
      applied = { type: 'none' };
      await track.stopProcessor().catch(() => undefined);
      store.reportVideo('error', effectFailure(cause).message);
    }
  }

  function camera(): LiveKit.LocalTrack | undefined {
    const lk = host.lk();
    const track = lk ? host.room()?.localParticipant.getTrackPublication(lk.Track.Source.Camera)?.track : undefined;
    return track ?? undefined;
  }

  function microphone(): LiveKit.LocalAudioTrack | undefined {
    const lk = host.lk();
    const track = lk ? host.room()?.localParticipant.getTrackPublication(lk.Track.Source.Microphone)?.track : undefined;
    return track && track.kind === 'audio' ? (track as LiveKit.LocalAudioTrack) : undefined;
  }

  function serially(work: () => Promise<void>): Promise<void> {
    queue = queue.then(work, work).then(
      () => host.changed(),
      () => host.changed(),
    );
    return queue;
  }

  const unsubscribe = store.onChange((change) => {
    if (stopped) return;
    if (change === 'video') {
      const track = camera();
      if (track) void serially(() => applyTo(track));
      return;
    }
    const track = microphone();
    if (track) void serially(() => host.restartMicrophone(track, store.getSnapshot().audio).catch(() => undefined));
  });

  return {
    chosenAudio: () => store.chosenAudio(),
    appliedVideo: () => applied,
    prepareCamera: (track) => serially(() => applyTo(track)),
    cameraPublished(track) {
      if (stopped) return;
      void serially(async () => {
        if (!sameVideoEffect(applied, store.getSnapshot().video)) await applyTo(track);
      });
    },
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}

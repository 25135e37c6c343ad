/**
 * The effects store: the chosen background effect and audio processing, remembered in `localStorage`
 * like device choices, with the state of the effect where it is applied (preview or call), as a small
 * subscribe/getSnapshot store. React-free and SSR-safe.
 *
 * @packageDocumentation
 */
import { addListener } from '../listeners.js';
import { videoEffectsSupported } from './background-processor.js';
import { browserStorage } from './device-choices.js';
import type { StorageLike } from './devices.js';
import {
  type AudioProcessing,
  AudioProcessingSchema,
  DEFAULT_AUDIO_PROCESSING,
  DEFAULT_EFFECTS_ASSETS,
  type EffectsAssets,
  EffectsAssetsSchema,
  parseAudioProcessing,
  parseVideoEffect,
  sameVideoEffect,
  type VideoEffect,
  VideoEffectSchema,
} from './effects.js';
import { MediaSessionError } from './errors.js';

/** Where a background effect stands: none chosen, chosen (not running anywhere yet), starting, running, or failed. */
export type VideoEffectStatus = 'off' | 'chosen' | 'loading' | 'on' | 'error';

/** Everything the UI reads from an effects store. */
export interface MediaEffectsSnapshot {
  /** The chosen background effect. */
  video: VideoEffect;
  /** The chosen audio processing. */
  audio: AudioProcessing;
  /** Whether this browser can run background effects. */
  videoSupported: boolean;
  /** The background effect's state where it is applied. */
  videoStatus: VideoEffectStatus;
  /** Why the effect failed (with `videoStatus: 'error'`). */
  videoError?: string;
}

/** What changed in an effects store. */
export type MediaEffectsChange = 'video' | 'audio';

/** Options of {@link createMediaEffects}. */
export interface MediaEffectsOptions {
  /** Where the segmentation model and wasm are served (default {@link DEFAULT_EFFECTS_ASSETS}). */
  assets?: Partial<EffectsAssets>;
  /** Defaults to `localStorage`; `null` remembers nothing. */
  storage?: StorageLike | null;
  /** Whether background effects can run (default: checked in the browser). */
  videoSupported?: boolean;
}

/** The chosen effects, remembered and observable. */
export interface MediaEffects {
  /** Where the segmentation model and wasm are served. */
  readonly assets: EffectsAssets;
  /** The current state; the same object until something changes. */
  getSnapshot(): MediaEffectsSnapshot;
  /** The state to render on the server (nothing chosen, nothing supported). */
  getServerSnapshot(): MediaEffectsSnapshot;
  /** Listen for changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Choose a background effect (remembered under `ringkit:effects:video`). */
  setVideoEffect(effect: VideoEffect): void;
  /** Turn audio processing switches on or off (remembered under `ringkit:effects:audio`). */
  setAudioProcessing(change: Partial<AudioProcessing>): void;
  /** Listen for choices (the ring client applies them mid-call); returns the unsubscribe function. */
  onChange(listener: (change: MediaEffectsChange) => void): () => void;
  /** The audio switches the user set (they win over a call's capture options; the rest keep the call's). */
  chosenAudio(): Partial<AudioProcessing>;
  /**
   * Record how applying the effect went (called by the preview and the ring client).
   *
   * @internal
   */
  reportVideo(status: Exclude<VideoEffectStatus, 'off' | 'chosen'>, error?: string): void;
}

/**
 * The `localStorage` key an effect choice is stored under.
 *
 * @example
 * ```ts
 * localStorage.getItem(effectsStorageKey('video')); // '{"type":"blur"}'
 * ```
 */
export function effectsStorageKey(change: MediaEffectsChange): string {
  return `ringkit:effects:${change}`;
}

const NONE: VideoEffect = Object.freeze({ type: 'none' });

const SERVER_SNAPSHOT: MediaEffectsSnapshot = Object.freeze<MediaEffectsSnapshot>({
  video: NONE,
  audio: DEFAULT_AUDIO_PROCESSING,
  videoSupported: false,
  videoStatus: 'off',
});

function readStored<T>(storage: StorageLike | null, change: MediaEffectsChange, parse: (value: unknown) => T | undefined): T | undefined {
  try {
    const stored = storage?.getItem(effectsStorageKey(change));
    return stored ? parse(JSON.parse(stored)) : undefined;
  } catch {
    return undefined; // unreadable or not JSON: nothing remembered
  }
}

function store(storage: StorageLike | null, change: MediaEffectsChange, value: unknown): void {
  try {
    storage?.setItem(effectsStorageKey(change), JSON.stringify(value));
  } catch {
    // storage full or blocked: the choice holds for this page only
  }
}

/**
 * Create an effects store. Use one per page (the ring client holds one as `client.effects`;
 * {@link getDefaultMediaEffects} serves pages without a client).
 *
 * @example
 * ```ts
 * const effects = createMediaEffects({ assets: { wasmPath: '/mediapipe/wasm', modelPath: '/mediapipe/selfie_segmenter.tflite' } });
 * effects.setVideoEffect({ type: 'blur' });
 * effects.setAudioProcessing({ noiseSuppression: false });
 * ```
 */
export function createMediaEffects(options: MediaEffectsOptions = {}): MediaEffects {
  const assets = EffectsAssetsSchema.safeParse({ ...DEFAULT_EFFECTS_ASSETS, ...options.assets });
  if (!assets.success) throw new MediaSessionError('invalid-argument', 'Effects assets need a wasmPath and a modelPath of 1 to 2048 characters');
  const listeners = new Set<() => void>();
  const changeListeners = new Set<(change: MediaEffectsChange) => void>();
  let storage: StorageLike | null | undefined;
  let snapshot: MediaEffectsSnapshot | undefined;
  let chosenAudio: Partial<AudioProcessing> = {};

  function env(): StorageLike | null {
    if (storage === undefined) storage = options.storage === undefined ? browserStorage() : options.storage;
    return storage;
  }

  function initial(): MediaEffectsSnapshot {
    const video = readStored(env(), 'video', (value) => {
      const parsed = VideoEffectSchema.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    });
    const audio = readStored(env(), 'audio', (value) => {
      const parsed = AudioProcessingSchema.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    });
    const chosen = video ?? NONE;
    chosenAudio = { ...audio };
    return {
      video: chosen,
      audio: { ...DEFAULT_AUDIO_PROCESSING, ...audio },
      videoSupported: options.videoSupported ?? videoEffectsSupported(),
      videoStatus: chosen.type === 'none' ? 'off' : 'chosen',
    };
  }

  function getSnapshot(): MediaEffectsSnapshot {
    return (snapshot ??= initial());
  }

  function set(next: MediaEffectsSnapshot, change?: MediaEffectsChange): void {
    snapshot = next;
    for (const listener of [...listeners]) listener();
    if (change) for (const listener of [...changeListeners]) listener(change);
  }

  return {
    assets: assets.data,
    getSnapshot,
    getServerSnapshot: () => SERVER_SNAPSHOT,
    subscribe: (listener) => addListener(listeners, listener),
    setVideoEffect(effect) {
      const video = parseVideoEffect(effect);
      const current = getSnapshot();
      if (sameVideoEffect(current.video, video)) return;
      store(env(), 'video', video);
      const { videoError: _dropped, ...rest } = current;
      set({ ...rest, video, videoStatus: video.type === 'none' ? 'off' : 'chosen' }, 'video');
    },
    setAudioProcessing(change) {
      const parsed = parseAudioProcessing(change);
      const current = getSnapshot();
      const audio = { ...current.audio, ...parsed };
      if ((Object.keys(audio) as Array<keyof AudioProcessing>).every((key) => audio[key] === current.audio[key])) return;
      chosenAudio = { ...chosenAudio, ...parsed };
      store(env(), 'audio', chosenAudio);
      set({ ...current, audio }, 'audio');
    },
    onChange: (listener) => addListener(changeListeners, listener),
    chosenAudio() {
      getSnapshot();
      return { ...chosenAudio };
    },
    reportVideo(status, error) {
      const current = getSnapshot();
      if (current.video.type === 'none') return;
      if (current.videoStatus === status && current.videoError === error) return;
      const { videoError: _dropped, ...rest } = current;
      set(status === 'error' && error ? { ...rest, videoStatus: status, videoError: error } : { ...rest, videoStatus: status });
    },
  };
}

let defaultEffects: MediaEffects | undefined;

/**
 * The page's shared effects store, created on first call (for hooks used outside a `<RingProvider>`).
 *
 * @example
 * ```ts
 * getDefaultMediaEffects().setVideoEffect({ type: 'blur' });
 * ```
 */
export function getDefaultMediaEffects(): MediaEffects {
  return (defaultEffects ??= createMediaEffects());
}

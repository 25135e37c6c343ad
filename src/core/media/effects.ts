/**
 * Noise and background filters: the choices (a background effect for the camera, the browser's
 * audio processing switches for the microphone), where the segmentation files are served from, and
 * their checks. React-free; nothing here loads `@livekit/track-processors`.
 *
 * @packageDocumentation
 */
import * as z from 'zod/mini';
import { MediaSessionError } from './errors.js';

/**
 * What to do with the camera's background: nothing, blur it, or replace it with an image.
 * Image URLs should be on the app's own origin (they are fetched with CORS).
 *
 * @example
 * ```ts
 * const effect: VideoEffect = { type: 'blur', radius: 10 };
 * ```
 */
export type VideoEffect = { type: 'none' } | { type: 'blur'; radius?: number } | { type: 'image'; url: string };

/** The kind of a {@link VideoEffect}. */
export type VideoEffectType = VideoEffect['type'];

/**
 * The browser's audio processing of the microphone (each on by default).
 *
 * @example
 * ```ts
 * const processing: AudioProcessing = { noiseSuppression: true, echoCancellation: true, autoGainControl: false };
 * ```
 */
export interface AudioProcessing {
  /** Suppress background noise. */
  noiseSuppression: boolean;
  /** Cancel the echo of the speaker's sound. */
  echoCancellation: boolean;
  /** Even out the microphone level. */
  autoGainControl: boolean;
}

/**
 * Where the background effects' files are served from: the app's own origin, never a CDN.
 * `wasmPath` is a folder with the files of `@mediapipe/tasks-vision/wasm`; `modelPath` a selfie
 * segmentation model for MediaPipe's Tasks `ImageSegmenter` (a `.tflite` with TFLite metadata).
 *
 * @example
 * ```ts
 * const assets: EffectsAssets = { wasmPath: '/assets/mediapipe/wasm', modelPath: '/assets/mediapipe/selfie_segmenter.tflite' };
 * ```
 */
export interface EffectsAssets {
  /** Folder of `vision_wasm_internal.js/.wasm` (and the `nosimd` pair). */
  wasmPath: string;
  /** The segmentation model file. */
  modelPath: string;
}

/**
 * The asset paths used when none are configured: same origin, under `/ringkit/effects/`.
 *
 * @example
 * ```ts
 * DEFAULT_EFFECTS_ASSETS.modelPath; // '/ringkit/effects/selfie_segmenter.tflite'
 * ```
 */
export const DEFAULT_EFFECTS_ASSETS: Readonly<EffectsAssets> = Object.freeze({
  wasmPath: '/ringkit/effects/wasm',
  modelPath: '/ringkit/effects/selfie_segmenter.tflite',
});

/**
 * Audio processing when nothing was chosen: all on, as browsers do.
 *
 * @example
 * ```ts
 * DEFAULT_AUDIO_PROCESSING.noiseSuppression; // true
 * ```
 */
export const DEFAULT_AUDIO_PROCESSING: Readonly<AudioProcessing> = Object.freeze({
  noiseSuppression: true,
  echoCancellation: true,
  autoGainControl: true,
});

/** The blur radius used when a blur effect names none. */
export const DEFAULT_BLUR_RADIUS = 10;

const PathSchema = z.string().check(z.minLength(1), z.maxLength(2048));

/**
 * Schema of {@link VideoEffect}.
 *
 * @example
 * ```ts
 * VideoEffectSchema.safeParse({ type: 'blur', radius: 12 }).success; // true
 * ```
 */
export const VideoEffectSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('blur'), radius: z.optional(z.number().check(z.positive(), z.lte(100))) }),
  z.strictObject({ type: z.literal('image'), url: PathSchema }),
]);

/**
 * Schema of a partial {@link AudioProcessing}.
 *
 * @example
 * ```ts
 * AudioProcessingSchema.safeParse({ noiseSuppression: false }).success; // true
 * ```
 */
export const AudioProcessingSchema = z.strictObject({
  noiseSuppression: z.optional(z.boolean()),
  echoCancellation: z.optional(z.boolean()),
  autoGainControl: z.optional(z.boolean()),
});

/**
 * Schema of {@link EffectsAssets}.
 *
 * @example
 * ```ts
 * EffectsAssetsSchema.safeParse({ wasmPath: '/wasm', modelPath: '/model.tflite' }).success; // true
 * ```
 */
export const EffectsAssetsSchema = z.strictObject({ wasmPath: PathSchema, modelPath: PathSchema });

function check<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new MediaSessionError('invalid-argument', `Invalid ${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}

/**
 * Check a video effect; bad input throws an `invalid-argument` `MediaSessionError`.
 *
 * @example
 * ```ts
 * const effect = parseVideoEffect({ type: 'image', url: '/backgrounds/office.jpg' });
 * ```
 */
export function parseVideoEffect(value: unknown): VideoEffect {
  return check(VideoEffectSchema, value, 'video effect');
}

/**
 * Check (partial) audio processing switches; bad input throws an `invalid-argument` `MediaSessionError`.
 *
 * @example
 * ```ts
 * const change = parseAudioProcessing({ noiseSuppression: false });
 * ```
 */
export function parseAudioProcessing(value: unknown): Partial<AudioProcessing> {
  return check(AudioProcessingSchema, value, 'audio processing');
}

/**
 * Whether two effects do the same thing.
 *
 * @example
 * ```ts
 * sameVideoEffect({ type: 'blur' }, { type: 'blur', radius: 10 }); // true
 * ```
 */
export function sameVideoEffect(a: VideoEffect, b: VideoEffect): boolean {
  if (a.type === 'blur' && b.type === 'blur') return (a.radius ?? DEFAULT_BLUR_RADIUS) === (b.radius ?? DEFAULT_BLUR_RADIUS);
  if (a.type === 'image' && b.type === 'image') return a.url === b.url;
  return a.type === b.type;
}

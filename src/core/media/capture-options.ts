/**
 * Validation of {@link CaptureOptions}: bad ones reject with a typed error
 * instead of reaching the browser.
 *
 * @packageDocumentation
 */
import * as z from 'zod/mini';
import { MediaSessionError } from './errors.js';
import type { CaptureOptions } from './types.js';

const DeviceIdSchema = z.string().check(z.minLength(1), z.maxLength(512));

/**
 * Schema of {@link CaptureOptions}: every field optional, unknown fields refused.
 *
 * @example
 * ```ts
 * CaptureOptionsSchema.safeParse({ resolution: '480p' }).success; // true
 * ```
 */
export const CaptureOptionsSchema = z.strictObject({
  resolution: z.optional(z.enum(['360p', '480p', '720p', '1080p'])),
  maxFrameRate: z.optional(z.number().check(z.positive(), z.lte(120))),
  echoCancellation: z.optional(z.boolean()),
  noiseSuppression: z.optional(z.boolean()),
  autoGainControl: z.optional(z.boolean()),
  deviceIds: z.optional(
    z.strictObject({
      audioinput: z.optional(DeviceIdSchema),
      videoinput: z.optional(DeviceIdSchema),
      audiooutput: z.optional(DeviceIdSchema),
    }),
  ),
});

/**
 * Check capture options; bad ones reject with an `invalid-argument`
 * {@link MediaSessionError} instead of reaching the browser.
 *
 * @example
 * ```ts
 * const capture = parseCaptureOptions({ resolution: '480p', maxFrameRate: 24 });
 * ```
 */
export function parseCaptureOptions(value: unknown): CaptureOptions {
  if (value === undefined) return {};
  const result = CaptureOptionsSchema.safeParse(value);
  if (!result.success) {
    throw new MediaSessionError('invalid-argument', `Invalid capture options: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/**
 * @internal Checking the options of a pre-call check: bad input throws a
 * {@link TypeError} before anything is opened (the client turns it into an
 * `invalid-argument` `RingError`).
 *
 * @packageDocumentation
 */
import { PRE_CALL_CHECK_STEPS, type PreCallCheckOptions, type PreCallCheckStep } from './types.js';

/** Default longest time per step (ms). */
export const PRE_CALL_CHECK_TIMEOUTS: Readonly<Record<PreCallCheckStep, number>> = {
  permissions: 30_000,
  microphone: 6_000,
  camera: 6_000,
  signaling: 5_000,
  'media-server': 15_000,
};

/** Default microphone level that counts as sound (RMS). */
export const DEFAULT_MIC_THRESHOLD = 0.01;

/** Options with their defaults filled in. */
export interface CheckSettings {
  audio: boolean;
  video: boolean;
  deviceIds: { audioinput?: string; videoinput?: string };
  timeouts: Record<PreCallCheckStep, number>;
  micThreshold: number;
}

const isDeviceId = (value: unknown) => value === undefined || (typeof value === 'string' && value.length > 0 && value.length <= 512);

function invalid(message: string): never {
  throw new TypeError(message);
}

/**
 * @internal Check a pre-call check's options and fill in the defaults.
 *
 * @example
 * ```ts
 * const settings = checkOptions({ video: false }, chosenDevices);
 * ```
 */
export function checkOptions(options: PreCallCheckOptions, chosen: { audioinput?: string; videoinput?: string }): CheckSettings {
  if (typeof options !== 'object' || options === null) invalid('preCallCheck options must be an object');
  for (const key of ['audio', 'video'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean') invalid(`${key} must be true or false`);
  }
  const ids = options.deviceIds ?? {};
  if (!isDeviceId(ids.audioinput) || !isDeviceId(ids.videoinput)) invalid('deviceIds must be device ids (1 to 512 characters)');
  const timeouts = { ...PRE_CALL_CHECK_TIMEOUTS };
  for (const [step, ms] of Object.entries(options.timeouts ?? {})) {
    if (!(PRE_CALL_CHECK_STEPS as readonly string[]).includes(step)) invalid(`unknown step '${step}' in timeouts`);
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > 120_000) invalid('timeouts must be 1 to 120 000 ms');
    timeouts[step as PreCallCheckStep] = ms;
  }
  const micThreshold = options.micThreshold ?? DEFAULT_MIC_THRESHOLD;
  if (typeof micThreshold !== 'number' || !(micThreshold > 0 && micThreshold <= 1)) invalid('micThreshold must be above 0 and at most 1');
  if (options.onUpdate !== undefined && typeof options.onUpdate !== 'function') invalid('onUpdate must be a function');
  if (options.signal !== undefined && typeof options.signal?.addEventListener !== 'function') invalid('signal must be an AbortSignal');
  return {
    audio: options.audio ?? true,
    video: options.video ?? true,
    deviceIds: { audioinput: ids.audioinput ?? chosen.audioinput, videoinput: ids.videoinput ?? chosen.videoinput },
    timeouts,
    micThreshold,
  };
}

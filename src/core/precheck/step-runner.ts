/**
 * @internal Running one step of a pre-call check: bounded by its timeout and
 * by the check's abort signal, with every failure turned into a typed
 * {@link PreCallCheckError}.
 *
 * @packageDocumentation
 */
import { isRingError } from '../errors.js';
import { MediaSessionError, toMediaDeviceError } from '../media/errors.js';
import type { DeviceKind } from '../media/types.js';
import type { PreCallCheckError, PreCallCheckErrorCode } from './types.js';

/**
 * @internal A step's own failure, with its code.
 *
 * @example
 * ```ts
 * throw new StepFailure('no-signal', 'No sound reached the microphone.');
 * ```
 */
export class StepFailure extends Error {
  readonly code: PreCallCheckErrorCode;
  readonly kind: PreCallCheckError['kind'];

  constructor(code: PreCallCheckErrorCode, message: string, kind?: PreCallCheckError['kind']) {
    super(message);
    this.name = 'StepFailure';
    this.code = code;
    this.kind = kind;
  }
}

/**
 * @internal Turn anything a step threw into its typed error (`device` is the kind a `getUserMedia` failure concerns).
 *
 * @example
 * ```ts
 * toCheckError(new DOMException('denied', 'NotAllowedError'), 'audioinput'); // { code: 'permission-denied', ... }
 * ```
 */
export function toCheckError(error: unknown, device?: DeviceKind): PreCallCheckError {
  if (error instanceof StepFailure) return { code: error.code, message: error.message, ...(error.kind ? { kind: error.kind } : {}) };
  if (isRingError(error)) return { code: error.code, message: error.message };
  if (error instanceof MediaSessionError) {
    if (error.device) return { code: error.device.code, message: error.device.message };
    if (error.code !== 'device') return { code: error.code, message: error.message };
  }
  if (device === 'audioinput' || device === 'videoinput') {
    const { code, message } = toMediaDeviceError(error, device);
    return { code, message, kind: device };
  }
  return { code: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

/**
 * @internal Run `work` with a signal that aborts when the check is cancelled or `timeoutMs` passes;
 * rejects with `late()` at the timeout, with the check's reason when cancelled.
 *
 * @example
 * ```ts
 * const rtt = await bounded(check.signal, 5_000, () => new StepFailure('timeout', 'No answer'), (signal) => ping(signal));
 * ```
 */
export function bounded<T>(parent: AbortSignal, timeoutMs: number, late: () => StepFailure, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', cancel);
    };
    const cancel = () => {
      finish();
      controller.abort(parent.reason);
      reject(parent.reason);
    };
    const timer = setTimeout(() => {
      finish();
      const failure = late();
      controller.abort(failure);
      reject(failure);
    }, timeoutMs);
    if (parent.aborted) return cancel();
    parent.addEventListener('abort', cancel);
    work(controller.signal).then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error);
      },
    );
  });
}

/**
 * @internal Resolve after `ms`, or reject with the signal's reason when it aborts first.
 *
 * @example
 * ```ts
 * await pause(500, signal);
 * ```
 */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      signal.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop);
  });
}

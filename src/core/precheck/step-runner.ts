/**
 * @internal Running one step of a pre-call check: bounded by its timeout and
 * by the check's abort signal, with every failure turned into a typed
 * {@link PreCallCheckError}. The check's chunk imports nothing the page
 * already loads (a shared module would be split into a chunk of its own):
 * ringkit's errors are told apart by name.
 *
 * @packageDocumentation
 */
import type { MediaDeviceError } from '../media/types.js';
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

/** The fields of a `RingError`, `MediaSessionError` or {@link StepFailure}. */
interface NamedError {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  kind?: unknown;
  device?: MediaDeviceError;
}

const DEVICE_KINDS: readonly unknown[] = ['audioinput', 'videoinput'];
const withKind = (kind: unknown) => (DEVICE_KINDS.includes(kind) ? { kind: kind as 'audioinput' | 'videoinput' } : {});

/**
 * @internal Turn anything a step threw into its typed error: a step's own failure, a `RingError`
 * (a refused request), a `MediaSessionError` (a failed join or device), or `unknown`.
 *
 * @example
 * ```ts
 * toCheckError(new StepFailure('no-signal', 'silent', 'audioinput')); // { code: 'no-signal', message: 'silent', kind: 'audioinput' }
 * ```
 */
export function toCheckError(error: unknown): PreCallCheckError {
  const named = (typeof error === 'object' && error !== null ? error : {}) as NamedError;
  const message = typeof named.message === 'string' ? named.message : String(error);
  if (named.name === 'MediaSessionError' && named.device) return { code: named.device.code, message: named.device.message, ...withKind(named.device.kind) };
  if (['StepFailure', 'RingError', 'MediaSessionError'].includes(String(named.name)) && typeof named.code === 'string') {
    return { code: named.code as PreCallCheckErrorCode, message, ...withKind(named.kind) };
  }
  return { code: 'unknown', message };
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

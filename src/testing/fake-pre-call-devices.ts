/**
 * Fake devices for a pre-call check where there is no browser (Node,
 * happy-dom): a `getUserMedia` that grants or refuses like a browser, and
 * meters that hear a level and count frames on a short timer (or, when told,
 * never do). Every track it hands out and stops is recorded.
 *
 * @packageDocumentation
 */
import type { PreCallMeters } from '../core/precheck/types.js';
import type { FakeDeviceFailure } from './fake-media.js';

/** Options of {@link createFakePreCallDevices}. */
export interface FakePreCallDevicesOptions {
  /** Refuse the microphone and/or camera like `getUserMedia` would (a code for both, or for one kind). */
  failWith?: FakeDeviceFailure;
  /** The microphone hears nothing (the microphone step times out with `no-signal`). */
  silent?: boolean;
  /** The camera sends no frames (the camera step times out with `no-signal`). */
  frozen?: boolean;
  /** The level the microphone hears (default 0.3). */
  level?: number;
  /** Time before the level is heard and the frames arrive (ms, default 10). */
  delayMs?: number;
}

/** Fake devices plus what happened to their tracks. */
export interface FakePreCallDevices {
  /** Pass as `preCallCheck({ mediaDevices })`. */
  mediaDevices: Pick<MediaDevices, 'getUserMedia'>;
  /** Pass as `preCallCheck({ meters })`. */
  meters: PreCallMeters;
  /** Kinds of the tracks handed out, in order. */
  readonly opened: Array<'audio' | 'video'>;
  /** Kinds of the tracks stopped, in order. */
  readonly stopped: Array<'audio' | 'video'>;
}

const NAME_BY_CODE = {
  'permission-denied': 'NotAllowedError',
  'not-found': 'NotFoundError',
  'in-use': 'NotReadableError',
  overconstrained: 'OverconstrainedError',
  unsupported: 'NotSupportedError',
  unknown: 'UnknownError',
} as const;

function afterDelay<T>(ms: number, signal: AbortSignal, value: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => resolve(value()), ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/** A measure that never succeeds: it waits for the check to give up. */
function never<T>(signal: AbortSignal): Promise<T> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * Make fake devices for `client.preCallCheck()`.
 *
 * @example
 * ```ts
 * const fake = createFakePreCallDevices({ failWith: { code: 'permission-denied', kind: 'videoinput' } });
 * const report = await client.preCallCheck({ mediaDevices: fake.mediaDevices, meters: fake.meters });
 * report.steps[0].error?.code; // 'permission-denied'
 * ```
 */
export function createFakePreCallDevices(options: FakePreCallDevicesOptions = {}): FakePreCallDevices {
  const delayMs = options.delayMs ?? 10;
  const opened: Array<'audio' | 'video'> = [];
  const stopped: Array<'audio' | 'video'> = [];

  function refusal(kind: 'audioinput' | 'videoinput'): Error | undefined {
    const failure = options.failWith;
    if (!failure) return undefined;
    const spec = typeof failure === 'string' ? { code: failure, kind } : failure;
    if (spec.kind !== kind) return undefined;
    const error = new Error(`${kind} refused (fake)`);
    error.name = NAME_BY_CODE[spec.code];
    return error;
  }

  function track(kind: 'audio' | 'video'): MediaStreamTrack {
    opened.push(kind);
    let state: MediaStreamTrackState = 'live';
    const fake = {
      kind,
      get readyState() {
        return state;
      },
      stop() {
        if (state === 'ended') return;
        state = 'ended';
        stopped.push(kind);
      },
      getSettings: () => (kind === 'video' ? { width: 640, height: 360 } : {}),
    };
    return fake as unknown as MediaStreamTrack;
  }

  const mediaDevices: Pick<MediaDevices, 'getUserMedia'> = {
    async getUserMedia(constraints) {
      const wanted = [constraints?.audio ? 'audioinput' : undefined, constraints?.video ? 'videoinput' : undefined] as const;
      for (const kind of wanted) {
        const error = kind && refusal(kind);
        if (error) throw error;
      }
      const tracks = [...(constraints?.audio ? [track('audio')] : []), ...(constraints?.video ? [track('video')] : [])];
      const stream = {
        getTracks: () => tracks,
        getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
        getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
      };
      return stream as unknown as MediaStream;
    },
  };

  const meters: PreCallMeters = {
    microphone(_track, { signal, onLevel }) {
      const level = options.level ?? 0.3;
      if (options.silent) return never(signal);
      return afterDelay(delayMs, signal, () => {
        onLevel(level);
        return level;
      });
    },
    camera(_track, { frames, signal }) {
      if (options.frozen) return never(signal);
      return afterDelay(delayMs, signal, () => ({ frames, width: 640, height: 360 }));
    },
  };

  return { mediaDevices, meters, opened, stopped };
}

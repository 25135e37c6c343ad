/**
 * Ringtone and ringback generated with Web Audio (no audio files), or played
 * from a URL the app gives.
 *
 * @packageDocumentation
 */

/**
 * Which sound: `ringtone` rings for the callee, `ringback` tells the caller the other side rings,
 * `waiting` is the call-waiting beep (a call rings during another call).
 */
export type ToneKind = 'ringtone' | 'ringback' | 'waiting';

/** A sound that can start and stop; stopping twice is safe. */
export interface TonePlayer {
  /** Start (or keep) playing, looping until {@link TonePlayer.stop}. */
  start(): void;
  /** Stop and release the audio resources. */
  stop(): void;
}

/** One burst of a tone pattern. */
interface Burst {
  /** Frequencies mixed together, in Hz. */
  frequencies: readonly number[];
  /** Offset from the cycle start, in seconds. */
  at: number;
  /** Length, in seconds. */
  length: number;
}

/** A repeating tone pattern. */
interface TonePattern {
  bursts: readonly Burst[];
  /** Cycle length in seconds. */
  period: number;
  /** Peak gain, 0..1. */
  volume: number;
}

/** Bright two-burst ring for the callee; the classic 440+480 Hz ringback for the caller; two short 440 Hz beeps for call waiting. */
const PATTERNS: Readonly<Record<ToneKind, TonePattern>> = {
  ringtone: {
    bursts: [
      { frequencies: [660, 880], at: 0, length: 0.4 },
      { frequencies: [660, 880], at: 0.6, length: 0.4 },
    ],
    period: 3,
    volume: 0.18,
  },
  ringback: { bursts: [{ frequencies: [440, 480], at: 0, length: 2 }], period: 6, volume: 0.1 },
  waiting: {
    bursts: [
      { frequencies: [440], at: 0, length: 0.2 },
      { frequencies: [440], at: 0.4, length: 0.2 },
    ],
    period: 5,
    volume: 0.12,
  },
};

type AudioContextConstructor = new () => AudioContext;

function findAudioContext(): AudioContextConstructor | undefined {
  const scope = globalThis as { AudioContext?: AudioContextConstructor; webkitAudioContext?: AudioContextConstructor };
  return scope.AudioContext ?? scope.webkitAudioContext;
}

/** Schedule one cycle of a pattern starting at `start` (AudioContext time). */
function scheduleCycle(context: AudioContext, destination: AudioNode, pattern: TonePattern, start: number): void {
  for (const burst of pattern.bursts) {
    const begin = start + burst.at;
    const end = begin + burst.length;
    const gain = context.createGain();
    gain.gain.setValueAtTime(0, begin);
    gain.gain.linearRampToValueAtTime(pattern.volume / burst.frequencies.length, begin + 0.02);
    gain.gain.setValueAtTime(pattern.volume / burst.frequencies.length, end - 0.03);
    gain.gain.linearRampToValueAtTime(0, end);
    gain.connect(destination);
    for (const frequency of burst.frequencies) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(begin);
      oscillator.stop(end);
      oscillator.onended = () => {
        oscillator.disconnect();
        gain.disconnect();
      };
    }
  }
}

/** A Web Audio tone; silent (never throws) where Web Audio is missing. */
function createSynthPlayer(kind: ToneKind): TonePlayer {
  const pattern = PATTERNS[kind];
  let context: AudioContext | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let nextCycle = 0;

  const scheduleAhead = () => {
    if (!context) return;
    while (nextCycle < context.currentTime + pattern.period) {
      scheduleCycle(context, context.destination, pattern, nextCycle);
      nextCycle += pattern.period;
    }
  };

  return {
    start() {
      if (context) return;
      const AudioContextClass = findAudioContext();
      if (!AudioContextClass) return;
      try {
        context = new AudioContextClass();
      } catch {
        return;
      }
      void context.resume().catch(() => undefined);
      nextCycle = context.currentTime + 0.05;
      scheduleAhead();
      timer = setInterval(scheduleAhead, (pattern.period * 1000) / 2);
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      const closing = context;
      context = undefined;
      if (closing) void closing.close().catch(() => undefined);
    },
  };
}

/** A looping `<audio>` from a URL; a refused autoplay stays silent. */
function createUrlPlayer(url: string): TonePlayer {
  let audio: HTMLAudioElement | undefined;
  return {
    start() {
      if (audio || typeof Audio === 'undefined') return;
      audio = new Audio(url);
      audio.loop = true;
      void audio.play().catch(() => undefined);
    },
    stop() {
      if (!audio) return;
      audio.pause();
      audio.removeAttribute('src');
      audio.load();
      audio = undefined;
    },
  };
}

/**
 * What to play: `true` (default) for the built-in Web Audio tone, `false` for silence,
 * or a URL of an audio file to loop instead.
 */
export type SoundSetting = boolean | string;

/**
 * Make the player for a sound setting.
 *
 * @example
 * ```ts
 * const ring = createTonePlayer('ringtone', true);
 * ring.start();
 * setTimeout(() => ring.stop(), 5000);
 * ```
 */
export function createTonePlayer(kind: ToneKind, setting: SoundSetting = true): TonePlayer {
  if (setting === false) return { start() {}, stop() {} };
  if (typeof setting === 'string') return createUrlPlayer(setting);
  return createSynthPlayer(kind);
}

/**
 * Synthetic media for the fake session: a moving canvas test pattern as a
 * video track and a beeping oscillator as an audio track. Both return
 * `undefined` where the browser APIs are missing (Node, happy-dom).
 *
 * @packageDocumentation
 */

/** A synthetic track and how to stop what feeds it. */
export interface SyntheticTrack {
  /** The track. */
  track: MediaStreamTrack;
  /** Stop the track and its timer or audio graph. Safe to call twice. */
  stop(): void;
}

/** Options of {@link createTestPatternTrack}. */
export interface TestPatternOptions {
  /** Text drawn on the pattern (a user id). */
  label: string;
  /** Pixels, default 640. */
  width?: number;
  /** Pixels, default 360. */
  height?: number;
  /** Frames per second, default 15. */
  frameRate?: number;
}

function hueOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}

/**
 * A moving test pattern (`canvas.captureStream`), or `undefined` without a canvas.
 *
 * @example
 * ```ts
 * const pattern = createTestPatternTrack({ label: 'bob' });
 * if (pattern) video.srcObject = new MediaStream([pattern.track]);
 * ```
 */
export function createTestPatternTrack(options: TestPatternOptions): SyntheticTrack | undefined {
  if (typeof document === 'undefined') return undefined;
  const { label, width = 640, height = 360, frameRate = 15 } = options;
  try {
    const canvas = document.createElement('canvas');
    if (typeof canvas.captureStream !== 'function') return undefined;
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) return undefined;
    const hue = hueOf(label);
    let frame = 0;
    const draw = () => {
      frame += 1;
      context.fillStyle = `hsl(${hue} 45% 30%)`;
      context.fillRect(0, 0, width, height);
      const bar = (frame * 8) % (width + 80);
      context.fillStyle = `hsl(${(hue + 180) % 360} 70% 60%)`;
      context.fillRect(bar - 80, 0, 80, height);
      context.fillStyle = '#fff';
      context.font = `${Math.round(height / 8)}px sans-serif`;
      context.textAlign = 'center';
      context.fillText(label, width / 2, height / 2);
      context.font = `${Math.round(height / 16)}px monospace`;
      context.fillText(`#${frame}`, width / 2, height / 2 + height / 8);
    };
    draw();
    const timer = setInterval(draw, 1000 / frameRate);
    const track = canvas.captureStream(frameRate).getVideoTracks()[0];
    if (!track) {
      clearInterval(timer);
      return undefined;
    }
    return {
      track,
      stop() {
        clearInterval(timer);
        track.stop();
      },
    };
  } catch {
    return undefined;
  }
}

/**
 * A quiet beep (a short tone every two seconds) from Web Audio, or `undefined` without it.
 *
 * @example
 * ```ts
 * const tone = createToneTrack(660);
 * tone?.stop();
 * ```
 */
export function createToneTrack(frequency = 440): SyntheticTrack | undefined {
  const AudioContextClass = typeof AudioContext === 'undefined' ? undefined : AudioContext;
  if (!AudioContextClass) return undefined;
  try {
    const audio = new AudioContextClass();
    if (typeof audio.createMediaStreamDestination !== 'function') {
      void audio.close();
      return undefined;
    }
    const oscillator = audio.createOscillator();
    oscillator.frequency.value = frequency;
    const gain = audio.createGain();
    gain.gain.value = 0;
    const destination = audio.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    const beep = () => {
      const now = audio.currentTime;
      gain.gain.setValueAtTime(0.05, now);
      gain.gain.setValueAtTime(0, now + 0.15);
    };
    beep();
    const timer = setInterval(beep, 2000);
    const track = destination.stream.getAudioTracks()[0];
    if (!track) {
      clearInterval(timer);
      void audio.close();
      return undefined;
    }
    let stopped = false;
    return {
      track,
      stop() {
        if (stopped) return;
        stopped = true;
        clearInterval(timer);
        track.stop();
        oscillator.stop();
        void audio.close();
      },
    };
  } catch {
    return undefined;
  }
}

/**
 * @internal The browser's measures for a pre-call check: a microphone's level
 * from a Web Audio analyser, and a camera's frames from video frame callbacks.
 * Each one closes everything it opened (audio context, video element, timers)
 * when it settles.
 *
 * @packageDocumentation
 */
import { pause, StepFailure } from './step-runner.js';
import type { PreCallMeters } from './types.js';

/** How often the analyser is read (ms). */
const LEVEL_EVERY_MS = 50;

/** RMS of one window of samples. */
function rms(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}

async function microphone(
  track: MediaStreamTrack,
  { threshold, signal, onLevel }: Parameters<PreCallMeters['microphone']>[1],
): Promise<number> {
  if (typeof AudioContext === 'undefined') throw new StepFailure('unsupported', 'This browser has no Web Audio to measure the microphone.', 'audioinput');
  const context = new AudioContext();
  try {
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    // Allowed once the page captures the microphone; the timeout reports a context that stays suspended.
    void context.resume().catch(() => undefined);
    const samples = new Float32Array(analyser.fftSize);
    let loudest = 0;
    for (;;) {
      await pause(LEVEL_EVERY_MS, signal);
      analyser.getFloatTimeDomainData(samples);
      const level = rms(samples);
      if (level > loudest) {
        loudest = level;
        onLevel(Math.min(1, loudest));
      }
      if (loudest >= threshold) return Math.min(1, loudest);
    }
  } finally {
    void context.close().catch(() => undefined);
  }
}

async function camera(track: MediaStreamTrack, { frames, signal }: Parameters<PreCallMeters['camera']>[1]): Promise<{ frames: number; width: number; height: number }> {
  if (typeof document === 'undefined') throw new StepFailure('unsupported', 'This environment has no video element to watch the camera.', 'videoinput');
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  let handle: number | undefined;
  let poll: ReturnType<typeof setTimeout> | undefined;
  try {
    await video.play();
    return await new Promise((resolve, reject) => {
      let seen = 0;
      let lastTime = -1;
      const counted = () => {
        seen += 1;
        if (seen >= frames) resolve({ frames: seen, width: video.videoWidth, height: video.videoHeight });
        else watch();
      };
      // Frame callbacks where the browser has them; otherwise a frame is a new media time with a size.
      const watch = () => {
        if (typeof video.requestVideoFrameCallback === 'function') {
          handle = video.requestVideoFrameCallback(counted);
          return;
        }
        poll = setTimeout(() => {
          if (video.videoWidth > 0 && video.currentTime !== lastTime) {
            lastTime = video.currentTime;
            counted();
          } else watch();
        }, 1000 / 30);
      };
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      watch();
    });
  } finally {
    if (handle !== undefined) video.cancelVideoFrameCallback(handle);
    clearTimeout(poll);
    video.pause();
    video.srcObject = null;
  }
}

/**
 * @internal The default meters: Web Audio and video frame callbacks.
 *
 * @example
 * ```ts
 * const level = await browserMeters.microphone(track, { threshold: 0.01, signal, onLevel: show });
 * ```
 */
export const browserMeters: PreCallMeters = { microphone, camera };

/**
 * The pre-call check's browser meters in Chromium, on its fake devices (a beeping microphone, a
 * moving camera pattern): they measure for real, a silent microphone is not heard, and every
 * audio context and video element they open is closed again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { browserMeters } from '../../src/core/precheck/browser-meters.js';
import { bounded, StepFailure } from '../../src/core/precheck/step-runner.js';

const Original = window.AudioContext;
const contexts: AudioContext[] = [];
window.AudioContext = class extends Original {
  constructor(options?: AudioContextOptions) {
    super(options);
    contexts.push(this);
  }
};

let stream: MediaStream | undefined;
afterEach(() => {
  for (const track of stream?.getTracks() ?? []) track.stop();
  stream = undefined;
  contexts.length = 0;
});

async function capture(constraints: MediaStreamConstraints): Promise<MediaStream> {
  stream = await navigator.mediaDevices.getUserMedia(constraints);
  return stream;
}

/** Wait (bounded) until every audio context the meter made is closed. */
async function expectContextsClosed(): Promise<void> {
  await expect.poll(() => contexts.map((context) => context.state), { timeout: 5_000 }).toEqual(contexts.map(() => 'closed'));
}

describe('pre-call check meters in Chromium', () => {
  it('hears the fake microphone, reports rising levels, and closes its audio context', async () => {
    const [track] = (await capture({ audio: true })).getAudioTracks();
    if (!track) throw new Error('no microphone');
    const levels: number[] = [];
    const signal = new AbortController().signal;
    const level = await bounded(signal, 10_000, () => new StepFailure('no-signal', 'silent'), (stepSignal) =>
      browserMeters.microphone(track, { threshold: 0.01, signal: stepSignal, onLevel: (value) => levels.push(value) }),
    );
    expect(level).toBeGreaterThanOrEqual(0.01);
    expect(levels.at(-1)).toBe(level);
    expect([...levels].sort((a, b) => a - b)).toEqual(levels);
    expect(contexts).toHaveLength(1);
    await expectContextsClosed();
    expect(track.readyState).toBe('live');
  });

  it('a muted microphone is silent: no-signal at the timeout, and the audio context is closed', async () => {
    const [track] = (await capture({ audio: true })).getAudioTracks();
    if (!track) throw new Error('no microphone');
    track.enabled = false;
    const failure = await bounded(new AbortController().signal, 1_500, () => new StepFailure('no-signal', 'silent', 'audioinput'), (stepSignal) =>
      browserMeters.microphone(track, { threshold: 0.01, signal: stepSignal, onLevel: () => undefined }),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StepFailure);
    expect((failure as StepFailure).code).toBe('no-signal');
    await expectContextsClosed();
  });

  it('counts frames of the fake camera with their size, and lets go of the video', async () => {
    const [track] = (await capture({ video: { width: 640, height: 360 } })).getVideoTracks();
    if (!track) throw new Error('no camera');
    const frames = await bounded(new AbortController().signal, 10_000, () => new StepFailure('no-signal', 'frozen'), (stepSignal) =>
      browserMeters.camera(track, { frames: 5, signal: stepSignal }),
    );
    expect(frames).toEqual({ frames: 5, width: 640, height: 360 });
    expect(track.readyState).toBe('live');
  });

  it('a stopped camera sends no frames: no-signal at the timeout', async () => {
    const [track] = (await capture({ video: true })).getVideoTracks();
    if (!track) throw new Error('no camera');
    track.stop();
    const failure = await bounded(new AbortController().signal, 1_500, () => new StepFailure('no-signal', 'frozen', 'videoinput'), (stepSignal) =>
      browserMeters.camera(track, { frames: 5, signal: stepSignal }),
    ).catch((error: unknown) => error);
    expect((failure as StepFailure).code).toBe('no-signal');
  });
});

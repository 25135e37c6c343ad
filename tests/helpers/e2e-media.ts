import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import type { RemoteAudioSample, RemoteVideoSample, SentTrackSample } from './e2e-page-probes.js';

/** Frames a playing remote video must present per sampling window (about 1 s). */
const PLAYING_MIN_FRAMES = 5;
/** At most this many frames per window still count as "stopped" (a last frame may land late). */
const STOPPED_MAX_FRAMES = 1;
/** RMS level above which a remote audio track counts as carrying sound. */
const AUDIO_ENERGY_THRESHOLD = 0.01;

function remoteVideos(page: Page): Promise<RemoteVideoSample[]> {
  return page.evaluate(() => window.__rkProbe?.remoteVideos() ?? []);
}

function remoteAudio(page: Page): Promise<RemoteAudioSample[]> {
  return page.evaluate(() => window.__rkProbe?.remoteAudio() ?? []);
}

/** Frames each remote video track presented between two samples. */
async function framesPerTrack(page: Page, windowMs: number): Promise<Map<string, { frames: number; width: number }>> {
  const before = new Map((await remoteVideos(page)).map((sample) => [sample.trackId, sample.frames]));
  await sleep(windowMs);
  const advanced = new Map<string, { frames: number; width: number }>();
  for (const sample of await remoteVideos(page)) {
    const frames = sample.frames - (before.get(sample.trackId) ?? sample.frames);
    const seen = advanced.get(sample.trackId);
    // One track may be shown by several <video> elements: keep the best of them.
    advanced.set(sample.trackId, {
      frames: Math.max(frames, seen?.frames ?? 0),
      width: Math.max(sample.videoWidth, seen?.width ?? 0),
    });
  }
  return advanced;
}

function describe(samples: Map<string, { frames: number; width: number }>): string {
  const parts = [...samples].map(([id, { frames, width }]) => `${id.slice(0, 8)}: ${frames} frames, width ${width}`);
  return parts.length ? parts.join('; ') : 'no remote <video> element';
}

/**
 * Waits until at least `tracks` remote videos really play: `videoWidth > 0` and the
 * `requestVideoFrameCallback` count keeps increasing (by `minFrames` within `windowMs`: by default
 * 5 frames a second; slow producers, such as background effects rendered without a GPU, ask for fewer).
 *
 * @example
 * ```ts
 * await expectRemoteVideoPlaying(alice.page);
 * ```
 */
export async function expectRemoteVideoPlaying(
  page: Page,
  { tracks = 1, timeoutMs = 20_000, minFrames = PLAYING_MIN_FRAMES, windowMs = 1_000 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = new Map<string, { frames: number; width: number }>();
  while (Date.now() < deadline) {
    last = await framesPerTrack(page, windowMs);
    const playing = [...last.values()].filter((video) => video.width > 0 && video.frames >= minFrames);
    if (playing.length >= tracks) return;
  }
  throw new Error(`expected ${tracks} playing remote video(s) within ${timeoutMs} ms; last: ${describe(last)}`);
}

/**
 * Waits until no remote video presents new frames (camera off, or the video is gone).
 *
 * @example
 * ```ts
 * await expectRemoteVideoStopped(bob.page);
 * ```
 */
export async function expectRemoteVideoStopped(page: Page, { timeoutMs = 15_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = new Map<string, { frames: number; width: number }>();
  while (Date.now() < deadline) {
    last = await framesPerTrack(page, 1_500);
    if ([...last.values()].every((video) => video.frames <= STOPPED_MAX_FRAMES)) return;
  }
  throw new Error(`expected remote video to stop within ${timeoutMs} ms; last: ${describe(last)}`);
}

/**
 * Waits until at least `tracks` remote audio tracks carry sound (Web Audio analyser level).
 *
 * @example
 * ```ts
 * await expectRemoteAudioEnergy(bob.page);
 * ```
 */
export async function expectRemoteAudioEnergy(page: Page, { tracks = 1, timeoutMs = 20_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const loud = new Set<string>();
  let last: RemoteAudioSample[] = [];
  while (Date.now() < deadline) {
    await sleep(300);
    last = await remoteAudio(page);
    for (const sample of last) if (sample.peak > AUDIO_ENERGY_THRESHOLD) loud.add(sample.trackId);
    if (loud.size >= tracks) return;
  }
  const levels = last.map((sample) => `${sample.trackId.slice(0, 8)}: ${sample.peak.toFixed(4)}`).join('; ');
  throw new Error(`expected ${tracks} remote audio track(s) with energy within ${timeoutMs} ms; last: ${levels || 'none'}`);
}

/**
 * Waits until every remote audio track stays silent for a whole 1.5 s window (microphone muted).
 *
 * @example
 * ```ts
 * await expectRemoteAudioSilent(bob.page);
 * ```
 */
export async function expectRemoteAudioSilent(page: Page, { timeoutMs = 15_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let loudest = 0;
  while (Date.now() < deadline) {
    await remoteAudio(page);
    await sleep(1_500);
    loudest = Math.max(0, ...(await remoteAudio(page)).map((sample) => sample.peak));
    if (loudest <= AUDIO_ENERGY_THRESHOLD) return;
  }
  throw new Error(`expected remote audio to go silent within ${timeoutMs} ms; loudest level ${loudest.toFixed(4)}`);
}

/**
 * Labels of the camera and microphone tracks a page captured that are still live
 * (e.g. `fake_device_1`, `Fake Audio Input 1`).
 *
 * @example
 * ```ts
 * expect(await liveCaptureLabels(alice.page)).toContain('fake_device_1');
 * ```
 */
export function liveCaptureLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__rkProbe?.liveCaptureLabels() ?? []);
}

/**
 * The live tracks a page sends over WebRTC, with whether each is a captured device track.
 *
 * @example
 * ```ts
 * expect((await sentTracks(alice.page)).find((t) => t.kind === 'video')?.captured).toBe(false); // processed
 * ```
 */
export function sentTracks(page: Page): Promise<SentTrackSample[]> {
  return page.evaluate(() => window.__rkProbe?.sentTracks() ?? []);
}

/**
 * Every track a page ever handed to WebRTC to send, in order, with whether it was a captured device track.
 *
 * @example
 * ```ts
 * expect((await everSent(alice.page)).filter((t) => t.kind === 'video' && t.captured)).toEqual([]);
 * ```
 */
export function everSent(page: Page): Promise<Array<Pick<SentTrackSample, 'kind' | 'captured'>>> {
  return page.evaluate(() => window.__rkProbe?.everSent() ?? []);
}

/**
 * Wait until the page decodes no more video at all (inbound RTP of every peer connection,
 * shown or not): at most one frame in a 2 s window.
 *
 * @example
 * ```ts
 * await expectNoVideoReceived(bob.page); // Alice holds the call: nothing of her camera arrives
 * ```
 */
export async function expectNoVideoReceived(page: Page, { timeoutMs = 15_000 } = {}): Promise<void> {
  const frames = () => page.evaluate(() => window.__rkProbe?.inboundVideoFrames() ?? Promise.resolve(0));
  const deadline = Date.now() + timeoutMs;
  let decoded = 0;
  while (Date.now() < deadline) {
    const before = await frames();
    await sleep(2_000);
    decoded = (await frames()) - before;
    if (decoded <= STOPPED_MAX_FRAMES) return;
  }
  throw new Error(`expected no video frames to arrive within ${timeoutMs} ms; last window decoded ${decoded}`);
}

/**
 * In-page probe: the wall-clock time (ms since epoch, sub-millisecond) at which each remote video
 * track presents its first frame in any `<video>` element, whatever code attached it.
 * Every benchmark page calls {@link installFirstFrameProbe} first; Node reads `window.__firstFrame`.
 *
 * @packageDocumentation
 */

/** What the probe exposes on `window.__firstFrame`. */
export interface FirstFrameProbe {
  /** Forgets earlier tracks: the next {@link FirstFrameProbe.wait} sees only tracks that present a frame after this. */
  reset(): void;
  /** Resolves with the time of the first remote video frame after the last reset, or rejects after `timeoutMs`. */
  wait(timeoutMs: number): Promise<number>;
  /** Wall-clock now, in the same clock as the frame times. */
  now(): number;
}

declare global {
  interface Window {
    __firstFrame?: FirstFrameProbe;
  }
}

const wallClock = () => performance.timeOrigin + performance.now();
const remoteTrackIds = new Set<string>();
const watched = new WeakSet<HTMLVideoElement>();
let firstFrames: number[] = [];
let seenTracks = new Set<string>();
let notify: (() => void) | undefined;

function recordRemoteTracks(): void {
  const Original = window.RTCPeerConnection;
  class ProbedPeerConnection extends Original {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      this.addEventListener('track', (event) => {
        if (event.track.kind === 'video') remoteTrackIds.add(event.track.id);
      });
    }
  }
  window.RTCPeerConnection = ProbedPeerConnection;
}

function remoteTrackOf(video: HTMLVideoElement): string | undefined {
  const stream = video.srcObject;
  if (!(stream instanceof MediaStream)) return undefined;
  return stream.getVideoTracks().find((track) => remoteTrackIds.has(track.id))?.id;
}

function watch(video: HTMLVideoElement): void {
  if (watched.has(video)) return;
  watched.add(video);
  const onFrame = (now: DOMHighResTimeStamp) => {
    const trackId = remoteTrackOf(video);
    if (trackId && !seenTracks.has(trackId)) {
      seenTracks.add(trackId);
      firstFrames.push(performance.timeOrigin + now);
      notify?.();
    }
    if (video.isConnected || video.srcObject) video.requestVideoFrameCallback(onFrame);
    else watched.delete(video);
  };
  video.requestVideoFrameCallback(onFrame);
}

function scan(): void {
  for (const video of document.querySelectorAll('video')) watch(video);
}

function watchNewVideos(): void {
  const descriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
  if (descriptor?.set && descriptor.get) {
    const { get, set } = descriptor;
    Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
      configurable: true,
      get,
      set(this: HTMLMediaElement, value: MediaProvider | null) {
        set.call(this, value);
        if (this instanceof HTMLVideoElement) watch(this);
      },
    });
  }
  new MutationObserver(scan).observe(document, { childList: true, subtree: true });
  window.setInterval(scan, 5);
}

/**
 * Installs the probe on `window.__firstFrame` (once). Call it before any media code runs.
 *
 * @example
 * ```ts
 * installFirstFrameProbe();
 * window.__firstFrame?.reset();
 * ```
 */
export function installFirstFrameProbe(): void {
  if (window.__firstFrame) return;
  recordRemoteTracks();
  watchNewVideos();
  window.__firstFrame = probe;
}

const probe: FirstFrameProbe = {
  reset() {
    firstFrames = [];
    seenTracks = new Set(remoteTrackIds);
  },
  wait(timeoutMs) {
    return new Promise((resolve, reject) => {
      const done = () => {
        const first = firstFrames[0];
        if (first === undefined) return false;
        window.clearTimeout(timer);
        notify = undefined;
        resolve(first);
        return true;
      };
      const timer = window.setTimeout(() => {
        notify = undefined;
        reject(new Error(`no remote video frame within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!done()) notify = () => void done();
    });
  },
  now: wallClock,
};

/**
 * In-page media probes, bundled by `e2e-browser.ts` and injected into every page before its own
 * scripts run. They see every track that arrives over WebRTC, whatever UI renders it, and expose
 * `window.__rkProbe` for the Node side (`e2e-media.ts`).
 *
 * @packageDocumentation
 */

/** One remote `<video>` element as the probe sees it. */
export interface RemoteVideoSample {
  trackId: string;
  videoWidth: number;
  /** Frames presented so far, counted with `requestVideoFrameCallback`. */
  frames: number;
}

/** Loudest level of one remote audio track since the previous read. */
export interface RemoteAudioSample {
  trackId: string;
  /** Highest RMS level (0..1) seen by an AnalyserNode since the previous read. */
  peak: number;
  muted: boolean;
}

/** What the probe exposes on `window.__rkProbe`. */
export interface PageProbe {
  remoteVideos(): RemoteVideoSample[];
  remoteAudio(): RemoteAudioSample[];
  /** Labels of the camera and microphone tracks this page captured that are still live. */
  liveCaptureLabels(): string[];
  /** The live tracks this page sends over WebRTC (`captured`: a camera/microphone track itself, not a processed one). */
  sentTracks(): SentTrackSample[];
  /** Every track this page ever handed to WebRTC to send (`addTrack`, `addTransceiver`, `replaceTrack`), in order. */
  everSent(): Array<Pick<SentTrackSample, 'kind' | 'captured'>>;
  /** Video frames this page decoded from every peer connection so far (inbound RTP, whether shown or not). */
  inboundVideoFrames(): Promise<number>;
}

/** One track a page sends. */
export interface SentTrackSample {
  kind: string;
  label: string;
  /** Whether it is a track `getUserMedia` returned (false for a processed track made from frames). */
  captured: boolean;
  /** Its audio processing settings (audio tracks). */
  noiseSuppression?: boolean;
  /** `true`, `false`, or the kind of cancellation (`'all'`, `'remote-only'`). */
  echoCancellation?: boolean | string;
  autoGainControl?: boolean;
}

declare global {
  interface Window {
    __rkProbe?: PageProbe;
  }
}

const remoteTracks = new Map<string, MediaStreamTrack>();
const connections: RTCPeerConnection[] = [];
const handedToSend: MediaStreamTrack[] = [];

function recordSentTracks(): void {
  const connection = window.RTCPeerConnection.prototype;
  const addTrack = connection.addTrack;
  connection.addTrack = function (this: RTCPeerConnection, track, ...streams) {
    handedToSend.push(track);
    return addTrack.call(this, track, ...streams);
  };
  const addTransceiver = connection.addTransceiver;
  connection.addTransceiver = function (this: RTCPeerConnection, trackOrKind, init) {
    if (typeof trackOrKind !== 'string') handedToSend.push(trackOrKind);
    return addTransceiver.call(this, trackOrKind, init);
  };
  const replaceTrack = RTCRtpSender.prototype.replaceTrack;
  RTCRtpSender.prototype.replaceTrack = function (this: RTCRtpSender, track) {
    if (track) handedToSend.push(track);
    return replaceTrack.call(this, track);
  };
}
const capturedTracks: MediaStreamTrack[] = [];
const frameCounts = new WeakMap<HTMLVideoElement, number>();
const audioMeters = new Map<string, { peak: number; stop: () => void }>();

function recordRemoteTracks(): void {
  const Original = window.RTCPeerConnection;
  class ProbedPeerConnection extends Original {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      this.addEventListener('track', (event) => remoteTracks.set(event.track.id, event.track));
      connections.push(this);
    }
  }
  window.RTCPeerConnection = ProbedPeerConnection;
}

function recordCapturedTracks(): void {
  const devices = navigator.mediaDevices;
  if (!devices) return;
  const original = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    capturedTracks.push(...stream.getTracks());
    return stream;
  };
}

function sentTracks(): SentTrackSample[] {
  const live = connections.filter((pc) => pc.connectionState !== 'closed');
  const tracks = live.flatMap((pc) => pc.getSenders().map((sender) => sender.track)).filter((track): track is MediaStreamTrack => track?.readyState === 'live');
  return tracks.map((track) => {
    const { noiseSuppression, echoCancellation, autoGainControl } = track.getSettings();
    const audio = track.kind === 'audio' ? { noiseSuppression, echoCancellation, autoGainControl } : {};
    return { kind: track.kind, label: track.label, captured: capturedTracks.includes(track), ...audio };
  });
}

function liveCaptureLabels(): string[] {
  return capturedTracks.filter((track) => track.readyState === 'live').map((track) => track.label);
}

function countFrames(video: HTMLVideoElement): void {
  if (frameCounts.has(video)) return;
  frameCounts.set(video, 0);
  const onFrame = () => {
    frameCounts.set(video, (frameCounts.get(video) ?? 0) + 1);
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

function remoteVideoTrack(video: HTMLVideoElement): MediaStreamTrack | undefined {
  const stream = video.srcObject;
  if (!(stream instanceof MediaStream)) return undefined;
  return stream.getVideoTracks().find((track) => remoteTracks.has(track.id));
}

function remoteVideos(): RemoteVideoSample[] {
  const samples: RemoteVideoSample[] = [];
  for (const video of document.querySelectorAll('video')) {
    const track = remoteVideoTrack(video);
    if (!track) continue;
    countFrames(video);
    samples.push({ trackId: track.id, videoWidth: video.videoWidth, frames: frameCounts.get(video) ?? 0 });
  }
  return samples;
}

let audioContext: AudioContext | undefined;

function meter(track: MediaStreamTrack): { peak: number; stop: () => void } {
  audioContext ??= new AudioContext();
  const source = audioContext.createMediaStreamSource(new MediaStream([track]));
  const analyser = audioContext.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const entry = { peak: 0, stop: () => {} };
  const timer = window.setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const value of samples) sum += value * value;
    entry.peak = Math.max(entry.peak, Math.sqrt(sum / samples.length));
  }, 40);
  entry.stop = () => {
    window.clearInterval(timer);
    source.disconnect();
  };
  return entry;
}

function remoteAudio(): RemoteAudioSample[] {
  if (audioContext?.state === 'suspended') void audioContext.resume();
  const samples: RemoteAudioSample[] = [];
  for (const [trackId, track] of remoteTracks) {
    if (track.kind !== 'audio') continue;
    if (track.readyState === 'ended') {
      audioMeters.get(trackId)?.stop();
      audioMeters.delete(trackId);
      continue;
    }
    let entry = audioMeters.get(trackId);
    if (!entry) {
      entry = meter(track);
      audioMeters.set(trackId, entry);
    }
    samples.push({ trackId, peak: entry.peak, muted: track.muted });
    entry.peak = 0;
  }
  return samples;
}

async function inboundVideoFrames(): Promise<number> {
  let frames = 0;
  for (const connection of connections) {
    if (connection.connectionState === 'closed') continue;
    const report = await connection.getStats().catch(() => undefined);
    report?.forEach((entry: { type?: string; kind?: string; framesDecoded?: number }) => {
      if (entry.type === 'inbound-rtp' && entry.kind === 'video') frames += entry.framesDecoded ?? 0;
    });
  }
  return frames;
}

recordRemoteTracks();
recordCapturedTracks();
recordSentTracks();
window.__rkProbe = {
  remoteVideos,
  remoteAudio,
  liveCaptureLabels,
  sentTracks,
  inboundVideoFrames,
  everSent: () => handedToSend.map((track) => ({ kind: track.kind, captured: capturedTracks.includes(track) })),
};

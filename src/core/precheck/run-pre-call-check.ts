/**
 * The pre-call check: permissions, microphone, camera, signaling round trip
 * and media server, one step after the other, each reported with its status,
 * time and typed error. Loaded on first use (`client.preCallCheck()`), so a
 * page that never checks carries none of it.
 *
 * @packageDocumentation
 */
import type { CaptureOptions, DeviceKind } from '../media/types.js';
import { browserMeters } from './browser-meters.js';
import { checkOptions, type CheckSettings } from './check-options.js';
import { captureDevices, type Captured } from './device-steps.js';
import { signalingRoundTrip, visitMediaServer, type ServerStepsHost } from './server-steps.js';
import { bounded, StepFailure, toCheckError } from './step-runner.js';
import {
  PRE_CALL_CHECK_STEPS,
  type PreCallCheckOptions,
  type PreCallCheckReport,
  type PreCallCheckStep,
  type PreCallCheckStepResult,
} from './types.js';

/** What a pre-call check needs from the ring client. */
export interface PreCallCheckHost extends ServerStepsHost {
  /** The devices calls use now. */
  chosenDevices(): Partial<Record<DeviceKind, string>>;
  /** The client's capture settings. */
  capture?: CaptureOptions;
}

/** Camera frames that count as "frames arrive". */
const CAMERA_FRAMES = 5;

const TIMEOUT_WORDS: Record<PreCallCheckStep, { code: 'timeout' | 'no-signal'; message: string; kind?: 'audioinput' | 'videoinput' }> = {
  permissions: { code: 'timeout', message: 'The browser did not grant the microphone or camera in time.' },
  microphone: { code: 'no-signal', message: 'No sound reached the microphone. Check that it is not muted, and say something.', kind: 'audioinput' },
  camera: { code: 'no-signal', message: 'No picture arrived from the camera. Check that it is not covered or used elsewhere.', kind: 'videoinput' },
  signaling: { code: 'timeout', message: 'The signaling server did not answer in time.' },
  'media-server': { code: 'timeout', message: 'The media server could not be reached in time.' },
};

/** Thrown through the steps when the check is cancelled. */
class Cancelled extends Error {}

/** The report, rebuilt (a new object) at every change so UI stores can compare by reference. */
function createReportBook(onUpdate: ((report: PreCallCheckReport) => void) | undefined) {
  const results = new Map<PreCallCheckStep, PreCallCheckStepResult>(PRE_CALL_CHECK_STEPS.map((step) => [step, { step, status: 'pending' }]));
  let report: PreCallCheckReport = { status: 'running', steps: [...results.values()] };
  return {
    get report() {
      return report;
    },
    status: (step: PreCallCheckStep) => results.get(step)?.status,
    update(step: PreCallCheckStep | undefined, change: Partial<PreCallCheckStepResult>, overall?: Partial<PreCallCheckReport>): void {
      if (step) results.set(step, { ...(results.get(step) ?? { step, status: 'pending' }), ...change });
      report = { ...report, ...overall, steps: [...results.values()] };
      try {
        onUpdate?.(report);
      } catch {
        // a listener's failure is its own
      }
    },
  };
}

/**
 * Run a pre-call check (what `client.preCallCheck()` does). Resolves with the
 * final report: `passed`, `failed` (see each step's `error`) or `cancelled`;
 * throws a `TypeError` only for bad options. Every track, media
 * session and timer it opened is closed when it resolves.
 *
 * @example
 * ```ts
 * const report = await runPreCallCheck(host, { video: false, onUpdate: render });
 * ```
 */
export async function runPreCallCheck(host: PreCallCheckHost, options: PreCallCheckOptions = {}): Promise<PreCallCheckReport> {
  const settings: CheckSettings = checkOptions(options, host.chosenDevices());
  const book = createReportBook(options.onUpdate);
  const cancel = new AbortController();
  const signal = options.signal;
  const onAbort = () => cancel.abort(new Cancelled('The pre-call check was cancelled.'));
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort);
  const capture: CaptureOptions = { ...host.capture, deviceIds: { ...host.capture?.deviceIds, ...settings.deviceIds } };
  const meters = options.meters ?? browserMeters;
  const started = performance.now();
  let captured: Captured = {};

  /** Run one step; resolves with whether it passed (a cancellation is thrown on). */
  async function run<T>(step: PreCallCheckStep, work: (signal: AbortSignal) => Promise<T>, measured: (value: T) => Partial<PreCallCheckStepResult> = () => ({})): Promise<boolean> {
    book.update(step, { status: 'running' });
    const stepStarted = performance.now();
    const took = () => Math.round(performance.now() - stepStarted);
    const late = TIMEOUT_WORDS[step];
    try {
      const value = await bounded(cancel.signal, settings.timeouts[step], () => new StepFailure(late.code, late.message, late.kind), work);
      book.update(step, { status: 'passed', durationMs: took(), ...measured(value) });
      return true;
    } catch (error) {
      if (cancel.signal.aborted) throw new Cancelled();
      book.update(step, { status: 'failed', durationMs: took(), error: toCheckError(error) });
      return false;
    }
  }
  const skip = (step: PreCallCheckStep) => book.update(step, { status: 'skipped' });

  try {
    if (settings.audio || settings.video) {
      await run('permissions', async (stepSignal) => {
        const devices = options.mediaDevices === undefined ? globalThis.navigator?.mediaDevices : options.mediaDevices;
        captured = await captureDevices(devices, settings, capture, stepSignal);
        if (captured.error) throw new StepFailure(captured.error.code, captured.error.message, captured.error.kind);
      });
    } else skip('permissions');

    const audio = captured.audio;
    if (audio) {
      await run(
        'microphone',
        (stepSignal) => meters.microphone(audio, { threshold: settings.micThreshold, signal: stepSignal, onLevel: (level) => book.update('microphone', { level }) }),
        (level) => ({ level }),
      );
    } else skip('microphone');

    const video = captured.video;
    if (video) {
      await run(
        'camera',
        (stepSignal) => meters.camera(video, { frames: CAMERA_FRAMES, signal: stepSignal }),
        ({ frames, width, height }) => ({ frames, resolution: { width, height } }),
      );
    } else skip('camera');
    // The devices are free again before the media server step opens them for its room.
    audio?.stop();
    video?.stop();

    const signaling = await run('signaling', () => signalingRoundTrip(host), (rttMs) => ({ rttMs }));
    if (signaling) {
      const media = video ? 'video' : 'audio';
      await run('media-server', (stepSignal) => visitMediaServer(host, media, capture, stepSignal), (visit) => visit);
    } else skip('media-server');

    const failed = book.report.steps.some((result) => result.status === 'failed');
    book.update(undefined, {}, { status: failed ? 'failed' : 'passed', durationMs: Math.round(performance.now() - started) });
  } catch (error) {
    if (!(error instanceof Cancelled)) throw error;
    for (const step of PRE_CALL_CHECK_STEPS) {
      if (book.status(step) === 'running' || book.status(step) === 'pending') book.update(step, { status: 'cancelled' });
    }
    book.update(undefined, {}, { status: 'cancelled', durationMs: Math.round(performance.now() - started) });
  } finally {
    captured.audio?.stop();
    captured.video?.stop();
    signal?.removeEventListener('abort', onAbort);
  }
  return book.report;
}

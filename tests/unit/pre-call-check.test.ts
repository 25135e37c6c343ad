import { afterEach, describe, expect, it } from 'vitest';
import { liveMediaIntervals } from '../../src/core/media/live-intervals.js';
import type { PreCallCheckReport, PreCallCheckStep } from '../../src/core/precheck/types.js';
import { isRingError } from '../../src/core/errors.js';
import { createFakePreCallDevices, type FakePreCallDevicesOptions } from '../../src/testing/fake-pre-call-devices.js';
import { memoryPrecheckGrant, type MemoryHubOptions } from '../../src/testing/memory-hub.js';
import type { FakeMediaOptions } from '../../src/testing/fake-media.js';
import { createMemoryWorld, type MemoryWorld } from '../helpers/client.js';

let world: MemoryWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A connected client on a memory hub whose test rooms use fake media with quick statistics. */
async function setup(hubOptions: MemoryHubOptions = {}, fake: FakeMediaOptions = {}, connect = true) {
  world = createMemoryWorld(hubOptions);
  const made = world.client('alice', { fake: { statsIntervalMs: 10, ...fake } });
  if (connect) await made.client.connect();
  return { ...made, mediaHub: world.mediaHub };
}

function fakeDevices(options: FakePreCallDevicesOptions = {}) {
  const devices = createFakePreCallDevices(options);
  return { devices, options: { mediaDevices: devices.mediaDevices, meters: devices.meters } };
}

const statusOf = (report: PreCallCheckReport) => Object.fromEntries(report.steps.map((step) => [step.step, step.status]));
const stepOf = (report: PreCallCheckReport, step: PreCallCheckStep) => report.steps.find((result) => result.step === step);

describe('client.preCallCheck (memory hub, fake media)', () => {
  it('passes every step, reporting times and measurements, and closes everything it opened', async () => {
    const rooms: string[] = [];
    const { client, sessions, mediaHub } = await setup({ precheckGrant: (request) => (rooms.push(request.room), memoryPrecheckGrant(request)) });
    const { devices, options } = fakeDevices({ level: 0.25 });
    const updates: PreCallCheckReport[] = [];
    const report = await client.preCallCheck({ ...options, onUpdate: (update) => updates.push(update) });

    expect(report.status).toBe('passed');
    expect(statusOf(report)).toEqual({ permissions: 'passed', microphone: 'passed', camera: 'passed', signaling: 'passed', 'media-server': 'passed' });
    for (const step of report.steps) expect(step.durationMs).toBeGreaterThanOrEqual(0);
    expect(stepOf(report, 'microphone')?.level).toBe(0.25);
    expect(stepOf(report, 'camera')).toMatchObject({ frames: 5, resolution: { width: 640, height: 360 } });
    expect(stepOf(report, 'signaling')?.rttMs).toBeGreaterThanOrEqual(0);
    expect(stepOf(report, 'media-server')).toMatchObject({ rttMs: 40, published: ['audio', 'video'] });
    expect(stepOf(report, 'media-server')?.connectMs).toBeGreaterThanOrEqual(0);
    expect(report.durationMs).toBeGreaterThanOrEqual(0);

    // Each step went running -> passed in order; the last update is the report.
    const running = updates.flatMap((update) => update.steps.filter((step) => step.status === 'running').map((step) => step.step));
    expect([...new Set(running)]).toEqual(['permissions', 'microphone', 'camera', 'signaling', 'media-server']);
    expect(updates.at(-1)).toBe(report);
    // Tracks stopped, the test room's session left (nobody in the room), no media timer running.
    expect(devices.stopped.sort()).toEqual(devices.opened.sort());
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.getSnapshot().connection).toBe('disconnected');
    expect(rooms).toHaveLength(1);
    expect(mediaHub.identities(rooms[0] ?? '')).toEqual([]);
    expect(liveMediaIntervals()).toBe(0);
    // A check is not a call: nothing shows in the client's state.
    expect(client.getSnapshot()).toMatchObject({ call: null, error: null, incoming: [] });
  });

  it('a denied camera fails permissions with permission-denied, still checks the microphone, and joins audio-only', async () => {
    const { client } = await setup();
    const { options } = fakeDevices({ failWith: { code: 'permission-denied', kind: 'videoinput' } });
    const report = await client.preCallCheck(options);
    expect(report.status).toBe('failed');
    expect(stepOf(report, 'permissions')).toMatchObject({ status: 'failed', error: { code: 'permission-denied' } });
    expect(statusOf(report)).toMatchObject({ microphone: 'passed', camera: 'skipped', signaling: 'passed', 'media-server': 'passed' });
    expect(stepOf(report, 'media-server')?.published).toEqual(['audio']);
  });

  it('no devices at all: permissions fails (not-found), microphone and camera are skipped', async () => {
    const { client } = await setup();
    const { options } = fakeDevices({ failWith: 'not-found' });
    const report = await client.preCallCheck(options);
    expect(stepOf(report, 'permissions')).toMatchObject({ status: 'failed', error: { code: 'not-found' } });
    expect(statusOf(report)).toMatchObject({ microphone: 'skipped', camera: 'skipped', 'media-server': 'passed' });
  });

  it('a silent microphone and a frozen camera fail with no-signal at their timeouts', async () => {
    const { client } = await setup();
    const { devices, options } = fakeDevices({ silent: true, frozen: true });
    const report = await client.preCallCheck({ ...options, timeouts: { microphone: 30, camera: 30 } });
    expect(stepOf(report, 'microphone')).toMatchObject({ status: 'failed', error: { code: 'no-signal' } });
    expect(stepOf(report, 'camera')).toMatchObject({ status: 'failed', error: { code: 'no-signal' } });
    expect(report.status).toBe('failed');
    expect(devices.stopped.sort()).toEqual(['audio', 'video']);
  });

  it('a server without a media server: media-server fails with unavailable', async () => {
    const { client, sessions } = await setup({ precheckGrant: undefined });
    const { options } = fakeDevices();
    const report = await client.preCallCheck(options);
    expect(stepOf(report, 'media-server')).toMatchObject({ status: 'failed', error: { code: 'unavailable' } });
    expect(sessions).toHaveLength(0);
  });

  it('an unreachable media server fails with join-failed; one that never connects times out', async () => {
    const unreachable = await setup({}, { failJoin: true });
    const report = await unreachable.client.preCallCheck(fakeDevices().options);
    expect(stepOf(report, 'media-server')).toMatchObject({ status: 'failed', error: { code: 'join-failed' } });
    await world?.close();

    const slow = await setup({}, { joinDelayMs: 5_000 });
    const late = await slow.client.preCallCheck({ ...fakeDevices().options, timeouts: { 'media-server': 50 } });
    expect(stepOf(late, 'media-server')).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
    expect(slow.sessions[0]?.getSnapshot().connection).toBe('disconnected');
  });

  it('not connected: signaling fails with not-connected and media-server is skipped', async () => {
    const { client } = await setup({}, {}, false);
    const report = await client.preCallCheck({ ...fakeDevices().options, audio: false, video: false });
    expect(statusOf(report)).toEqual({ permissions: 'skipped', microphone: 'skipped', camera: 'skipped', signaling: 'failed', 'media-server': 'skipped' });
    expect(stepOf(report, 'signaling')?.error?.code).toBe('not-connected');
  });

  it('cancelling (AbortSignal) ends the running step and the rest as cancelled and leaves the test room', async () => {
    const { client, sessions } = await setup({}, { joinDelayMs: 5_000 });
    const { devices, options } = fakeDevices();
    const controller = new AbortController();
    const checking = client.preCallCheck({ ...options, signal: controller.signal });
    await expect.poll(() => sessions[0]?.getSnapshot().connection, { timeout: 2_000 }).toBe('connecting');
    controller.abort();
    const report = await checking;
    expect(report.status).toBe('cancelled');
    expect(statusOf(report)).toMatchObject({ permissions: 'passed', signaling: 'passed', 'media-server': 'cancelled' });
    await expect.poll(() => sessions[0]?.getSnapshot().connection, { timeout: 2_000 }).toBe('disconnected');
    expect(devices.stopped.sort()).toEqual(['audio', 'video']);

    const early = new AbortController();
    early.abort();
    const never = await client.preCallCheck({ ...fakeDevices().options, signal: early.signal });
    expect(never.status).toBe('cancelled');
    expect(never.steps.every((step) => step.status === 'cancelled')).toBe(true);
  });

  it('cancelling while the microphone listens stops the tracks', async () => {
    const { client } = await setup();
    const { devices, options } = fakeDevices({ silent: true });
    const controller = new AbortController();
    const checking = client.preCallCheck({ ...options, signal: controller.signal, onUpdate: (u) => stepOf(u, 'microphone')?.status === 'running' && controller.abort() });
    const report = await checking;
    expect(statusOf(report)).toMatchObject({ permissions: 'passed', microphone: 'cancelled', camera: 'cancelled' });
    expect(devices.stopped.sort()).toEqual(['audio', 'video']);
  });

  it('refuses bad options with invalid-argument before opening anything', async () => {
    const { client } = await setup();
    const { devices, options } = fakeDevices();
    for (const bad of [{ audio: 'yes' }, { timeouts: { microphone: -1 } }, { timeouts: { warp: 5 } }, { micThreshold: 2 }, { deviceIds: { videoinput: '' } }, { onUpdate: 5 }]) {
      const error: unknown = await client.preCallCheck({ ...options, ...(bad as object) }).catch((caught: unknown) => caught);
      expect(isRingError(error, 'invalid-argument')).toBe(true);
    }
    expect(devices.opened).toEqual([]);
  });

  it('checks the devices calls use, or the ones asked for', async () => {
    const { client } = await setup();
    const asked: MediaStreamConstraints[] = [];
    const { devices, options } = fakeDevices();
    const spy = { getUserMedia: (constraints?: MediaStreamConstraints) => (asked.push(constraints ?? {}), devices.mediaDevices.getUserMedia(constraints)) };
    await client.switchDevice('audioinput', 'headset');
    await client.preCallCheck({ ...options, mediaDevices: spy, deviceIds: { videoinput: 'cam-2' } });
    expect(asked[0]?.audio).toMatchObject({ deviceId: { exact: 'headset' } });
    expect(asked[0]?.video).toMatchObject({ deviceId: { exact: 'cam-2' } });
  });
});

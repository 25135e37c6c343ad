/**
 * `ringkit/testing`: the in-memory hub (the server's call rules in-process),
 * fake media and the moving test pattern, for stories, tests and demos.
 * Never import it from production code: it bundles the call service.
 *
 * @packageDocumentation
 */
export {
  createFakeMedia,
  createFakeMediaHub,
  defaultFakeMediaHub,
  type FakeDeviceFailure,
  type FakeMediaHub,
  type FakeMediaOptions,
  type FakeMediaSession,
  type FakeNetwork,
  type FakePeerState,
  type FakeRoomMember,
} from './testing/fake-media.js';
export { createFakePreCallDevices, type FakePreCallDevices, type FakePreCallDevicesOptions } from './testing/fake-pre-call-devices.js';
export {
  createMemoryHub,
  memoryGrant,
  memoryPrecheckGrant,
  type MemoryHub,
  type MemoryHubOptions,
  type MemoryTransport,
} from './testing/memory-hub.js';
export {
  createTestPatternTrack,
  createToneTrack,
  type SyntheticTrack,
  type TestPatternOptions,
} from './testing/test-pattern.js';
export { liveMediaIntervals } from './core/media/live-intervals.js';

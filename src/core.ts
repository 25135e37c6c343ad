/**
 * `ringkit/core`: the React-free client, the call machine, the wire protocol,
 * signaling transports and media sessions. Runs in any JavaScript runtime.
 *
 * @packageDocumentation
 */
export * from './core/protocol.js';
export type * from './core/media/types.js';
export type * from './core/signaling/transport.js';
export * from './core/errors.js';
export * from './core/ring-client.js';
export { createLiveKitMedia, type LiveKitMediaOptions, type LiveKitModule } from './core/media/livekit.js';
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
} from './core/media/fake.js';
export * from './core/media/devices.js';
export * from './core/media/errors.js';
export {
  RESOLUTION_PRESETS,
  DEFAULT_RESOLUTION,
  CaptureOptionsSchema,
  parseCaptureOptions,
  audioConstraints,
  videoConstraints,
  videoResolution,
} from './core/media/constraints.js';
export { endReasonOfDisconnect } from './core/media/livekit/disconnect.js';
export { createLocalPreview, type LocalPreview, type LocalPreviewOptions, type LocalPreviewSnapshot } from './core/media/preview.js';
export {
  createMemoryHub,
  memoryGrant,
  type MemoryHub,
  type MemoryHubOptions,
  type MemoryTransport,
} from './core/signaling/memory.js';
export * from './core/call-machine.js';
export { websocketTransport, type WebSocketConstructor, type WebSocketLike, type WebSocketTransportOptions } from './core/signaling/websocket.js';

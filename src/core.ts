/**
 * `ringkit/core`: the React-free client, the call machine, the wire protocol,
 * signaling transports and media sessions. Runs in any JavaScript runtime.
 *
 * @packageDocumentation
 */
export type {
  Media,
  PresenceStatus,
  Extra,
  Push,
  ClientMessage,
  ClientMessageOf,
  MemberState,
  Member,
  CallInfo,
  LiveKitGrant,
  HistoryEntry,
  CallRating,
  ErrorCode,
  ServerMessage,
  ServerMessageOf,
} from './protocol/protocol.js';
export {
  PROTOCOL_VERSION,
  MAX_ID_LENGTH,
  MAX_PAYLOAD_BYTES,
  MAX_TOKEN_LENGTH,
  MAX_CALLEES,
  MAX_FRAME_BYTES,
  END_REASONS,
  ERROR_CODES,
  MAX_DETAIL_LENGTH,
  MAX_COMMENT_LENGTH,
  REJECT_REASONS,
  CALL_ISSUES,
  type CallIssue,
  type EndReason,
  type ProtocolError,
  type ParseResult,
} from './protocol/wire.js';
export { MAX_FRAME_DEPTH, MAX_PAYLOAD_DEPTH } from './protocol/depth.js';
export * from './protocol/client-schemas.js';
export type { PushSubscriptionJSON, RingPush, WithdrawPush, CallPush } from './protocol/push.js';
export * from './protocol/push-handoff.js';
export type * from './core/media/types.js';
export type * from './core/signaling/transport.js';
export * from './core/errors.js';
export { addListener } from './core/listeners.js';
export * from './core/ring-client.js';
export {
  PRE_CALL_CHECK_STEPS,
  type PreCallCheckError,
  type PreCallCheckErrorCode,
  type PreCallCheckOptions,
  type PreCallCheckReport,
  type PreCallCheckStep,
  type PreCallCheckStepResult,
  type PreCallCheckStepStatus,
  type PreCallMeters,
} from './core/precheck/types.js';
export { createLiveKitMedia, type LiveKitMediaOptions, type LiveKitModule } from './core/media/livekit.js';
export * from './core/media/devices.js';
export { getDefaultDeviceManager } from './core/media/default-devices.js';
export * from './core/media/errors.js';
export * from './core/media/screen-share.js';
export { RESOLUTION_PRESETS, DEFAULT_RESOLUTION, audioConstraints, videoConstraints, videoResolution } from './core/media/constraints.js';
export { CaptureOptionsSchema, parseCaptureOptions } from './core/media/capture-options.js';
export { endReasonOfDisconnect } from './core/media/livekit/disconnect.js';
export { createLocalPreview, type LocalPreview, type LocalPreviewOptions, type LocalPreviewSnapshot } from './core/media/preview.js';
export * from './core/media/effects.js';
export * from './core/media/effects-store.js';
export { videoEffectsSupported, createBackgroundProcessor, processorMode, type BackgroundProcessor, type ActiveVideoEffect } from './core/media/background-processor.js';
export { startPreviewEffect, type PreviewEffect } from './core/media/preview-effect.js';
export * from './core/call-machine.js';
export { websocketTransport, type WebSocketConstructor, type WebSocketLike, type WebSocketTransportOptions } from './core/signaling/websocket.js';
export {
  DEFAULT_SERVICE_WORKER_URL,
  type EnablePushOptions,
  type PushNotifications,
  type PushSnapshot,
} from './core/push/push-notifications.js';
export { protectClose, hasLiveCall, type CloseProtectionSource } from './core/page/close-protection.js';

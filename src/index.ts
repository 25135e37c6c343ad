/**
 * `ringkit`: React provider, hooks and components for ringing calls.
 *
 * @packageDocumentation
 */
export type { EndReason, Media, PresenceStatus, CallInfo, CallRating, CallIssue } from './protocol/protocol.js';
export { RingProvider, RingClientContext, type RingProviderProps } from './react/provider.js';
export { useRingClient, useMaybeRingClient, useRingSelector } from './react/use-ring-client.js';
export { useCall, type UseCallResult, type CallActions } from './react/use-call.js';
export { useIncomingCall, type UseIncomingCallResult } from './react/use-incoming-call.js';
export { useCalls, type UseCallsResult } from './react/use-calls.js';
export { useCallDuration, formatDuration, type CallDuration } from './react/use-call-duration.js';
export { usePresence, type UsePresenceResult } from './react/use-presence.js';
export { usePushNotifications, type UsePushNotificationsResult } from './react/use-push-notifications.js';
export { useCallHistory, type UseCallHistoryOptions, type UseCallHistoryResult } from './react/use-call-history.js';
export { useConnectionQuality, type ConnectionQualityState } from './react/use-connection-quality.js';
export { useCallStats } from './react/use-call-stats.js';
export {
  usePictureInPicture,
  type UsePictureInPictureOptions,
  type UsePictureInPictureResult,
  type PictureInPictureButtonProps,
  type PictureInPictureMode,
} from './react/use-picture-in-picture.js';
export { useCloseProtection, type UseCloseProtectionOptions } from './react/use-close-protection.js';
export { useCallMessages, type UseCallMessagesOptions, type UseCallMessagesResult } from './react/use-call-messages.js';
export { useCallFeedback, type CallFeedbackStatus, type UseCallFeedbackOptions, type UseCallFeedbackResult } from './react/use-call-feedback.js';
export type * from './core/ring-client.js';
export { RingError, isRingError, type RingErrorCode } from './core/errors.js';
// Components, their headless hooks, text and sounds.
export { CallButton, type CallButtonProps } from './react/components/call-button.js';
export { IncomingCallModal, type IncomingCallModalProps } from './react/components/incoming-call-modal.js';
export { VideoTile, type VideoTileProps } from './react/components/video-tile.js';
export { CallView, type CallViewProps } from './react/components/call-view.js';
export { HeldCalls, type HeldCallsProps } from './react/components/held-calls.js';
export {
  EN_WAITING_MESSAGES,
  ZH_CN_WAITING_MESSAGES,
  resolveWaitingMessages,
  useWaitingMessages,
  type WaitingMessages,
} from './react/i18n/waiting-messages.js';
export type { WaitingDialogMessages } from './react/i18n/waiting-dialog-messages.js';
export { CallControls, type CallControlsProps } from './react/components/call-controls.js';
export { DeviceSelect, type DeviceSelectProps } from './react/components/device-select.js';
export { CallFeedback, type CallFeedbackProps } from './react/components/call-feedback.js';
export { EffectsMenu, type EffectsMenuProps, type BackgroundImage } from './react/components/effects-menu.js';
export { PictureInPictureCall, type PictureInPictureCallProps } from './react/components/picture-in-picture-call.js';
export { PictureInPictureControl, type PictureInPictureControlProps } from './react/components/picture-in-picture-control.js';
export type { UserDisplay, UserLookup } from './react/components/users.js';
export type { CallFocusEvent, CallFocusReason } from './react/focus/call-focus.js';
export type { IncomingFocusOptions } from './react/focus/use-incoming-focus.js';
export type { CallViewFocusOptions } from './react/focus/use-call-view-focus.js';
export * from './react/use-call-button.js';
export * from './react/use-incoming-call-modal.js';
export * from './react/use-video-tile.js';
export * from './react/use-call-view.js';
export * from './react/use-call-controls.js';
export * from './react/use-device-select.js';
export * from './react/i18n/index.js';
export { createTonePlayer, type SoundSetting, type ToneKind, type TonePlayer } from './react/sound/tones.js';
export { claimSound, type ClaimSoundOptions, type SoundClaim } from './react/sound/single-tab.js';
export { useCallSound, type UseCallSoundOptions } from './react/sound/use-call-sound.js';
export {
  useMediaDevices,
  useDeviceManager,
  type MediaDevicesState,
  type DeviceManagerSource,
} from './react/use-media-devices.js';
export { usePreCallCheck, type UsePreCallCheckOptions, type UsePreCallCheckResult } from './react/precheck/use-pre-call-check.js';
export { PreCallCheck, type PreCallCheckProps } from './react/precheck/pre-call-check.js';
export type {
  PreCallCheckError,
  PreCallCheckErrorCode,
  PreCallCheckOptions,
  PreCallCheckReport,
  PreCallCheckStep,
  PreCallCheckStepResult,
  PreCallCheckStepStatus,
  PreCallMeters,
} from './core/precheck/types.js';
export {
  EN_PRE_CALL_CHECK_MESSAGES,
  ZH_CN_PRE_CALL_CHECK_MESSAGES,
  resolvePreCallCheckMessages,
  type PreCallCheckMessageOverrides,
  type PreCallCheckMessages,
} from './react/precheck/pre-call-check-messages.js';
export { useLocalPreview, type UseLocalPreviewOptions, type LocalPreviewState } from './react/use-local-preview.js';
export { useScreenShare, type UseScreenShareOptions, type UseScreenShareResult, type ScreenShareButtonProps } from './react/use-screen-share.js';
export { useVideoEffects, type VideoEffectsState } from './react/use-video-effects.js';
export { useAudioProcessing, type AudioProcessingState } from './react/use-audio-processing.js';
export { useMediaEffectsStore, type MediaEffectsSource } from './react/use-media-effects.js';
export type {
  DeviceInfo,
  DeviceKind,
  DevicePermission,
  DeviceSnapshot,
  DeviceManager,
  MediaDeviceError,
  MediaDeviceErrorCode,
  ScreenShareError,
  ScreenShareErrorCode,
} from './core.js';

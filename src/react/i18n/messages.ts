/**
 * The words ringkit's components show, in English and Simplified Chinese: the call
 * button's and the incoming-call dialog's (`ringing-messages.ts`) and the in-call ones.
 * Templates use `{name}`-style placeholders filled by {@link formatMessage}.
 *
 * @packageDocumentation
 */
import type { DeviceKind, MediaDeviceError, MediaDeviceErrorCode } from '../../core/media/types.js';
import type { EndReason } from '../../protocol/protocol.js';
import type { EffectsMessages } from './effects-messages.js';
import { builtInLocaleOf, type RingLocale } from './language.js';
import { EN_RINGING_MESSAGES, formatMessage, ZH_CN_RINGING_MESSAGES, type RingingMessages } from './ringing-messages.js';
import type { PictureInPictureMessages } from './pip-messages.js';
import type { ScreenShareMessages } from './screen-share-messages.js';
import type { FeedbackMessageOverrides } from './feedback-messages.js';
import type { WaitingDialogMessages } from './waiting-dialog-messages.js';
import type { WaitingMessages } from './waiting-messages.js';

/** The in-call strings: status, controls, tiles, device pickers, end reasons, device errors. */
export interface InCallMessages {
  /** Status: nothing happens. */
  statusIdle: string;
  /** Status: the invite was sent: `{name}`. */
  statusCalling: string;
  /** Status: a device of the callee rings: `{name}`. */
  statusRinging: string;
  /** Status: a call rings on this device: `{name}`. */
  statusIncoming: string;
  /** Status: joining the media room. */
  statusConnecting: string;
  /** Status: in a call: `{name}` (the duration is shown next to it). */
  statusActive: string;
  /** The call duration as read by screen readers (it describes the call region): `{duration}`. */
  duration: string;
  /** Status: the media connection is being restored. */
  statusReconnecting: string;
  /** Status: the call ended: `{reason}`. */
  statusEnded: string;
  /** Status: the call was declined with the decliner's words: `{reason}`, `{detail}`. */
  statusEndedDetail: string;
  /** Reconnecting banner. */
  reconnectingBanner: string;
  /** Microphone toggle (pressed while muted). */
  muteMicrophone: string;
  /** Camera toggle (pressed while the camera is off). */
  turnCameraOff: string;
  /** Button that closes an ended call. */
  dismiss: string;
  /** Accessible label of a group of remote tiles. */
  participants: string;
  /** Switch a video call to audio only. */
  switchToAudio: string;
  /** Switch an audio call to video. */
  switchToVideo: string;
  /** Label of the microphone picker. */
  microphone: string;
  /** Label of the camera picker. */
  camera: string;
  /** Label of the speaker picker. */
  speaker: string;
  /** Option shown when there is no device of a kind. */
  noDevices: string;
  /** Name of an unnamed device of a kind: `{index}`. */
  unnamedDevice: string;
  /** Tile: this device's participant: `{name}`. */
  you: string;
  /** Tile: the microphone is muted. */
  micMuted: string;
  /** Tile: the camera is off. */
  cameraOff: string;
  /** Tile: speaking now. */
  speaking: string;
  /** Tile: connection quality: `{quality}`. */
  connectionQuality: string;
  /** Connection quality words. */
  quality: Record<'excellent' | 'good' | 'poor' | 'lost' | 'unknown', string>;
  /** Label of the call-controls toolbar. */
  callControls: string;
  /** Label of the region that shows the call: `{name}`. */
  callRegion: string;
  /** Every end reason, in words. */
  endReasons: Record<EndReason, string>;
  /** Device kinds, as they appear inside {@link RingMessages.deviceErrors}. */
  deviceNames: Record<DeviceKind, string>;
  /** Why a camera, microphone or speaker cannot be used: `{device}` is one of {@link RingMessages.deviceNames}. */
  deviceErrors: Record<MediaDeviceErrorCode, string>;
}

/** Every string a ringkit component shows. Override any of them through `messages`. */
export interface RingMessages extends RingingMessages, InCallMessages {}

/**
 * Overrides for some of the strings (call waiting's {@link WaitingMessages}, screen sharing's
 * {@link ScreenShareMessages}, picture-in-picture's {@link PictureInPictureMessages} and the rating prompt's words too); the word tables
 * (`endReasons`, `quality`, `deviceNames`, `deviceErrors`) merge key by key.
 */
export type RingMessageOverrides = Partial<Omit<RingMessages, 'endReasons' | 'quality' | 'deviceNames' | 'deviceErrors'>> &
  Partial<WaitingMessages> &
  Partial<WaitingDialogMessages> &
  FeedbackMessageOverrides &
  Partial<EffectsMessages> &
  Partial<ScreenShareMessages> &
  Partial<PictureInPictureMessages> & {
  endReasons?: Partial<RingMessages['endReasons']>;
  quality?: Partial<RingMessages['quality']>;
  deviceNames?: Partial<RingMessages['deviceNames']>;
  deviceErrors?: Partial<RingMessages['deviceErrors']>;
};

/** The English text. */
/** The English in-call text. */
const EN_IN_CALL: InCallMessages = {
  statusIdle: 'Ready',
  statusCalling: 'Calling {name}…',
  statusRinging: 'Ringing {name}…',
  statusIncoming: '{name} is calling…',
  statusConnecting: 'Connecting…',
  statusActive: 'In call with {name}',
  duration: 'Duration {duration}',
  statusReconnecting: 'Reconnecting…',
  statusEnded: 'Call ended: {reason}',
  statusEndedDetail: 'Call ended: {reason}: “{detail}”',
  reconnectingBanner: 'Connection lost. Reconnecting…',
  muteMicrophone: 'Mute microphone',
  turnCameraOff: 'Turn camera off',
  dismiss: 'Close',
  participants: 'Participants',
  switchToAudio: 'Switch to audio',
  switchToVideo: 'Switch to video',
  microphone: 'Microphone',
  camera: 'Camera',
  speaker: 'Speaker',
  noDevices: 'No devices found',
  unnamedDevice: 'Device {index}',
  you: '{name} (you)',
  micMuted: 'Microphone muted',
  cameraOff: 'Camera off',
  speaking: 'Speaking',
  connectionQuality: 'Connection: {quality}',
  quality: { excellent: 'excellent', good: 'good', poor: 'poor', lost: 'lost', unknown: 'unknown' },
  callControls: 'Call controls',
  callRegion: 'Call with {name}',
  endReasons: {
    completed: 'the call is over',
    cancelled: 'the caller cancelled',
    declined: 'the call was declined',
    busy: 'the other person is busy',
    'no-answer': 'no answer',
    offline: 'the other person is offline',
    'do-not-disturb': 'the other person does not want to be disturbed',
    'answered-elsewhere': 'answered on another device',
    'declined-elsewhere': 'declined on another device',
    'connection-lost': 'the connection was lost',
    'media-failed': 'audio or video failed',
    failed: 'something went wrong',
  },
  deviceNames: { audioinput: 'microphone', videoinput: 'camera', audiooutput: 'speaker' },
  deviceErrors: {
    'permission-denied': 'Access to the {device} was denied. Allow it in the browser’s site settings.',
    'not-found': 'No {device} was found. Connect one and try again.',
    'in-use': 'The {device} is in use by another application or could not start.',
    overconstrained: 'The chosen {device} cannot provide the requested settings.',
    unsupported: 'This browser cannot use the {device} here.',
    unknown: 'The {device} failed.',
  },
};

/** The Simplified Chinese in-call text. */
const ZH_CN_IN_CALL: InCallMessages = {
  statusIdle: '就绪',
  statusCalling: '正在呼叫 {name}…',
  statusRinging: '{name} 的设备正在响铃…',
  statusIncoming: '{name} 来电…',
  statusConnecting: '正在连接…',
  statusActive: '与 {name} 通话中',
  duration: '通话时长 {duration}',
  statusReconnecting: '正在重新连接…',
  statusEnded: '通话已结束：{reason}',
  statusEndedDetail: '通话已结束：{reason}：“{detail}”',
  reconnectingBanner: '连接已断开，正在重新连接…',
  muteMicrophone: '静音',
  turnCameraOff: '关闭摄像头',
  dismiss: '关闭',
  participants: '参与者',
  switchToAudio: '切换为语音',
  switchToVideo: '切换为视频',
  microphone: '麦克风',
  camera: '摄像头',
  speaker: '扬声器',
  noDevices: '未找到设备',
  unnamedDevice: '设备 {index}',
  you: '{name}（我）',
  micMuted: '麦克风已关闭',
  cameraOff: '摄像头已关闭',
  speaking: '正在说话',
  connectionQuality: '网络：{quality}',
  quality: { excellent: '极好', good: '良好', poor: '较差', lost: '已断开', unknown: '未知' },
  callControls: '通话控制',
  callRegion: '与 {name} 的通话',
  endReasons: {
    completed: '通话结束',
    cancelled: '对方已取消',
    declined: '对方已拒绝',
    busy: '对方忙线中',
    'no-answer': '无人接听',
    offline: '对方不在线',
    'do-not-disturb': '对方开启了免打扰',
    'answered-elsewhere': '已在其他设备接听',
    'declined-elsewhere': '已在其他设备拒绝',
    'connection-lost': '连接已断开',
    'media-failed': '音视频连接失败',
    failed: '通话失败',
  },
  deviceNames: { audioinput: '麦克风', videoinput: '摄像头', audiooutput: '扬声器' },
  deviceErrors: {
    'permission-denied': '{device}权限被拒绝，请在浏览器的网站设置中允许。',
    'not-found': '未找到{device}，请连接后重试。',
    'in-use': '{device}正被其他应用占用或无法启动。',
    overconstrained: '所选{device}不支持请求的设置。',
    unsupported: '此浏览器无法在这里使用{device}。',
    unknown: '{device}出现故障。',
  },
};

/** Both tables in one (a pure call, so a bundle that uses neither drops the in-call words: bundlers keep object spreads). */
function joinTables(ringing: RingingMessages, inCall: InCallMessages): RingMessages {
  return { ...ringing, ...inCall };
}

/** The English text. */
export const EN_MESSAGES: RingMessages = /* @__PURE__ */ joinTables(EN_RINGING_MESSAGES, EN_IN_CALL);

/** The Simplified Chinese text. */
export const ZH_CN_MESSAGES: RingMessages = /* @__PURE__ */ joinTables(ZH_CN_RINGING_MESSAGES, ZH_CN_IN_CALL);

/** Built-in text by locale. */
export const BUILT_IN_MESSAGES: Readonly<Record<RingLocale, RingMessages>> = { en: EN_MESSAGES, 'zh-CN': ZH_CN_MESSAGES };

/**
 * Pick the built-in text for a locale tag (`zh`, `zh-Hans`, `zh-CN` give Chinese; anything else English)
 * and apply overrides.
 *
 * @example
 * ```ts
 * const text = resolveMessages('zh-CN', { hangUp: '结束' });
 * text.hangUp; // '结束'
 * ```
 */
export function resolveMessages(locale: string | undefined, overrides?: RingMessageOverrides): RingMessages {
  const base = BUILT_IN_MESSAGES[builtInLocaleOf(locale)];
  if (!overrides) return base;
  return {
    ...base,
    ...overrides,
    endReasons: { ...base.endReasons, ...overrides.endReasons },
    quality: { ...base.quality, ...overrides.quality },
    deviceNames: { ...base.deviceNames, ...overrides.deviceNames },
    deviceErrors: { ...base.deviceErrors, ...overrides.deviceErrors },
  };
}

/**
 * A camera, microphone or speaker error in the chosen words.
 *
 * @example
 * ```ts
 * describeDeviceErrorIn(resolveMessages('en'), { code: 'not-found', kind: 'videoinput', message: '' });
 * // 'No camera was found. Connect one and try again.'
 * ```
 */
export function describeDeviceErrorIn(messages: RingMessages, error: Pick<MediaDeviceError, 'code' | 'kind'>): string {
  return formatMessage(messages.deviceErrors[error.code], { device: messages.deviceNames[error.kind] });
}

export { formatMessage } from './ringing-messages.js';

/**
 * The words ringkit's components show, in English and Simplified Chinese.
 * Templates use `{name}`-style placeholders filled by {@link formatMessage}.
 *
 * @packageDocumentation
 */
import type { DeviceKind, MediaDeviceError, MediaDeviceErrorCode } from '../../core/media/types.js';
import type { EndReason } from '../../protocol/protocol.js';
import type { EffectsMessages } from './effects-messages.js';
import { builtInLocaleOf, type RingLocale } from './language.js';
import type { PictureInPictureMessages } from './pip-messages.js';
import type { ScreenShareMessages } from './screen-share-messages.js';
import type { FeedbackMessageOverrides } from './feedback-messages.js';
import type { WaitingDialogMessages } from './waiting-dialog-messages.js';
import type { WaitingMessages } from './waiting-messages.js';

/** Every string a ringkit component shows. Override any of them through `messages`. */
export interface RingMessages {
  /** Button text to start an audio call. */
  call: string;
  /** Button text to start a video call. */
  videoCall: string;
  /** Accessible label to call someone: `{name}`. */
  callLabel: string;
  /** Accessible label to video-call someone: `{name}`. */
  videoCallLabel: string;
  /** Button text to withdraw a ringing call. */
  cancel: string;
  /** Accessible label of the call button while its call rings: `{name}`. */
  cancelCallLabel: string;
  /** Accessible label of the call button while its call is answered: `{name}`. */
  hangUpCallLabel: string;
  /** Accessible label of the call button while `{name}` calls this device. */
  declineCallLabel: string;
  /** Button text to end a call. */
  hangUp: string;
  /** Why the call button is disabled while the client is offline. */
  offlineReason: string;
  /** Why the call button is disabled while the client connects. */
  connectingReason: string;
  /** Why the call button is disabled while another call rings or runs. */
  busyReason: string;
  /** Title of the incoming-call dialog for an audio call. */
  incomingAudio: string;
  /** Title of the incoming-call dialog for a video call. */
  incomingVideo: string;
  /** Description in the incoming-call dialog: `{name}` is calling you. */
  incomingFrom: string;
  /** The other people invited to a group call: `{names}`. */
  withOthers: string;
  /** Position in the queue of ringing calls: `{index}` of `{count}`. */
  queuePosition: string;
  /** Accept button. */
  accept: string;
  /** Accept a video call with audio only. */
  acceptAsAudio: string;
  /** Decline button. */
  decline: string;
  /** Ignore button: stop ringing on this device only. */
  ignore: string;
  /** Button that shows the quick replies of the incoming-call dialog. */
  replyWithMessage: string;
  /** Quick replies: declines with these words as the reason (the caller sees them). */
  quickReplies: readonly string[];
  /** Browser notification title: `{name}`. */
  notificationTitle: string;
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
export const EN_MESSAGES: RingMessages = {
  call: 'Call',
  videoCall: 'Video call',
  callLabel: 'Call {name}',
  videoCallLabel: 'Video call {name}',
  cancel: 'Cancel',
  cancelCallLabel: 'Cancel call to {name}',
  hangUpCallLabel: 'Hang up call with {name}',
  declineCallLabel: 'Decline call from {name}',
  hangUp: 'Hang up',
  offlineReason: 'You are offline',
  connectingReason: 'Connecting to the call service',
  busyReason: 'You are already in a call',
  incomingAudio: 'Incoming call',
  incomingVideo: 'Incoming video call',
  incomingFrom: '{name} is calling you',
  withOthers: 'Also invited: {names}',
  queuePosition: 'Call {index} of {count}',
  accept: 'Accept',
  acceptAsAudio: 'Accept as audio',
  decline: 'Decline',
  ignore: 'Ignore',
  replyWithMessage: 'Reply with a message',
  quickReplies: ["Can't talk now. I'll call you back.", "I'm in a meeting.", "I'm driving."],
  notificationTitle: '{name} is calling',
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

/** The Simplified Chinese text. */
export const ZH_CN_MESSAGES: RingMessages = {
  call: '语音通话',
  videoCall: '视频通话',
  callLabel: '语音通话 {name}',
  videoCallLabel: '视频通话 {name}',
  cancel: '取消',
  cancelCallLabel: '取消呼叫 {name}',
  hangUpCallLabel: '挂断与 {name} 的通话',
  declineCallLabel: '拒绝 {name} 的来电',
  hangUp: '挂断',
  offlineReason: '您已离线',
  connectingReason: '正在连接通话服务',
  busyReason: '您正在通话中',
  incomingAudio: '语音来电',
  incomingVideo: '视频来电',
  incomingFrom: '{name} 正在呼叫您',
  withOthers: '同时邀请了：{names}',
  queuePosition: '第 {index} 个，共 {count} 个来电',
  accept: '接听',
  acceptAsAudio: '语音接听',
  decline: '拒绝',
  ignore: '忽略',
  replyWithMessage: '回复消息',
  quickReplies: ['现在不方便接听，稍后回电。', '我在开会。', '我在开车。'],
  notificationTitle: '{name} 来电',
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

/**
 * Fill a template's `{placeholders}`; unknown placeholders stay as they are.
 *
 * @example
 * ```ts
 * formatMessage('Call {name}', { name: 'Bob' }); // 'Call Bob'
 * ```
 */
export function formatMessage(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match,
  );
}

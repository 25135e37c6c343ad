/**
 * The words of the page before any call: the call button and the incoming-call
 * dialog, in English and Simplified Chinese. A table of their own, so a page that
 * shows only those loads none of the in-call words ({@link RingMessages} holds both).
 * Templates use `{name}`-style placeholders filled by {@link formatMessage}.
 *
 * @packageDocumentation
 */
import { builtInLocaleOf, type RingLocale } from './language.js';

/** The strings of the call button and the incoming-call dialog (part of {@link RingMessages}). */
export interface RingingMessages {
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
}

/** The English words of the call button and the incoming-call dialog. */
export const EN_RINGING_MESSAGES: RingingMessages = {
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
};

/** The Simplified Chinese words of the call button and the incoming-call dialog. */
export const ZH_CN_RINGING_MESSAGES: RingingMessages = {
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
};

const BUILT_IN: Readonly<Record<RingLocale, RingingMessages>> = { en: EN_RINGING_MESSAGES, 'zh-CN': ZH_CN_RINGING_MESSAGES };

/**
 * The call button's and the incoming-call dialog's words for a locale tag, with any of
 * their keys found in `overrides` applied (other keys are ignored).
 *
 * @example
 * ```ts
 * resolveRingingMessages('zh-CN', { accept: '接' }).accept; // '接'
 * ```
 */
export function resolveRingingMessages(locale: string | undefined, overrides?: Partial<RingingMessages>): RingingMessages {
  const base = BUILT_IN[builtInLocaleOf(locale)];
  if (!overrides) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const key of Object.keys(base) as Array<keyof RingingMessages>) {
    if (overrides[key] !== undefined) merged[key] = overrides[key];
  }
  return merged as unknown as RingingMessages;
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

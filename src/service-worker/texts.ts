/**
 * The words of a call notification, in English and Simplified Chinese.
 *
 * @packageDocumentation
 */
import type { Media } from '../protocol/protocol.js';

/**
 * The words a call notification uses.
 *
 * @example
 * ```ts
 * const words: NotificationTexts = { ...NOTIFICATION_TEXTS.en, accept: 'Answer' };
 * ```
 */
export interface NotificationTexts {
  /** Title: who is calling. */
  title(from: string, media: Media): string;
  /** Body: what kind of call. */
  body(media: Media): string;
  accept: string;
  decline: string;
}

/** Built-in notification words by language. */
export const NOTIFICATION_TEXTS: Record<'en' | 'zh-CN', NotificationTexts> = {
  en: {
    title: (from) => `${from} is calling`,
    body: (media) => (media === 'video' ? 'Incoming video call' : 'Incoming audio call'),
    accept: 'Accept',
    decline: 'Decline',
  },
  'zh-CN': {
    title: (from) => `${from} 来电`,
    body: (media) => (media === 'video' ? '视频通话邀请' : '语音通话邀请'),
    accept: '接听',
    decline: '拒绝',
  },
};

/**
 * The built-in words for a language tag (`zh`, `zh-CN`, `zh-Hans-CN` get Chinese; anything else English).
 *
 * @example
 * ```ts
 * textsFor(navigator.language).accept; // 'Accept' or '接听'
 * ```
 */
export function textsFor(language: string): NotificationTexts {
  return /^zh(-|$)/i.test(language) ? NOTIFICATION_TEXTS['zh-CN'] : NOTIFICATION_TEXTS.en;
}

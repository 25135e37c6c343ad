/**
 * The words of screen sharing, in English and Simplified Chinese, kept apart from
 * {@link RingMessages} so a page that never shows a call does not load them.
 * Override them like any other string (`messages={{ shareScreen: 'Present' }}`).
 *
 * @packageDocumentation
 */
import type { ScreenShareError } from '../../core/media/types.js';
import type { LocaleProps } from './context.js';
import { resolveFeatureMessages, useFeatureMessages } from './feature-messages.js';
import type { RingLocale } from './language.js';
import type { RingMessages } from './messages.js';

/** Every string of screen sharing. */
export interface ScreenShareMessages {
  /** Screen share toggle (pressed while sharing). */
  shareScreen: string;
  /** Tile of a shared screen: `{name}`. */
  screenOf: string;
  /** Status while this device shares its screen. */
  sharingScreen: string;
  /** Screen sharing was cancelled in the browser's picker or is not allowed. */
  screenShareDenied: string;
  /** This browser cannot share a screen. */
  screenShareUnsupported: string;
  /** Screen sharing failed for another reason. */
  screenShareFailed: string;
}

/** The English text of screen sharing. */
export const EN_SCREEN_SHARE_MESSAGES: ScreenShareMessages = {
  shareScreen: 'Share screen',
  screenOf: '{name}’s screen',
  sharingScreen: 'You are sharing your screen',
  screenShareDenied: 'Screen sharing was cancelled or is not allowed.',
  screenShareUnsupported: 'This browser cannot share a screen.',
  screenShareFailed: 'Screen sharing failed. Try again.',
};

/** The Simplified Chinese text of screen sharing. */
export const ZH_CN_SCREEN_SHARE_MESSAGES: ScreenShareMessages = {
  shareScreen: '共享屏幕',
  screenOf: '{name} 的屏幕',
  sharingScreen: '您正在共享屏幕',
  screenShareDenied: '屏幕共享已取消或不被允许。',
  screenShareUnsupported: '此浏览器无法共享屏幕。',
  screenShareFailed: '屏幕共享失败，请重试。',
};

const BUILT_IN: Readonly<Record<RingLocale, ScreenShareMessages>> = { en: EN_SCREEN_SHARE_MESSAGES, 'zh-CN': ZH_CN_SCREEN_SHARE_MESSAGES };

/**
 * The screen sharing text for a language tag, with the app's overrides applied.
 *
 * @example
 * ```ts
 * resolveScreenShareMessages('zh-CN').shareScreen; // '共享屏幕'
 * ```
 */
export function resolveScreenShareMessages(lang: string | undefined, overrides?: Partial<ScreenShareMessages> | RingMessages): ScreenShareMessages {
  return resolveFeatureMessages(BUILT_IN, lang, overrides);
}

/**
 * The screen sharing text a component shows: its own `locale`/`messages`, else the provider's, else English.
 *
 * @example
 * ```tsx
 * const text = useScreenShareMessages(props);
 * <button>{text.shareScreen}</button>
 * ```
 */
export function useScreenShareMessages(props: LocaleProps = {}): ScreenShareMessages {
  return useFeatureMessages(BUILT_IN, props);
}

/**
 * What to tell people when screen sharing failed.
 *
 * @example
 * ```ts
 * describeScreenShareErrorIn(resolveScreenShareMessages('en'), { code: 'unsupported' }); // 'This browser cannot share a screen.'
 * ```
 */
export function describeScreenShareErrorIn(messages: ScreenShareMessages, error: Pick<ScreenShareError, 'code'>): string {
  switch (error.code) {
    case 'permission-denied':
      return messages.screenShareDenied;
    case 'unsupported':
      return messages.screenShareUnsupported;
    case 'failed':
      return messages.screenShareFailed;
  }
}

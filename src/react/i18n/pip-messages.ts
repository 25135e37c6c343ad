/**
 * The words of picture-in-picture, in English and Simplified Chinese, kept apart from
 * {@link RingMessages} so a page that never shows a call does not load them.
 * Override them like any other string (`messages={{ pictureInPicture: 'Mini window' }}`).
 *
 * @packageDocumentation
 */
import type { LocaleProps } from './context.js';
import { useFeatureMessages } from './feature-messages.js';
import type { RingLocale } from './language.js';

/** Every string of picture-in-picture. */
export interface PictureInPictureMessages {
  /** Picture-in-picture toggle (pressed while the small window is open). */
  pictureInPicture: string;
}

/** The English text of picture-in-picture. */
export const EN_PIP_MESSAGES: PictureInPictureMessages = { pictureInPicture: 'Picture-in-picture' };

/** The Simplified Chinese text of picture-in-picture. */
export const ZH_CN_PIP_MESSAGES: PictureInPictureMessages = { pictureInPicture: '画中画' };

const BUILT_IN: Readonly<Record<RingLocale, PictureInPictureMessages>> = { en: EN_PIP_MESSAGES, 'zh-CN': ZH_CN_PIP_MESSAGES };

/**
 * The picture-in-picture text a component shows: its own `locale`/`messages`, else the provider's, else English.
 *
 * @example
 * ```tsx
 * const text = usePictureInPictureMessages(props);
 * <button>{text.pictureInPicture}</button>
 * ```
 */
export function usePictureInPictureMessages(props: LocaleProps = {}): PictureInPictureMessages {
  return useFeatureMessages(BUILT_IN, props);
}

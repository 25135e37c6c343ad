/**
 * The words of the effects menu, in English and Simplified Chinese. They live in their own table so
 * pages without the menu do not carry them; override them through `messages` like every other string.
 *
 * @packageDocumentation
 */
import { useMemo } from 'react';
import { useRingI18n, type LocaleProps } from './context.js';
import { builtInLocaleOf, type RingLocale } from './language.js';

/** Every string the effects menu shows. */
export interface EffectsMessages {
  /** Button text of the effects menu (background and sound). */
  effects: string;
  /** Label of the effects menu's panel. */
  effectsMenu: string;
  /** Legend of the background choices. */
  background: string;
  /** Background choice: no effect. */
  backgroundNone: string;
  /** Background choice: blur. */
  backgroundBlur: string;
  /** While the background effect starts. */
  backgroundLoading: string;
  /** When the background effect failed. */
  backgroundFailed: string;
  /** When this browser cannot change the background. */
  backgroundUnsupported: string;
  /** Legend of the audio processing switches. */
  sound: string;
  /** Switch: noise suppression. */
  noiseSuppression: string;
  /** Switch: echo cancellation. */
  echoCancellation: string;
  /** Switch: automatic gain control. */
  autoGainControl: string;
}

/** Built-in effects menu text by locale. */
export const EFFECTS_MESSAGES: Readonly<Record<RingLocale, EffectsMessages>> = {
  en: {
    effects: 'Effects',
    effectsMenu: 'Background and sound',
    background: 'Background',
    backgroundNone: 'None',
    backgroundBlur: 'Blur',
    backgroundLoading: 'Starting the background effect…',
    backgroundFailed: 'The background effect could not start.',
    backgroundUnsupported: 'This browser cannot change the background.',
    sound: 'Sound',
    noiseSuppression: 'Noise suppression',
    echoCancellation: 'Echo cancellation',
    autoGainControl: 'Automatic volume',
  },
  'zh-CN': {
    effects: '效果',
    effectsMenu: '背景与声音',
    background: '背景',
    backgroundNone: '无',
    backgroundBlur: '模糊',
    backgroundLoading: '正在启动背景效果…',
    backgroundFailed: '背景效果无法启动。',
    backgroundUnsupported: '此浏览器无法更改背景。',
    sound: '声音',
    noiseSuppression: '降噪',
    echoCancellation: '回声消除',
    autoGainControl: '自动音量',
  },
};

/**
 * The effects menu's text: the component's `locale`/`messages`, else the provider's, else English.
 *
 * @internal
 * @example
 * ```tsx
 * const text = useEffectsMessages(props);
 * ```
 */
export function useEffectsMessages(props: LocaleProps = {}): EffectsMessages {
  const { locale, overrides } = useRingI18n(props);
  return useMemo(() => {
    const builtIn = EFFECTS_MESSAGES[builtInLocaleOf(locale)];
    if (!overrides) return builtIn;
    const picked = Object.fromEntries(Object.keys(builtIn).flatMap((key) => (key in overrides ? [[key, overrides[key as keyof EffectsMessages]]] : [])));
    return { ...builtIn, ...picked };
  }, [locale, overrides]);
}

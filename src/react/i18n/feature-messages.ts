/**
 * Words of one feature kept apart from {@link RingMessages} (so a page that never shows the
 * feature does not load them), overridable through the same `messages` prop.
 *
 * @packageDocumentation
 */
import { useMemo } from 'react';
import { useRingI18n, useRingLanguage, type LocaleProps } from './context.js';
import { builtInLocaleOf, type RingLocale } from './language.js';
import type { RingMessageOverrides } from './messages.js';

/**
 * A feature's words for a language tag, with any of its keys found in `overrides` applied.
 *
 * @example
 * ```ts
 * resolveFeatureMessages({ en: { hold: 'Hold' }, 'zh-CN': { hold: '保持' } }, 'zh-CN').hold; // '保持'
 * ```
 *
 * @internal
 */
export function resolveFeatureMessages<T extends object>(
  builtIn: Readonly<Record<RingLocale, T>>,
  lang: string | undefined,
  overrides?: Partial<T> | RingMessageOverrides,
): T {
  const base = builtIn[builtInLocaleOf(lang)];
  if (!overrides) return base;
  const given = overrides as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const key of Object.keys(base)) {
    if (typeof given[key] === 'string') merged[key] = given[key];
  }
  return merged as T;
}

/**
 * A feature's words as a component shows them: its own `locale`/`messages`, else the provider's, else English.
 *
 * @example
 * ```tsx
 * const text = useFeatureMessages(SCREEN_SHARE_MESSAGES, props);
 * ```
 *
 * @internal
 */
export function useFeatureMessages<T extends object>(builtIn: Readonly<Record<RingLocale, T>>, props: LocaleProps = {}): T {
  const { lang } = useRingLanguage(props);
  const { overrides } = useRingI18n(props);
  return useMemo(() => resolveFeatureMessages(builtIn, lang, overrides), [builtIn, lang, overrides]);
}

/**
 * Storybook decorators: the theme and locale toolbar applied around every story.
 *
 * @packageDocumentation
 */
import type { Decorator } from '@storybook/react-vite';
import { useEffect } from 'react';
import { RingI18nProvider } from '../src/react/i18n/context.js';

/** Themes in the toolbar. */
export type StoryTheme = 'light' | 'dark';

/**
 * Wraps a story in `data-rk-theme` and the locale chosen in the toolbar (or by the story's `globals`).
 *
 * @example
 * ```ts
 * export const preview = { decorators: [withThemeAndLocale] };
 * ```
 */
export const withThemeAndLocale: Decorator = (Story, context) => {
  const theme: StoryTheme = context.globals.theme === 'dark' ? 'dark' : 'light';
  const locale = typeof context.globals.locale === 'string' ? context.globals.locale : 'en';
  useEffect(() => {
    document.documentElement.setAttribute('data-rk-theme', theme);
    document.documentElement.lang = locale;
  }, [theme, locale]);
  return (
    <RingI18nProvider locale={locale}>
      <div
        data-rk-theme={theme}
        style={{ background: 'var(--rk-color-bg)', color: 'var(--rk-color-text)', padding: 16, minHeight: 200 }}
      >
        <Story />
      </div>
    </RingI18nProvider>
  );
};

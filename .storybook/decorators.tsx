/**
 * Storybook decorators: the theme and locale toolbar applied around every story.
 *
 * @packageDocumentation
 */
import type { Decorator } from '@storybook/react-vite';
import { useEffect, type ReactNode } from 'react';
import { RingI18nProvider } from '../src/react/i18n/context.js';

/** Themes in the toolbar. */
export type StoryTheme = 'light' | 'dark' | 'auto';

/** The themed page around a story; also marks the document so portals get the theme. */
function ThemeFrame({ theme, locale, children }: { theme: StoryTheme; locale: string; children: ReactNode }) {
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
        {children}
      </div>
    </RingI18nProvider>
  );
}

/**
 * Wraps a story in `data-rk-theme` and the locale chosen in the toolbar (or by the story's `globals`).
 *
 * @example
 * ```ts
 * export const preview = { decorators: [withThemeAndLocale] };
 * ```
 */
export const withThemeAndLocale: Decorator = (Story, context) => {
  const chosen: unknown = context.globals.theme;
  const theme: StoryTheme = chosen === 'dark' || chosen === 'auto' ? chosen : 'light';
  const locale = typeof context.globals.locale === 'string' ? context.globals.locale : 'en';
  return (
    <ThemeFrame theme={theme} locale={locale}>
      <Story />
    </ThemeFrame>
  );
};

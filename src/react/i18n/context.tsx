/**
 * Locale and text overrides for every ringkit component below a provider.
 *
 * @packageDocumentation
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { languageOf, type RingLanguage } from './language.js';
import { resolveMessages, type RingMessageOverrides, type RingMessages } from './messages.js';
import { resolveRingingMessages, type RingingMessages } from './ringing-messages.js';

interface RingI18nValue {
  locale: string | undefined;
  messages: RingMessageOverrides | undefined;
}

const RingI18nContext = createContext<RingI18nValue>({ locale: undefined, messages: undefined });

/** Props of {@link RingI18nProvider}. */
export interface RingI18nProviderProps {
  /** A BCP 47 tag: `'zh-CN'` (or `zh`, `zh-Hans`) gives Simplified Chinese, anything else English. */
  locale?: string;
  /** Strings to replace, for every component below. */
  messages?: RingMessageOverrides;
  children?: ReactNode;
}

/**
 * Choose the language (and any string) of every ringkit component below it.
 * A component's own `locale` and `messages` props win over the provider's.
 *
 * @example
 * ```tsx
 * <RingI18nProvider locale="zh-CN" messages={{ hangUp: '结束通话' }}>
 *   <CallView />
 * </RingI18nProvider>
 * ```
 */
export function RingI18nProvider({ locale, messages, children }: RingI18nProviderProps) {
  const value = useMemo(() => ({ locale, messages }), [locale, messages]);
  return <RingI18nContext.Provider value={value}>{children}</RingI18nContext.Provider>;
}

/** A component's own language choice, which wins over the provider's. */
export interface LocaleProps {
  /** Language of this component's text (`'en'` or `'zh-CN'`); defaults to the provider's. */
  locale?: string;
  /** Strings to replace in this component. */
  messages?: RingMessageOverrides;
}

/**
 * The text a component shows: its own `locale`/`messages`, else the provider's, else English.
 *
 * @example
 * ```tsx
 * function Hint(props: LocaleProps) {
 *   const text = useRingMessages(props);
 *   return <p>{text.hangUp}</p>;
 * }
 * ```
 */
export function useRingMessages(props: LocaleProps = {}): RingMessages {
  return useResolvedMessages(props, resolveMessages);
}

/**
 * The call button's and the incoming-call dialog's words, as {@link useRingMessages} picks them,
 * without the in-call words (so the page before any call does not load them).
 *
 * @example
 * ```tsx
 * function AcceptHint(props: LocaleProps) {
 *   const text = useRingingMessages(props);
 *   return <p>{text.accept}</p>;
 * }
 * ```
 */
export function useRingingMessages(props: LocaleProps = {}): RingingMessages {
  return useResolvedMessages(props, resolveRingingMessages);
}

/** A component's own overrides over the provider's (word tables merged key by key), resolved with `resolve`. */
function useResolvedMessages<T>({ locale, messages }: LocaleProps, resolve: (locale: string | undefined, overrides?: RingMessageOverrides) => T): T {
  const inherited = useContext(RingI18nContext);
  const effectiveLocale = locale ?? inherited.locale;
  const baseOverrides = inherited.messages;
  return useMemo(() => {
    if (!messages) return resolve(effectiveLocale, baseOverrides);
    if (!baseOverrides) return resolve(effectiveLocale, messages);
    return resolve(effectiveLocale, {
      ...baseOverrides,
      ...messages,
      endReasons: { ...baseOverrides.endReasons, ...messages.endReasons },
      quality: { ...baseOverrides.quality, ...messages.quality },
    });
  }, [effectiveLocale, baseOverrides, messages, resolve]);
}

/**
 * `lang` and `dir` for the root of a component that shows ringkit's text: its own
 * `locale`, else the provider's, else English (see {@link languageOf}). Spread them on
 * every element that holds the text, portals included, so screen readers pronounce it right.
 *
 * @example
 * ```tsx
 * function Hint(props: LocaleProps) {
 *   const text = useRingMessages(props);
 *   return <p {...useRingLanguage(props)}>{text.hangUp}</p>;
 * }
 * ```
 */
export function useRingLanguage({ locale, messages }: LocaleProps = {}): RingLanguage {
  const inherited = useContext(RingI18nContext);
  const effectiveLocale = locale ?? inherited.locale;
  const overridden = messages !== undefined || inherited.messages !== undefined;
  return useMemo(() => languageOf(effectiveLocale, overridden), [effectiveLocale, overridden]);
}

/**
 * The locale and overrides in force for a component: its own, else the provider's (for features that
 * keep their text in their own table, loaded only with them).
 *
 * @internal
 * @example
 * ```tsx
 * const { locale, overrides } = useRingI18n(props);
 * ```
 */
export function useRingI18n({ locale, messages }: LocaleProps = {}): { locale: string | undefined; overrides: RingMessageOverrides | undefined } {
  const inherited = useContext(RingI18nContext);
  const overrides = messages && inherited.messages ? { ...inherited.messages, ...messages } : (messages ?? inherited.messages);
  return { locale: locale ?? inherited.locale, overrides };
}

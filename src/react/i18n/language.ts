/**
 * The language and writing direction of ringkit's text, for `lang` and `dir` attributes.
 *
 * @packageDocumentation
 */

/** Locales with built-in text. */
export type RingLocale = 'en' | 'zh-CN';

/** `lang` and `dir` for an element that shows ringkit's text. */
export interface RingLanguage {
  /** BCP 47 tag of the text shown. */
  lang: string;
  /** Writing direction of that language. */
  dir: 'ltr' | 'rtl';
}

const RIGHT_TO_LEFT = /^(ar|arc|ckb|dv|fa|he|iw|ku-arab|nqo|ps|sd|syr|ug|ur|yi)\b/i;

/**
 * The built-in text a locale tag gets: `zh`, `zh-CN`, `zh-Hans`, `zh-SG` give Simplified Chinese, anything else English.
 *
 * @example
 * ```ts
 * builtInLocaleOf('zh-Hans'); // 'zh-CN'
 * ```
 */
export function builtInLocaleOf(locale: string | undefined): RingLocale {
  return /^zh(-(cn|hans|sg))?\b/i.test(locale ?? '') ? 'zh-CN' : 'en';
}

/**
 * The language of the text a component shows: the locale asked for when it has built-in text
 * or the app replaced strings (`overridden`), else the built-in language used instead. The
 * direction is `rtl` for right-to-left scripts (Arabic, Hebrew, Persian, Urdu, ...).
 *
 * @example
 * ```ts
 * languageOf('zh-CN', false); // { lang: 'zh-CN', dir: 'ltr' }
 * languageOf('de', false);    // { lang: 'en', dir: 'ltr' } (no German text is built in)
 * languageOf('ar', true);     // { lang: 'ar', dir: 'rtl' }
 * ```
 */
export function languageOf(locale: string | undefined, overridden: boolean): RingLanguage {
  const builtIn = builtInLocaleOf(locale);
  const own = locale !== undefined && locale !== '' && (overridden || builtIn === 'zh-CN' || /^en\b/i.test(locale));
  const lang = own ? locale : builtIn;
  return { lang, dir: RIGHT_TO_LEFT.test(lang) ? 'rtl' : 'ltr' };
}

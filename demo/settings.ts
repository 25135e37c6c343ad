import { IdSchema } from 'ringkit/core';

/** Interface languages of the demo. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/** What the demo reads from its URL: `?user=alice&server=ws://localhost:8787&lang=zh-CN&contacts=bob,carol`. */
export interface DemoSettings {
  /** Sign in at once as this user (dev mode), when valid. */
  user: string | undefined;
  /** The contact list to start with (default {@link DEFAULT_CONTACTS}). */
  contacts: string[] | undefined;
  /** The ringkit signaling server. */
  serverUrl: string;
  language: Language;
  /** Problems with the URL, shown to the person instead of crashing. */
  problems: string[];
}

/** The people every demo user sees in their contact list. */
export const DEFAULT_CONTACTS = ['alice', 'bob', 'carol'] as const;

/**
 * Checks a user name typed in or taken from the URL: an error message, or undefined when usable.
 *
 * @example
 * ```ts
 * userNameProblem('bob smith'); // 'A name has no spaces…'
 * ```
 */
export function userNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Type a name to sign in.';
  return IdSchema.safeParse(name).success ? undefined : 'A name has 1 to 128 characters and no spaces.';
}

function serverUrlOf(value: string | null, problems: string[]): string {
  const fallback = `ws://${location.hostname || 'localhost'}:8787`;
  if (value === null) return fallback;
  try {
    const url = new URL(value);
    if (url.protocol === 'ws:' || url.protocol === 'wss:') return url.toString();
  } catch {
    // reported below
  }
  problems.push(`Ignoring server "${value}": it must be a ws:// or wss:// URL.`);
  return fallback;
}

/**
 * Reads the demo's settings from a URL query string; bad values become problems, never exceptions.
 *
 * @example
 * ```ts
 * const settings = readSettings(location.search);
 * ```
 */
export function readSettings(search: string): DemoSettings {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const user = params.get('user') ?? undefined;
  const userProblem = user === undefined ? undefined : userNameProblem(user);
  if (userProblem) problems.push(userProblem);
  const contactList = params.get('contacts');
  const contacts = contactList === null ? undefined : contactList.split(',').filter((name) => name !== '');
  const badContact = contacts?.find((name) => userNameProblem(name));
  if (badContact !== undefined) problems.push(`Ignoring contacts: "${badContact}" is not a valid user name.`);
  const lang = params.get('lang');
  const language = LANGUAGES.find((candidate) => candidate === lang) ?? 'en';
  return {
    user: userProblem ? undefined : user,
    contacts: badContact === undefined ? contacts : undefined,
    serverUrl: serverUrlOf(params.get('server'), problems),
    language,
    problems,
  };
}

/**
 * A user's display name: the id with a capital first letter.
 *
 * @example
 * ```ts
 * displayNameOf('alice'); // 'Alice'
 * ```
 */
export function displayNameOf(user: string): string {
  return user.charAt(0).toUpperCase() + user.slice(1);
}

/**
 * The words of calls on hold, in English and Simplified Chinese, kept apart from
 * {@link RingMessages} so a page that never shows them does not load them (the call-waiting
 * dialog's words are in `waiting-dialog-messages.ts`). Override them like any other string
 * (`messages={{ resume: '…' }}`).
 *
 * @packageDocumentation
 */
import type { LocaleProps } from './context.js';
import { resolveFeatureMessages, useFeatureMessages } from './feature-messages.js';
import type { RingLocale } from './language.js';
import type { RingMessages } from './messages.js';

/** Every string of calls on hold (call waiting). */
export interface WaitingMessages {
  /** Put the call on hold. */
  hold: string;
  /** Take the call off hold. */
  resume: string;
  /** Accessible label of a held call's resume button: `{name}`. */
  resumeCallLabel: string;
  /** Label of the list of calls on hold. */
  heldCalls: string;
  /** One call on hold: `{name}`. */
  heldCall: string;
  /** Status: this user put the call on hold: `{name}`. */
  statusHeld: string;
  /** Status: the others put this user on hold: `{name}`. */
  statusHeldByOthers: string;
}

/** The English text of call waiting and hold. */
export const EN_WAITING_MESSAGES: WaitingMessages = {
  hold: 'Hold',
  resume: 'Resume',
  resumeCallLabel: 'Resume call with {name}',
  heldCalls: 'Calls on hold',
  heldCall: 'On hold: {name}',
  statusHeld: 'On hold: {name}',
  statusHeldByOthers: '{name} put you on hold',
};

/** The Simplified Chinese text of call waiting and hold. */
export const ZH_CN_WAITING_MESSAGES: WaitingMessages = {
  hold: '保持',
  resume: '恢复',
  resumeCallLabel: '恢复与 {name} 的通话',
  heldCalls: '保持中的通话',
  heldCall: '保持中：{name}',
  statusHeld: '通话已保持：{name}',
  statusHeldByOthers: '{name} 已将您保持',
};

const BUILT_IN: Readonly<Record<RingLocale, WaitingMessages>> = { en: EN_WAITING_MESSAGES, 'zh-CN': ZH_CN_WAITING_MESSAGES };

/**
 * The call waiting text for a language tag, with the app's overrides (any key of {@link WaitingMessages}
 * found in `overrides`, as `useRingMessages` returns them) applied.
 *
 * @example
 * ```ts
 * resolveWaitingMessages('zh-CN').resume; // '恢复'
 * ```
 */
export function resolveWaitingMessages(lang: string | undefined, overrides?: Partial<WaitingMessages> | RingMessages): WaitingMessages {
  return resolveFeatureMessages(BUILT_IN, lang, overrides);
}

/**
 * The call waiting text a component shows: its own `locale`/`messages`, else the provider's, else English.
 *
 * @example
 * ```tsx
 * const text = useWaitingMessages(props);
 * <button>{text.resume}</button>
 * ```
 */
export function useWaitingMessages(props: LocaleProps = {}): WaitingMessages {
  return useFeatureMessages(BUILT_IN, props);
}

/**
 * The words of the call-waiting dialog (`<IncomingCallModal>`'s in-call variant), in English
 * and Simplified Chinese. Only that variant, loaded on demand, imports them, so the page
 * before any call does not carry them. Override them like any other string
 * (`messages={{ holdAndAccept: '…' }}`).
 *
 * @packageDocumentation
 */
import type { LocaleProps } from './context.js';
import { useFeatureMessages } from './feature-messages.js';
import type { RingLocale } from './language.js';

/** Every string of the call-waiting dialog. */
export interface WaitingDialogMessages {
  /** Title of the incoming-call dialog during a call. */
  waitingTitle: string;
  /** Description in that dialog: `{name}` is calling. */
  waitingFrom: string;
  /** The call in progress meanwhile: `{name}`. */
  waitingDuring: string;
  /** Hang up the current call and accept the new one. */
  endAndAccept: string;
  /** Put the current call on hold and accept the new one. */
  holdAndAccept: string;
}

const BUILT_IN: Readonly<Record<RingLocale, WaitingDialogMessages>> = {
  en: {
    waitingTitle: 'Call waiting',
    waitingFrom: '{name} is calling',
    waitingDuring: 'You are in a call with {name}',
    endAndAccept: 'End and accept',
    holdAndAccept: 'Hold and accept',
  },
  'zh-CN': {
    waitingTitle: '呼叫等待',
    waitingFrom: '{name} 来电',
    waitingDuring: '您正在与 {name} 通话',
    endAndAccept: '结束并接听',
    holdAndAccept: '保持并接听',
  },
};

/**
 * The call-waiting dialog's words: its own `locale`/`messages`, else the provider's, else English.
 *
 * @example
 * ```tsx
 * const text = useWaitingDialogMessages(props);
 * <button>{text.holdAndAccept}</button>
 * ```
 *
 * @internal
 */
export function useWaitingDialogMessages(props: LocaleProps = {}): WaitingDialogMessages {
  return useFeatureMessages(BUILT_IN, props);
}

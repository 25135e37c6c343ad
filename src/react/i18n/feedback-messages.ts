/**
 * The words of the call rating prompt (`<CallFeedback>`), in English and
 * Simplified Chinese, kept apart from {@link RingMessages} so a page that never
 * asks for a rating does not load them. Override them like any other string
 * (`messages={{ feedbackTitle: '…' }}`).
 *
 * @packageDocumentation
 */
import { useMemo } from 'react';
import type { CallIssue } from '../../protocol/wire.js';
import { useRingLanguage, useRingMessages, type LocaleProps } from './context.js';
import { builtInLocaleOf, type RingLocale } from './language.js';
import type { RingMessages } from './messages.js';

/** Every string of the call rating prompt. */
export interface FeedbackMessages {
  /** Title of the prompt. */
  feedbackTitle: string;
  /** Label of the score stars. */
  feedbackScore: string;
  /** One star's name: `{score}` of 5. */
  feedbackStar: string;
  /** Label of the issue chips. */
  feedbackIssues: string;
  /** Each call issue, in words. */
  feedbackIssueNames: Record<CallIssue, string>;
  /** Label of the comment box. */
  feedbackComment: string;
  /** Send button. */
  feedbackSubmit: string;
  /** Skip button. */
  feedbackSkip: string;
  /** Shown once the rating was stored. */
  feedbackThanks: string;
  /** Shown when the rating could not be sent. */
  feedbackFailed: string;
}

/** Overrides of some of the rating prompt's strings (issue names merge name by name). */
export type FeedbackMessageOverrides = Partial<Omit<FeedbackMessages, 'feedbackIssueNames'>> & {
  feedbackIssueNames?: Partial<FeedbackMessages['feedbackIssueNames']>;
};

/** The English text of the rating prompt. */
export const EN_FEEDBACK_MESSAGES: FeedbackMessages = {
  feedbackTitle: 'How was the call?',
  feedbackScore: 'Call quality',
  feedbackStar: '{score} of 5',
  feedbackIssues: 'What went wrong?',
  feedbackIssueNames: {
    echo: 'Echo',
    noise: 'Background noise',
    'choppy-audio': 'Choppy audio',
    'no-audio': 'No audio',
    'no-video': 'No video',
    'frozen-video': 'Frozen video',
    'blurry-video': 'Blurry video',
    'out-of-sync': 'Audio and video out of sync',
    dropped: 'Call dropped',
    other: 'Something else',
  },
  feedbackComment: 'Anything else? (optional)',
  feedbackSubmit: 'Send',
  feedbackSkip: 'Skip',
  feedbackThanks: 'Thanks for your feedback.',
  feedbackFailed: 'Your rating could not be sent. Try again.',
};

/** The Simplified Chinese text of the rating prompt. */
export const ZH_CN_FEEDBACK_MESSAGES: FeedbackMessages = {
  feedbackTitle: '通话质量如何？',
  feedbackScore: '通话质量',
  feedbackStar: '{score} 星（共 5 星）',
  feedbackIssues: '遇到了什么问题？',
  feedbackIssueNames: {
    echo: '回声',
    noise: '背景噪音',
    'choppy-audio': '声音断断续续',
    'no-audio': '没有声音',
    'no-video': '没有画面',
    'frozen-video': '画面卡住',
    'blurry-video': '画面模糊',
    'out-of-sync': '声音和画面不同步',
    dropped: '通话中断',
    other: '其他问题',
  },
  feedbackComment: '还有其他想说的吗？（可选）',
  feedbackSubmit: '提交',
  feedbackSkip: '跳过',
  feedbackThanks: '感谢您的反馈。',
  feedbackFailed: '评分未能发送，请重试。',
};

const BUILT_IN: Readonly<Record<RingLocale, FeedbackMessages>> = { en: EN_FEEDBACK_MESSAGES, 'zh-CN': ZH_CN_FEEDBACK_MESSAGES };

/**
 * The rating prompt's text for a language tag, with the app's overrides (any key of
 * {@link FeedbackMessages} found in `overrides`, as `useRingMessages` returns them) applied.
 *
 * @example
 * ```ts
 * resolveFeedbackMessages('zh-CN').feedbackSubmit; // '提交'
 * ```
 */
export function resolveFeedbackMessages(lang: string | undefined, overrides?: FeedbackMessageOverrides | RingMessages): FeedbackMessages {
  const base = BUILT_IN[builtInLocaleOf(lang)];
  if (!overrides) return base;
  const given = overrides as FeedbackMessageOverrides;
  const merged: FeedbackMessages = { ...base, feedbackIssueNames: { ...base.feedbackIssueNames, ...given.feedbackIssueNames } };
  for (const key of Object.keys(base) as Array<Exclude<keyof FeedbackMessages, 'feedbackIssueNames'>>) {
    const value = given[key];
    if (typeof value === 'string') merged[key] = value;
  }
  return merged;
}

/**
 * The rating prompt's text: the component's own `locale`/`messages`, else the provider's, else English.
 *
 * @example
 * ```tsx
 * const text = useFeedbackMessages(props);
 * <button>{text.feedbackSubmit}</button>
 * ```
 */
export function useFeedbackMessages(props: LocaleProps = {}): FeedbackMessages {
  const { lang } = useRingLanguage(props);
  const messages = useRingMessages(props);
  return useMemo(() => resolveFeedbackMessages(lang, messages), [lang, messages]);
}

'use client';
/**
 * `<CallFeedback>`: the "How was the call?" prompt after a call (stars, issue
 * chips, a comment), in its own file so a page that never shows it does not load it.
 *
 * @packageDocumentation
 */
import { useId, useState, type FormEvent, type HTMLAttributes, type Ref } from 'react';
import { CALL_ISSUES, type CallIssue } from '../../protocol/wire.js';
import type { CallRatingInput } from '../../core/ring-client.js';
import { formatMessage } from '../i18n/messages.js';
import { useRingLanguage, type LocaleProps } from '../i18n/context.js';
import { useFeedbackMessages } from '../i18n/feedback-messages.js';
import { useCallFeedback, type UseCallFeedbackOptions } from '../use-call-feedback.js';
import { classNames } from './compose.js';

/** Props of {@link CallFeedback}. */
export interface CallFeedbackProps
  extends UseCallFeedbackOptions,
    LocaleProps,
    Omit<HTMLAttributes<HTMLFormElement>, 'children' | 'onSubmit'> {
  /** The form element. */
  ref?: Ref<HTMLFormElement>;
  /** The issues offered as chips (when the score is below 5). Default: every known issue. */
  issues?: readonly CallIssue[];
  /** Offer a comment box. Default `true`. */
  comment?: boolean;
  /** After the rating was stored. */
  onSubmitted?: (feedback: CallRatingInput) => void;
  /** After Skip. */
  onSkip?: () => void;
}

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * Asks how the call went once the current call ended after being answered (or
 * rates `callId`): five stars (a radio group), issue chips when the score is below 5,
 * an optional comment, Send and Skip; then a thank-you. Sends with `client.rateCall`;
 * the server stores it in this user's history and hands it to `onFeedback` and the
 * `call.rated` webhook. Renders nothing when there is no call to rate or it was skipped.
 *
 * @example
 * ```tsx
 * <CallView />
 * <CallFeedback issues={['echo', 'no-audio', 'frozen-video', 'dropped']} onSubmitted={({ score }) => track('rated', score)} />
 * ```
 */
export function CallFeedback(props: CallFeedbackProps) {
  const { callId: wanted, client, locale, messages, issues = CALL_ISSUES, comment = true, onSubmitted, onSkip, className, ref, ...rest } = props;
  const feedback = useCallFeedback({ ...(wanted === undefined ? {} : { callId: wanted }), ...(client ? { client } : {}) });
  const text = useFeedbackMessages({ locale, messages });
  const language = useRingLanguage({ locale, messages });
  const [score, setScore] = useState<number | null>(null);
  const [chosen, setChosen] = useState<readonly CallIssue[]>([]);
  const [words, setWords] = useState('');
  const titleId = useId();
  const name = useId();
  const { callId, status } = feedback;
  if (callId === null || status === 'skipped') return null;

  if (status === 'sent') {
    return (
      <p {...language} role="status" className={classNames('rk-feedback', className)} data-state="sent">
        {text.feedbackThanks}
      </p>
    );
  }

  const toggle = (issue: CallIssue) =>
    setChosen((current) => (current.includes(issue) ? current.filter((item) => item !== issue) : [...current, issue]));

  const send = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (score === null) return;
    const rating: CallRatingInput = {
      score,
      ...(score < 5 && chosen.length ? { issues: chosen } : {}),
      ...(words.trim() ? { comment: words.trim() } : {}),
    };
    feedback.submit(rating).then(
      () => onSubmitted?.(rating),
      () => undefined,
    );
  };

  return (
    <form
      {...rest}
      {...language}
      ref={ref}
      className={classNames('rk-feedback', className)}
      aria-labelledby={titleId}
      data-state={status}
      aria-busy={status === 'sending'}
      onSubmit={send}
    >
      <h2 id={titleId} className="rk-feedback__title">
        {text.feedbackTitle}
      </h2>
      <fieldset className="rk-feedback__stars">
        <legend>{text.feedbackScore}</legend>
        {SCORES.map((value) => (
          <label key={value} className="rk-feedback__star" data-filled={score !== null && value <= score ? '' : undefined}>
            <input
              type="radio"
              name={name}
              value={value}
              checked={score === value}
              aria-label={formatMessage(text.feedbackStar, { score: value })}
              onChange={() => setScore(value)}
            />
            <span aria-hidden="true">★</span>
          </label>
        ))}
      </fieldset>
      {score !== null && score < 5 && issues.length ? (
        <fieldset className="rk-feedback__issues">
          <legend>{text.feedbackIssues}</legend>
          {issues.map((issue) => (
            <label key={issue} className="rk-chip" data-checked={chosen.includes(issue) ? '' : undefined}>
              <input type="checkbox" checked={chosen.includes(issue)} onChange={() => toggle(issue)} />
              <span>{text.feedbackIssueNames[issue]}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {comment ? (
        <label className="rk-feedback__comment">
          <span>{text.feedbackComment}</span>
          <textarea value={words} maxLength={1000} rows={3} onChange={(event) => setWords(event.target.value)} />
        </label>
      ) : null}
      {status === 'failed' ? (
        <p role="alert" className="rk-feedback__error">
          {text.feedbackFailed}
        </p>
      ) : null}
      <div className="rk-feedback__actions">
        <button
          type="button"
          className="rk-button"
          onClick={() => {
            feedback.skip();
            onSkip?.();
          }}
        >
          {text.feedbackSkip}
        </button>
        <button type="submit" className="rk-button rk-button--accept" disabled={score === null || status === 'sending'}>
          {text.feedbackSubmit}
        </button>
      </div>
    </form>
  );
}

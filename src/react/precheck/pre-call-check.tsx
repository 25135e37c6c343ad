'use client';
/**
 * `<PreCallCheck>`: the pre-call check as a list of steps with their status,
 * a live summary, and a start/stop button.
 *
 * @packageDocumentation
 */
import { useEffect, useMemo, useRef, type HTMLAttributes } from 'react';
import type { PreCallCheckReport, PreCallCheckStepResult } from '../../core/precheck/types.js';
import { classNames } from '../components/compose.js';
import { useRingLanguage, useRingMessages } from '../i18n/context.js';
import { describeDeviceErrorIn, formatMessage, type RingMessages } from '../i18n/messages.js';
import {
  resolvePreCallCheckMessages,
  type PreCallCheckMessageOverrides,
  type PreCallCheckMessages,
} from './pre-call-check-messages.js';
import { usePreCallCheck, type UsePreCallCheckOptions } from './use-pre-call-check.js';

/** Props of {@link PreCallCheck}. */
export interface PreCallCheckProps extends UsePreCallCheckOptions, Omit<HTMLAttributes<HTMLElement>, 'children'> {
  /** Language of the text (`'en'` or `'zh-CN'`); defaults to the provider's. */
  locale?: string;
  /** Strings to replace. */
  messages?: PreCallCheckMessageOverrides;
  /** Called with the final report of each check (passed, failed or cancelled). */
  onComplete?: (report: PreCallCheckReport) => void;
}

const ICONS = { pending: '○', running: '…', passed: '✓', failed: '✕', skipped: '–', cancelled: '–' } as const;

/** A failed step's reason in the chosen words. */
function reasonOf(result: PreCallCheckStepResult, text: PreCallCheckMessages, ring: RingMessages): string {
  const error = result.error;
  if (!error) return '';
  const device = error.kind && error.code in ring.deviceErrors;
  if (device && error.kind) return describeDeviceErrorIn(ring, { code: error.code as keyof RingMessages['deviceErrors'], kind: error.kind });
  return text.errors[error.code] ?? text.failedUnknown;
}

/** What a step measured, in words. */
function detailOf(result: PreCallCheckStepResult, text: PreCallCheckMessages): string {
  if (result.status === 'running' && result.step === 'microphone') return text.speakHint;
  if (result.status !== 'passed') return '';
  const parts: string[] = [];
  if (result.level !== undefined) parts.push(formatMessage(text.micLevel, { level: Math.round(result.level * 100) }));
  if (result.resolution) parts.push(formatMessage(text.resolution, result.resolution));
  if (result.connectMs !== undefined) parts.push(formatMessage(text.connectTime, { ms: result.connectMs }));
  if (result.rttMs !== undefined) parts.push(formatMessage(text.roundTrip, { ms: result.rttMs }));
  return parts.join(' · ');
}

/**
 * Check microphone, camera, call service and media server before a call, and show
 * each step's status (a list; the outcome is announced politely). Its code, and the
 * check's, load only where it is used.
 *
 * @example
 * ```tsx
 * <PreCallCheck video onComplete={(report) => setReady(report.status === 'passed')} />
 * <PreCallCheck locale="zh-CN" autoStart />
 * ```
 */
export function PreCallCheck(props: PreCallCheckProps) {
  const { locale, messages, onComplete, className, audio, video, deviceIds, timeouts, micThreshold, mediaDevices, meters, client, autoStart, ...rest } =
    props;
  const { report, running, start, cancel } = usePreCallCheck({ audio, video, deviceIds, timeouts, micThreshold, mediaDevices, meters, client, autoStart });
  const language = useRingLanguage({ locale });
  const ring = useRingMessages({ locale });
  const text = useMemo(() => resolvePreCallCheckMessages(language.lang, messages), [language.lang, messages]);
  const completed = useRef(onComplete);
  useEffect(() => {
    completed.current = onComplete;
  });
  const status = report?.status ?? 'idle';
  useEffect(() => {
    if (report && report.status !== 'running') completed.current?.(report);
  }, [report]);

  return (
    <section {...language} {...rest} aria-label={text.title} data-state={status} className={classNames('rk-pre-call-check', className)}>
      {report ? (
        <ol className="rk-pre-call-check__steps">
          {report.steps.map((result) => {
            const reason = reasonOf(result, text, ring);
            const detail = detailOf(result, text);
            return (
              <li
                key={result.step}
                className="rk-pre-call-check__step"
                data-state={result.status}
                data-rk-step={result.step}
                data-rk-error={result.error?.code}
              >
                <span className="rk-pre-call-check__icon" aria-hidden="true">
                  {ICONS[result.status]}
                </span>
                <span className="rk-pre-call-check__name">{text.steps[result.step]}</span>
                <span className="rk-pre-call-check__status">{text.statuses[result.status]}</span>
                {result.step === 'microphone' && result.status === 'running' ? (
                  <meter className="rk-pre-call-check__level" aria-label={text.steps.microphone} min={0} max={1} value={result.level ?? 0} />
                ) : null}
                {detail ? <span className="rk-pre-call-check__detail">{detail}</span> : null}
                {reason ? <span className="rk-pre-call-check__error">{reason}</span> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      <p className="rk-pre-call-check__summary" role="status">
        {report ? text.summary[report.status] : ''}
      </p>
      <button
        type="button"
        className="rk-pre-call-check__button"
        data-rk-action={running ? 'stop' : 'start'}
        onClick={running ? cancel : () => void start().catch(() => undefined)}
      >
        {running ? text.stop : report ? text.again : text.start}
      </button>
    </section>
  );
}

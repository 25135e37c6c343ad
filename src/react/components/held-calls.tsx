'use client';
/**
 * `<HeldCalls>`: the calls this user put on hold (call waiting), each with Resume.
 *
 * @packageDocumentation
 */
import type { HTMLAttributes, MouseEvent, Ref } from 'react';
import type { CurrentCall, RingClient } from '../../core/ring-client.js';
import type { LocaleProps } from '../i18n/context.js';
import { formatMessage } from '../i18n/messages.js';
import { useWaitingMessages } from '../i18n/waiting-messages.js';
import { useCalls } from '../use-calls.js';
import { classNames } from './compose.js';
import { Icon } from './icons.js';
import { displayNames, type UserLookup } from './users.js';

/** Props of {@link HeldCalls}. */
export interface HeldCallsProps extends LocaleProps, Omit<HTMLAttributes<HTMLElement>, 'children' | 'onError'> {
  /** The `<section>`. */
  ref?: Ref<HTMLElement>;
  /** Names of the people in the held calls. */
  getUser?: UserLookup;
  /** A client other than the provider's. */
  client?: RingClient;
  /** Runs before a call is resumed; `preventDefault()` stops it. */
  onResume?: (event: MouseEvent<HTMLButtonElement>, call: CurrentCall) => void;
  /** Called when resuming fails (the error is also on the client's snapshot). */
  onError?: (error: unknown) => void;
}

/**
 * The calls this user holds, as a labelled list ("Calls on hold"): who each is with, and a
 * Resume button (named "Resume call with Bob"). Resuming one puts the call in progress on
 * hold (swap). Renders nothing while no call is on hold. `<CallView>` shows it.
 *
 * @example
 * ```tsx
 * <HeldCalls getUser={(id) => contacts[id]} onError={report} />
 * ```
 */
export function HeldCalls(props: HeldCallsProps) {
  const { getUser, client, locale, messages: overrides, onResume, onError, className, ref, ...rest } = props;
  const { held, resume } = useCalls(client);
  const words = useWaitingMessages({ locale, messages: overrides });
  if (held.length === 0) return null;
  return (
    <section ref={ref} aria-label={words.heldCalls} {...rest} className={classNames('rk-held-calls', className)}>
      <ul className="rk-held-calls__list">
        {held.map((call) => {
          const name = displayNames(call.peers, getUser);
          return (
            <li key={call.callId} className="rk-held-calls__item" data-state="held">
              <span className="rk-held-calls__name">{formatMessage(words.heldCall, { name })}</span>
              <button
                type="button"
                className="rk-button rk-held-calls__resume"
                data-rk-action="resume"
                aria-label={formatMessage(words.resumeCallLabel, { name })}
                onClick={(event) => {
                  onResume?.(event, call);
                  if (!event.defaultPrevented) resume(call.callId).catch((error: unknown) => onError?.(error));
                }}
              >
                <Icon name="phone" />
                <span>{words.resume}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

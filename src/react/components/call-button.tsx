'use client';
/**
 * `<CallButton>`: Call → Cancel → Hang up.
 *
 * @packageDocumentation
 */
import type { ButtonHTMLAttributes, Ref } from 'react';
import { useCallButton, type UseCallButtonOptions } from '../use-call-button.js';
import { classNames, composeHandlers, useMergedRef } from './compose.js';
import { RingingIcon } from './ringing-icons.js';

/** Props of {@link CallButton}. */
export interface CallButtonProps
  extends UseCallButtonOptions,
    Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'children' | 'onError'> {
  /** The `<button>`. */
  ref?: Ref<HTMLButtonElement>;
}

/**
 * A button that calls `to` (audio, or video with `video`), turns into Cancel while
 * it rings and Hang up once answered (or, with `endsCall={false}`, only starts calls).
 * A plain button, not a toggle: its accessible name says the action and who with
 * ("Video call Bob", "Cancel call to Bob", "Hang up call with Bob"). While the client
 * connects (also in server-rendered HTML), is offline or busy it stays focusable but
 * `aria-disabled`, with the reason next to it. State is on `data-state`. The user's
 * `onClick` runs first; `preventDefault()` stops the action.
 *
 * @example
 * ```tsx
 * <RingProvider client={client}>
 *   <CallButton to="bob" video className="my-button" />
 * </RingProvider>
 * ```
 */
export function CallButton(props: CallButtonProps) {
  const { to, video, extra, getUser, ringback, endsCall, onError, client, locale, messages, className, onClick, ref, ...rest } =
    props;
  const { state, text, reason, buttonProps, reasonProps } = useCallButton({
    to,
    video,
    extra,
    getUser,
    ringback,
    endsCall,
    onError,
    client,
    locale,
    messages,
  });
  const buttonRef = useMergedRef(buttonProps.ref, ref);
  const starts = state === 'idle' || state === 'connecting' || state === 'unavailable';
  const icon = starts ? (video ? 'video' : 'phone') : 'hangup';
  return (
    <>
      <button
        {...rest}
        {...buttonProps}
        ref={buttonRef}
        onClick={composeHandlers(onClick, buttonProps.onClick)}
        className={classNames('rk-call-button', className)}
      >
        <RingingIcon name={icon} />
        <span className="rk-call-button__text">{text}</span>
      </button>
      {reason ? (
        <span {...reasonProps} className="rk-call-button__reason">
          {reason}
        </span>
      ) : null}
    </>
  );
}

'use client';
/**
 * The compact in-call variant of `<IncomingCallModal>` (call waiting): a call rings
 * during another one. Loaded on demand, so a page that never shows it does not carry it.
 *
 * @packageDocumentation
 */
import type { HTMLAttributes, MouseEvent, Ref } from 'react';
import { formatMessage } from '../i18n/messages.js';
import { useWaitingDialogMessages } from '../i18n/waiting-dialog-messages.js';
import type { LocaleProps } from '../i18n/context.js';
import type { IncomingCallModalBag } from '../use-incoming-call-modal.js';
import { useRingSelector } from '../use-ring-client.js';
import type { RingClient } from '../../core/ring-client.js';
import { classNames, composeHandlers, initialsOf } from './compose.js';
import { Icon } from './icons.js';
import { displayNames, type UserLookup } from './users.js';

type ClickHandler = (event: MouseEvent<HTMLButtonElement>) => void;

/** Props of {@link IncomingCallWaiting}. */
export interface IncomingCallWaitingProps extends LocaleProps, Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'role' | 'onError'> {
  /** The modal's headless bag (its dialog, title and button props). */
  bag: IncomingCallModalBag;
  /** The dialog element (the bag's ref merged with the app's). */
  dialogRef: Ref<HTMLDivElement>;
  /** Names of the people in the current call. */
  getUser?: UserLookup;
  /** The modal's client, if not the provider's. */
  client?: RingClient;
  /** Runs before declining; `preventDefault()` stops it. */
  onDecline?: ClickHandler;
  /** Runs before ending the current call and accepting; `preventDefault()` stops it. */
  onEndAndAccept?: ClickHandler;
  /** Runs before holding the current call and accepting; `preventDefault()` stops it. */
  onHoldAndAccept?: ClickHandler;
}

/**
 * The call-waiting alert dialog: who calls, who this user talks to meanwhile, and Decline
 * (focused first: the safe action; the caller hears busy), End and accept, Hold and accept.
 *
 * @example
 * ```tsx
 * <IncomingCallWaiting bag={bag} dialogRef={ref} />
 * ```
 *
 * @internal
 */
export function IncomingCallWaiting(props: IncomingCallWaitingProps) {
  const { bag, dialogRef, getUser, client, locale, messages: overrides, onDecline, onEndAndAccept, onHoldAndAccept, className, ...rest } = props;
  const words = useWaitingDialogMessages({ locale, messages: overrides });
  const during = useRingSelector((snapshot) => (snapshot.call?.status === 'ended' ? undefined : snapshot.call?.peers), client);
  const { call, caller, messages } = bag;
  if (!call || !caller) return null;
  return (
    <div {...rest} {...bag.dialogProps} ref={dialogRef} data-rk-waiting="" className={classNames('rk-incoming', 'rk-incoming--waiting', className)}>
      <span className="rk-incoming__avatar" aria-hidden="true">
        {caller.avatarUrl ? <img src={caller.avatarUrl} alt="" /> : initialsOf(caller.name)}
      </span>
      <div className="rk-incoming__text">
        <h2 className="rk-incoming__title" {...bag.titleProps}>
          <Icon name={call.media === 'video' ? 'video' : 'phone'} />
          <span>{words.waitingTitle}</span>
        </h2>
        <p className="rk-incoming__description" {...bag.descriptionProps}>
          {formatMessage(words.waitingFrom, { name: caller.name })}
          {during?.length ? ` · ${formatMessage(words.waitingDuring, { name: displayNames(during, getUser) })}` : ''}
        </p>
      </div>
      <div className="rk-incoming__actions">
        <button {...bag.declineProps} onClick={composeHandlers(onDecline, bag.declineProps.onClick)} className="rk-button rk-button--decline">
          <Icon name="hangup" />
          <span>{messages.decline}</span>
        </button>
        <button
          {...bag.endAndAcceptProps}
          onClick={composeHandlers(onEndAndAccept, bag.endAndAcceptProps.onClick)}
          className="rk-button rk-button--end-and-accept"
        >
          <span>{words.endAndAccept}</span>
        </button>
        <button
          {...bag.holdAndAcceptProps}
          onClick={composeHandlers(onHoldAndAccept, bag.holdAndAcceptProps.onClick)}
          className="rk-button rk-button--accept"
        >
          <Icon name="swap" />
          <span>{words.holdAndAccept}</span>
        </button>
      </div>
    </div>
  );
}

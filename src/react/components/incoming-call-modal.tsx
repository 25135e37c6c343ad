'use client';
/**
 * `<IncomingCallModal>`: the alert dialog that rings for the callee.
 *
 * @packageDocumentation
 */
import { lazy, Suspense, useEffect, type HTMLAttributes, type MouseEvent, type ReactNode, type Ref } from 'react';
import { createPortal } from 'react-dom';
import type { CallInfo, Extra } from '../../protocol/protocol.js';
import { formatMessage } from '../i18n/ringing-messages.js';
import {
  useIncomingCallModal,
  type IncomingCaller,
  type UseIncomingCallModalOptions,
} from '../use-incoming-call-modal.js';
import { useRingSelector } from '../use-ring-client.js';
import { classNames, composeHandlers, initialsOf, useMergedRef } from './compose.js';
import { RingingIcon } from './ringing-icons.js';
import { IncomingQuickReplies } from './incoming-quick-replies.js';
import { displayNames } from './users.js';

/** Props of {@link IncomingCallModal}. */
export interface IncomingCallModalProps
  extends UseIncomingCallModalOptions,
    Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'role' | 'onError'> {
  /** The dialog element. */
  ref?: Ref<HTMLDivElement>;
  /** Replace the caller block (avatar and name). */
  renderCaller?: (caller: IncomingCaller, call: CallInfo) => ReactNode;
  /** Show the invite's `extra`; by default its text, number and yes/no fields are listed. */
  renderExtra?: (extra: Extra, call: CallInfo) => ReactNode;
  /** Render in place instead of in a portal on `document.body`. */
  inline?: boolean;
  /** Runs before accepting; `preventDefault()` stops it. */
  onAccept?: (event: MouseEvent<HTMLButtonElement>) => void;
  /** Runs before accepting audio-only; `preventDefault()` stops it. */
  onAcceptAudio?: (event: MouseEvent<HTMLButtonElement>) => void;
  /** Runs before declining; `preventDefault()` stops it. */
  onDecline?: (event: MouseEvent<HTMLButtonElement>) => void;
  /** Call waiting: runs before ending the current call and accepting; `preventDefault()` stops it. */
  onEndAndAccept?: (event: MouseEvent<HTMLButtonElement>) => void;
  /** Call waiting: runs before holding the current call and accepting; `preventDefault()` stops it. */
  onHoldAndAccept?: (event: MouseEvent<HTMLButtonElement>) => void;
}

/** The call-waiting variant's module, loaded once a call is live (so it is there when a second call rings). */
const loadWaiting = () => import('./incoming-call-waiting.js');
const IncomingCallWaiting = lazy(() => loadWaiting().then((module) => ({ default: module.IncomingCallWaiting })));

function DefaultExtra({ extra }: { extra: Extra }) {
  const rows = Object.entries(extra).filter(
    (entry): entry is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof entry[1]),
  );
  if (rows.length === 0) return null;
  return (
    <dl className="rk-incoming__extra">
      {rows.map(([key, value]) => (
        <div key={key} className="rk-incoming__extra-row">
          <dt>{key}</dt>
          <dd>{String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Rings for the callee: an accessible alert dialog (labelled, focus trapped and looped,
 * Decline focused first, no dismissal by an outside click, Escape never accepts; after
 * Accept focus moves into `<CallView>`, after Decline back where it was) with
 * the caller, audio or video, the invite's `extra`, and Accept, Accept as audio (video
 * calls) and Decline, then Ignore (this device stops ringing) and quick replies (decline
 * with words the caller sees; `quickReplies`). Several ringing calls queue. During another call
 * (call waiting) it shows a compact variant instead: Decline (focused first), End and accept,
 * Hold and accept, with a short call-waiting beep for a ringtone. Plays the ringtone in one tab of the
 * user; optional browser notification while the tab is hidden. Renders nothing while
 * nothing rings.
 *
 * @example
 * ```tsx
 * <IncomingCallModal
 *   getUser={(id) => contacts[id]}
 *   renderExtra={(extra) => <p>{String(extra.subject)}</p>}
 *   quickReplies={["Can't talk, text me", 'Call you in 10 minutes']}
 *   notification
 * />
 * ```
 */
export function IncomingCallModal(props: IncomingCallModalProps) {
  const {
    getUser,
    ringtone,
    notification,
    onError,
    client,
    locale,
    messages: overrides,
    quickReplies,
    renderCaller,
    renderExtra,
    inline = false,
    onAccept,
    onAcceptAudio,
    onDecline,
    onEndAndAccept,
    onHoldAndAccept,
    onOpenAutoFocus,
    onCloseAutoFocus,
    className,
    ref,
    ...rest
  } = props;
  const bag = useIncomingCallModal({
    getUser,
    ringtone,
    notification,
    onError,
    client,
    locale,
    messages: overrides,
    quickReplies,
    onOpenAutoFocus,
    onCloseAutoFocus,
  });
  const dialogRef = useMergedRef(bag.dialogProps.ref, ref);
  const inCall = useRingSelector((snapshot) => snapshot.calls.some((live) => live.status !== 'incoming'), client);
  useEffect(() => {
    if (inCall) void loadWaiting().catch(() => undefined);
  }, [inCall]);
  const { call, caller, queue, messages } = bag;
  if (!call || !caller) return null;
  const dialog = bag.waiting ? (
    <div className="rk-incoming-backdrop rk-incoming-backdrop--waiting" data-rk-inline={inline ? '' : undefined}>
      <Suspense fallback={null}>
        <IncomingCallWaiting
          {...rest}
          bag={bag}
          dialogRef={dialogRef}
          className={className}
          getUser={getUser}
          client={client}
          locale={locale}
          messages={overrides}
          onDecline={onDecline}
          onEndAndAccept={onEndAndAccept}
          onHoldAndAccept={onHoldAndAccept}
        />
      </Suspense>
    </div>
  ) : (
    <div className="rk-incoming-backdrop" data-rk-inline={inline ? '' : undefined}>
      <div
        {...rest}
        {...bag.dialogProps}
        ref={dialogRef}
        className={classNames('rk-incoming', className)}
      >
        {renderCaller ? (
          renderCaller(caller, call)
        ) : (
          <div className="rk-incoming__caller">
            <span className="rk-incoming__avatar" aria-hidden="true">
              {caller.avatarUrl ? <img src={caller.avatarUrl} alt="" /> : initialsOf(caller.name)}
            </span>
          </div>
        )}
        <h2 className="rk-incoming__title" {...bag.titleProps}>
          <RingingIcon name={call.media === 'video' ? 'video' : 'phone'} />
          <span>{bag.title}</span>
        </h2>
        <p className="rk-incoming__description" {...bag.descriptionProps}>
          {bag.description}
        </p>
        {bag.others.length ? (
          <p className="rk-incoming__others">
            {formatMessage(messages.withOthers, { names: displayNames(bag.others, getUser) })}
          </p>
        ) : null}
        {call.extra ? (renderExtra ? renderExtra(call.extra, call) : <DefaultExtra extra={call.extra} />) : null}
        {queue.length > 1 ? (
          <p className="rk-incoming__queue">{formatMessage(messages.queuePosition, { index: 1, count: queue.length })}</p>
        ) : null}
        <div className="rk-incoming__actions">
          <button
            {...bag.declineProps}
            onClick={composeHandlers(onDecline, bag.declineProps.onClick)}
            className="rk-button rk-button--decline"
          >
            <RingingIcon name="hangup" />
            <span>{messages.decline}</span>
          </button>
          {bag.acceptAudioProps ? (
            <button
              {...bag.acceptAudioProps}
              onClick={composeHandlers(onAcceptAudio, bag.acceptAudioProps.onClick)}
              className="rk-button rk-button--accept-audio"
            >
              <RingingIcon name="phone" />
              <span>{messages.acceptAsAudio}</span>
            </button>
          ) : null}
          <button
            {...bag.acceptProps}
            onClick={composeHandlers(onAccept, bag.acceptProps.onClick)}
            className="rk-button rk-button--accept"
          >
            <RingingIcon name={call.media === 'video' ? 'video' : 'phone'} />
            <span>{messages.accept}</span>
          </button>
        </div>
        <IncomingQuickReplies key={call.callId} bag={bag} />
      </div>
    </div>
  );
  if (inline || typeof document === 'undefined') return dialog;
  return createPortal(dialog, document.body);
}

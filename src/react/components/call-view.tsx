'use client';
/**
 * `<CallView>`: the current call, with remote and local tiles, status and controls.
 *
 * @packageDocumentation
 */
import type { HTMLAttributes, MouseEvent, Ref } from 'react';
import { formatMessage } from '../i18n/messages.js';
import { describeScreenShareErrorIn, useScreenShareMessages } from '../i18n/screen-share-messages.js';
import { useCallView, type UseCallViewOptions } from '../use-call-view.js';
import { useScreenShare } from '../use-screen-share.js';
import type { VideoFit } from '../use-video-tile.js';
import { HeldCalls } from './held-calls.js';
import { CallControls, type CallControlsProps } from './call-controls.js';
import type { BackgroundImage } from './effects-menu.js';
import { classNames, composeHandlers, useMergedRef, VISUALLY_HIDDEN } from './compose.js';
import { displayName } from './users.js';
import { VideoTile } from './video-tile.js';

/** Props of {@link CallView}. */
export interface CallViewProps extends UseCallViewOptions, Omit<HTMLAttributes<HTMLElement>, 'children'> {
  /** The `<section>`. */
  ref?: Ref<HTMLElement>;
  /** Show `<CallControls>` (default true). */
  controls?: boolean;
  /** Show device pickers in the controls (default true). */
  devices?: boolean;
  /** Images the controls' effects menu offers as backgrounds (default none: only blur). */
  backgrounds?: readonly BackgroundImage[];
  /** How remote video fills its tile (default `contain`). */
  fit?: VideoFit;
  /** Runs before an ended call is closed; `preventDefault()` keeps it. */
  onDismiss?: (event: MouseEvent<HTMLButtonElement>) => void;
  /** Called when a control fails. */
  onControlError?: (error: unknown) => void;
  /** The picture-in-picture control: `false` hides it, `{ auto: true }` opens the window by itself when the tab is left (see `<CallControls>`). */
  pictureInPicture?: CallControlsProps['pictureInPicture'];
}

/**
 * The current call: the remote participant large (a grid for group calls), this device
 * as picture-in-picture; a remote shared screen large with the camera tiles beside it
 * ("You are sharing your screen" while this device shares); a status line (calling, ringing, connecting, in call with the
 * duration, or on hold), a reconnecting banner, the calls on hold with Resume (`<HeldCalls>`,
 * call waiting), the end reason in words once it ended (with a Close
 * button), and `<CallControls>`. Renders nothing when there is no call. A region named
 * "Call with Bob", described by the duration; when the call ends with focus inside it,
 * focus moves to Close, and Close returns focus to where the call started (see
 * `onEndAutoFocus`, `onCloseAutoFocus`).
 *
 * @example
 * ```tsx
 * <RingProvider client={client}>
 *   <CallView getUser={(id) => contacts[id]} fit="cover" />
 * </RingProvider>
 * ```
 */
export function CallView(props: CallViewProps) {
  const {
    getUser,
    ringback,
    client,
    locale,
    messages: overrides,
    controls = true,
    devices = true,
    backgrounds,
    fit = 'contain',
    onDismiss,
    onControlError,
    pictureInPicture = true,
    onEndAutoFocus,
    onCloseAutoFocus,
    className,
    ref,
    ...rest
  } = props;
  const view = useCallView({ getUser, ringback, client, locale, messages: overrides, onEndAutoFocus, onCloseAutoFocus });
  const rootRef = useMergedRef(view.rootProps.ref, ref);
  const screen = useScreenShare({ client });
  const screenText = useScreenShareMessages({ locale, messages: overrides });
  const { call, messages, presenter } = view;
  if (!call) return null;
  const ended = call.status === 'ended';
  const lookup = (user: string) => ({ name: displayName(user, getUser), avatarUrl: getUser?.(user)?.avatarUrl });
  return (
    <section
      aria-label={formatMessage(messages.callRegion, { name: view.names })}
      {...view.rootProps}
      {...rest}
      ref={rootRef}
      className={classNames('rk-call-view', className)}
    >
      {view.reconnecting ? (
        <p className="rk-call-view__banner" role="alert">
          {messages.reconnectingBanner}
        </p>
      ) : null}
      {view.deviceErrorText ? (
        <p className="rk-call-view__device-error" role="alert">
          {view.deviceErrorText}
        </p>
      ) : null}
      {screen.error ? (
        <p className="rk-call-view__device-error" role="alert">
          {describeScreenShareErrorIn(screenText, screen.error)}
        </p>
      ) : null}
      <HeldCalls getUser={getUser} client={client} locale={locale} messages={overrides} onError={onControlError} className="rk-call-view__held" />
      <div className="rk-call-view__header">
        <p className="rk-call-view__status" role="status">
          {view.statusText}
        </p>
        {screen.sharing ? <p className="rk-call-view__sharing">{screenText.sharingScreen}</p> : null}
        {view.durationText ? (
          <p className="rk-call-view__duration" {...view.durationProps}>
            <time dateTime={`PT${view.durationSeconds}S`} aria-hidden="true">
              {view.durationText}
            </time>
            <span style={VISUALLY_HIDDEN}>{view.durationLabel}</span>
          </p>
        ) : null}
      </div>
      {ended ? null : (
        <div className="rk-call-view__stage" role="group" aria-label={messages.participants}>
          {presenter ? (
            <VideoTile
              className="rk-call-view__screen"
              track={presenter.screenShareTrack}
              name={formatMessage(screenText.screenOf, { name: displayName(presenter.user, getUser) })}
              mirror={false}
              fit="contain"
              locale={locale}
              messages={overrides}
              data-rk-screen=""
            />
          ) : null}
          {view.remotes.map((participant) => (
            <VideoTile
              key={participant.identity}
              className="rk-call-view__remote"
              participant={participant}
              fit={fit}
              locale={locale}
              messages={overrides}
              {...lookup(participant.user)}
            />
          ))}
          {view.waitingFor.map((user) => (
            <VideoTile
              key={user}
              className="rk-call-view__remote"
              data-rk-waiting=""
              locale={locale}
              messages={overrides}
              {...lookup(user)}
            />
          ))}
          {view.local ? (
            <VideoTile
              className="rk-call-view__local"
              participant={view.local}
              fit="cover"
              locale={locale}
              messages={overrides}
              {...lookup(view.local.user)}
            />
          ) : null}
        </div>
      )}
      {ended ? (
        <button
          {...view.dismissProps}
          onClick={composeHandlers(onDismiss, view.dismissProps.onClick)}
          className="rk-button rk-call-view__dismiss"
        >
          {messages.dismiss}
        </button>
      ) : controls ? (
        <CallControls
          client={client}
          locale={locale}
          messages={overrides}
          devices={devices}
          backgrounds={backgrounds}
          onError={onControlError}
          pictureInPicture={pictureInPicture === false ? false : { getUser, ...(pictureInPicture === true ? {} : pictureInPicture) }}
          className="rk-call-view__controls"
        />
      ) : null}
    </section>
  );
}

'use client';
/**
 * `<CallControls>`: microphone, camera, audio/video switch, device pickers and hang up.
 *
 * @packageDocumentation
 */
import type { HTMLAttributes, MouseEvent, Ref } from 'react';
import { useRingLanguage } from '../i18n/context.js';
import { useCallControls, type UseCallControlsOptions } from '../use-call-controls.js';
import { classNames, composeHandlers } from './compose.js';
import { DeviceSelect } from './device-select.js';
import { EffectsMenu, type BackgroundImage } from './effects-menu.js';
import { Icon } from './icons.js';
import { HoldControl } from './hold-control.js';
import { ScreenShareControl } from './screen-share-control.js';
import { PictureInPictureControl, type PictureInPictureControlProps } from './picture-in-picture-control.js';

type ClickHandler = (event: MouseEvent<HTMLButtonElement>) => void;

/** Props of {@link CallControls}. */
export interface CallControlsProps
  extends UseCallControlsOptions,
    Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'role' | 'onError'> {
  /** The group element. */
  ref?: Ref<HTMLDivElement>;
  /** Show microphone, camera and speaker pickers (default true). */
  devices?: boolean;
  /** Show the effects menu: background blur/images and sound switches (default true). */
  effectsMenu?: boolean;
  /** Images the effects menu offers as backgrounds (default none: only blur). */
  backgrounds?: readonly BackgroundImage[];
  /** Runs before the microphone toggles; `preventDefault()` stops it. */
  onToggleMicrophone?: ClickHandler;
  /** Runs before the camera toggles; `preventDefault()` stops it. */
  onToggleCamera?: ClickHandler;
  /** Runs before switching between audio and video; `preventDefault()` stops it. */
  onSwitchMedia?: ClickHandler;
  /** Runs before hanging up; `preventDefault()` stops it. */
  onHangUp?: ClickHandler;
  /** Show the screen share toggle where the browser can share (default true). */
  screenShare?: boolean;
  /** Runs before screen sharing starts or stops; `preventDefault()` stops it. */
  onToggleScreenShare?: ClickHandler;
  /** Runs before the call goes on or off hold; `preventDefault()` stops it. */
  onToggleHold?: ClickHandler;
  /**
   * The picture-in-picture toggle, where the browser has picture-in-picture (default shown):
   * `false` hides it; options such as `{ auto: true }` go to `usePictureInPicture`.
   */
  pictureInPicture?: boolean | Omit<PictureInPictureControlProps, 'client' | 'locale' | 'messages'>;
}

/**
 * The controls of the current call, as a labelled group of buttons with visible text:
 * mute (`aria-pressed` while muted), camera off (video calls), switch to audio/video,
 * Share screen (`aria-pressed` while sharing; hidden where the browser cannot share), Hold
 * (`aria-pressed` while this user holds the call; call waiting), device pickers, the effects
 * menu (background and sound), and Hang up. Renders nothing when there is no call.
 *
 * @example
 * ```tsx
 * <CallControls devices={false} onHangUp={() => analytics.track('hangup')} />
 * ```
 */
export function CallControls(props: CallControlsProps) {
  const {
    onError,
    client,
    locale,
    messages: overrides,
    devices = true,
    effectsMenu = true,
    backgrounds,
    onToggleMicrophone,
    onToggleCamera,
    onSwitchMedia,
    onHangUp,
    screenShare = true,
    onToggleScreenShare,
    onToggleHold,
    pictureInPicture = true,
    className,
    ref,
    ...rest
  } = props;
  const controls = useCallControls({ onError, client, locale, messages: overrides });
  const language = useRingLanguage({ locale, messages: overrides });
  const { messages } = controls;
  if (!controls.inCall) return null;
  return (
    <div
      ref={ref}
      role="group"
      aria-label={messages.callControls}
      {...language}
      data-state={controls.status}
      {...rest}
      className={classNames('rk-controls', className)}
    >
      <button
        {...controls.micProps}
        onClick={composeHandlers(onToggleMicrophone, controls.micProps.onClick)}
        className="rk-control"
      >
        <Icon name={controls.micEnabled ? 'mic' : 'mic-off'} />
        <span className="rk-control__text">{messages.muteMicrophone}</span>
      </button>
      {controls.media === 'video' ? (
        <button
          {...controls.cameraProps}
          onClick={composeHandlers(onToggleCamera, controls.cameraProps.onClick)}
          className="rk-control"
        >
          <Icon name={controls.cameraEnabled ? 'video' : 'camera-off'} />
          <span className="rk-control__text">{messages.turnCameraOff}</span>
        </button>
      ) : null}
      <button
        {...controls.switchProps}
        onClick={composeHandlers(onSwitchMedia, controls.switchProps.onClick)}
        className="rk-control"
      >
        <Icon name="swap" />
        <span className="rk-control__text">{controls.switchText}</span>
      </button>
      {screenShare ? (
        <ScreenShareControl client={client} locale={locale} messages={overrides} onToggle={onToggleScreenShare} onError={onError} />
      ) : null}
      <HoldControl client={client} locale={locale} messages={overrides} onToggle={onToggleHold} onError={onError} />
      {pictureInPicture ? (
        <PictureInPictureControl
          onError={onError}
          {...(pictureInPicture === true ? {} : pictureInPicture)}
          client={client}
          locale={locale}
          messages={overrides}
        />
      ) : null}
      {devices ? (
        <div className="rk-controls__devices">
          <DeviceSelect kind="audioinput" client={client} locale={locale} messages={overrides} />
          {controls.media === 'video' ? <DeviceSelect kind="videoinput" client={client} locale={locale} messages={overrides} /> : null}
          <DeviceSelect kind="audiooutput" client={client} locale={locale} messages={overrides} />
        </div>
      ) : null}
      {effectsMenu ? <EffectsMenu client={client} locale={locale} messages={overrides} backgrounds={backgrounds} /> : null}
      <button
        {...controls.hangupProps}
        onClick={composeHandlers(onHangUp, controls.hangupProps.onClick)}
        className="rk-control rk-control--hangup"
      >
        <Icon name="hangup" />
        <span className="rk-control__text">{messages.hangUp}</span>
      </button>
    </div>
  );
}

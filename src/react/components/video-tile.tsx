/**
 * `<VideoTile>`: one participant's video (or avatar), name and state badges.
 *
 * @packageDocumentation
 */
import type { HTMLAttributes, ReactNode, Ref } from 'react';
import { formatMessage } from '../i18n/messages.js';
import { useVideoTile, type UseVideoTileOptions } from '../use-video-tile.js';
import { classNames } from './compose.js';
import { Icon } from './icons.js';

/** Props of {@link VideoTile}. */
export interface VideoTileProps extends UseVideoTileOptions, Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The root `<div>`. */
  ref?: Ref<HTMLDivElement>;
  /**
   * Captions or a transcript of this participant (for example from a speech-to-text
   * service), shown over the bottom of the video above the name. Give it your own
   * `lang` when its language differs from the page's.
   */
  captions?: ReactNode;
}

/**
 * Shows a participant's camera (a LiveKit track is attached with `attach`, a plain
 * track through `srcObject`), mirrored for the local camera, or their avatar or
 * initials while the camera is off; with name, muted microphone, speaking and
 * connection-quality badges, and optional `captions`. State is on `data-rk-*` attributes.
 *
 * @example
 * ```tsx
 * const { remoteParticipants } = useCall();
 * return remoteParticipants.map((p) => <VideoTile key={p.identity} participant={p} fit="contain" />);
 * ```
 */
export function VideoTile(props: VideoTileProps) {
  const {
    participant,
    track,
    name,
    avatarUrl,
    mirror,
    fit,
    playAudio,
    locale,
    messages,
    captions,
    className,
    ref,
    ...rest
  } = props;
  const { state, text, label, rootProps, videoProps, audioProps } = useVideoTile({
    participant,
    track,
    name,
    avatarUrl,
    mirror,
    fit,
    playAudio,
    locale,
    messages,
  });
  return (
    <div ref={ref} {...rootProps} {...rest} className={classNames('rk-tile', className)}>
      {videoProps ? (
        <video className="rk-tile__video" {...videoProps} />
      ) : (
        <div className="rk-tile__avatar">
          {avatarUrl ? (
            <img className="rk-tile__avatar-image" src={avatarUrl} alt="" />
          ) : (
            <span className="rk-tile__initials" aria-hidden="true">
              {state.initials}
            </span>
          )}
        </div>
      )}
      {audioProps ? <audio {...audioProps} /> : null}
      {captions ? <div className="rk-tile__captions">{captions}</div> : null}
      <div className="rk-tile__footer">
        {label ? <span className="rk-tile__name">{label}</span> : null}
        {state.micMuted ? (
          <span className="rk-tile__badge" data-rk-badge="mic-off" role="img" aria-label={text.micMuted}>
            <Icon name="mic-off" size={16} />
          </span>
        ) : null}
        {!state.hasVideo && (participant || track) ? (
          <span className="rk-tile__badge" data-rk-badge="camera-off" role="img" aria-label={text.cameraOff}>
            <Icon name="camera-off" size={16} />
          </span>
        ) : null}
        {state.speaking ? (
          <span className="rk-tile__badge" data-rk-badge="speaking" role="img" aria-label={text.speaking}>
            <Icon name="speaking" size={16} />
          </span>
        ) : null}
        {state.quality ? (
          <span
            className="rk-tile__quality"
            data-rk-quality={state.quality}
            role="img"
            aria-label={formatMessage(text.connectionQuality, { quality: text.quality[state.quality] })}
          >
            <span className="rk-tile__bar" aria-hidden="true" />
            <span className="rk-tile__bar" aria-hidden="true" />
            <span className="rk-tile__bar" aria-hidden="true" />
          </span>
        ) : null}
      </div>
    </div>
  );
}

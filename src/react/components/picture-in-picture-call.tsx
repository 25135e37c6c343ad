'use client';
/**
 * `<PictureInPictureCall>`: the mini call shown in the picture-in-picture window.
 *
 * @packageDocumentation
 */
import type { HTMLAttributes, Ref } from 'react';
import type { RingClient } from '../../core/ring-client.js';
import { useRingLanguage, type LocaleProps } from '../i18n/context.js';
import { formatMessage } from '../i18n/messages.js';
import { participantsEqual } from '../participants-equal.js';
import { shallowEqual } from '../shallow-equal.js';
import { useCallControls } from '../use-call-controls.js';
import { useRingSelector } from '../use-ring-client.js';
import { classNames } from './compose.js';
import { Icon } from './icons.js';
import { displayName, displayNames, type UserLookup } from './users.js';
import { VideoTile } from './video-tile.js';

/** Props of {@link PictureInPictureCall}. */
export interface PictureInPictureCallProps extends LocaleProps, Omit<HTMLAttributes<HTMLElement>, 'children'> {
  /** The `<section>`. */
  ref?: Ref<HTMLElement>;
  /** Names and avatars of the people in the call. */
  getUser?: UserLookup;
  /** A client other than the provider's. */
  client?: RingClient;
  /** Called when mute or hang up fails. */
  onControlError?: (error: unknown) => void;
}

/**
 * The current call, small: the other people's video (their avatar or initials while a camera is
 * off or nobody joined yet), Mute and Hang up. What `usePictureInPicture` shows in a Document
 * Picture-in-Picture window; usable anywhere, for example as the start of your own `content`.
 * Plays no audio (the page does). Renders nothing when there is no call.
 *
 * @example
 * ```tsx
 * const pip = usePictureInPicture({ content: <PictureInPictureCall getUser={(id) => contacts[id]} /> });
 * ```
 */
export function PictureInPictureCall(props: PictureInPictureCallProps) {
  const { getUser, client, locale, messages: overrides, onControlError, className, ref, ...rest } = props;
  const call = useRingSelector((snapshot) => snapshot.call && { status: snapshot.call.status, peers: snapshot.call.peers }, client, shallowEqual);
  const remotes = useRingSelector((snapshot) => snapshot.media?.remotes ?? [], client, participantsEqual);
  const controls = useCallControls({ client, locale, messages: overrides, onError: onControlError });
  const language = useRingLanguage({ locale, messages: overrides });
  const { messages } = controls;
  if (!call || call.status === 'ended') return null;
  const present = new Set(remotes.map((participant) => participant.user));
  const waiting = call.peers.filter((peer) => !present.has(peer));
  const lookup = (user: string) => ({ name: displayName(user, getUser), avatarUrl: getUser?.(user)?.avatarUrl });
  return (
    <section
      aria-label={formatMessage(messages.callRegion, { name: displayNames(call.peers, getUser) })}
      {...language}
      data-state={call.status}
      {...rest}
      ref={ref}
      className={classNames('rk-pip', className)}
    >
      <div className="rk-pip__stage" data-rk-count={remotes.length + waiting.length}>
        {remotes.map((participant) => (
          <VideoTile
            key={participant.identity}
            participant={participant}
            fit="contain"
            playAudio={false}
            locale={locale}
            messages={overrides}
            {...lookup(participant.user)}
          />
        ))}
        {waiting.map((user) => (
          <VideoTile key={user} data-rk-waiting="" locale={locale} messages={overrides} {...lookup(user)} />
        ))}
      </div>
      <div role="group" aria-label={messages.callControls} className="rk-controls rk-pip__controls">
        <button {...controls.micProps} className="rk-control">
          <Icon name={controls.micEnabled ? 'mic' : 'mic-off'} />
          <span className="rk-control__text">{messages.muteMicrophone}</span>
        </button>
        <button {...controls.hangupProps} className="rk-control rk-control--hangup">
          <Icon name="hangup" />
          <span className="rk-control__text">{messages.hangUp}</span>
        </button>
      </div>
    </section>
  );
}

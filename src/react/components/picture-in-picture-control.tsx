'use client';
/**
 * `<PictureInPictureControl>`: the picture-in-picture toggle of `<CallControls>`.
 *
 * @packageDocumentation
 */
import type { ButtonHTMLAttributes, MouseEvent, Ref } from 'react';
import { usePictureInPictureMessages } from '../i18n/pip-messages.js';
import { usePictureInPicture, type UsePictureInPictureOptions } from '../use-picture-in-picture.js';
import { classNames, composeHandlers } from './compose.js';

const PIP_ICON_PATH = <path d="M19 7h-8v6h8zm2-4H3a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h18a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2zm0 16H3V5h18z" />;

/** Props of {@link PictureInPictureControl}. */
export interface PictureInPictureControlProps
  extends UsePictureInPictureOptions,
    Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'type' | 'content' | 'onError' | 'onClick'> {
  /** The button. */
  ref?: Ref<HTMLButtonElement>;
  /** Runs before the window opens or closes; `preventDefault()` stops it. */
  onClick?: (event: MouseEvent<HTMLButtonElement>) => void;
}

/**
 * A toggle button (pressed while the window is open) that opens the current call in a small
 * always-on-top window; see `usePictureInPicture`. Renders nothing where the browser has no
 * picture-in-picture.
 *
 * @example
 * ```tsx
 * <PictureInPictureControl auto getUser={(id) => contacts[id]} />
 * ```
 */
export function PictureInPictureControl(props: PictureInPictureControlProps) {
  const { auto, content, getUser, width, height, onError, client, locale, messages, onClick, className, ref, ...rest } = props;
  const pip = usePictureInPicture({ auto, content, getUser, width, height, onError, client, locale, messages });
  const text = usePictureInPictureMessages({ locale, messages });
  if (!pip.supported) return null;
  return (
    <button
      ref={ref}
      {...rest}
      {...pip.buttonProps}
      onClick={composeHandlers(onClick, pip.buttonProps.onClick)}
      className={classNames('rk-control', className)}
    >
      <svg className="rk-icon" viewBox="0 0 24 24" width={20} height={20} fill="currentColor" aria-hidden="true" focusable="false">
        {PIP_ICON_PATH}
      </svg>
      <span className="rk-control__text">{text.pictureInPicture}</span>
    </button>
  );
}

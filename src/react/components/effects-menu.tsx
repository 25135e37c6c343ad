'use client';
/**
 * `<EffectsMenu>`: background (none, blur, images) and sound (noise suppression, echo cancellation,
 * automatic volume) choices behind one button.
 *
 * @packageDocumentation
 */
import { useId, useRef, useState, type HTMLAttributes, type KeyboardEvent, type Ref } from 'react';
import type { AudioProcessing, VideoEffect } from '../../core/media/effects.js';
import { useRingLanguage, type LocaleProps } from '../i18n/context.js';
import { useEffectsMessages } from '../i18n/effects-messages.js';
import { useAudioProcessing } from '../use-audio-processing.js';
import type { MediaEffectsSource } from '../use-media-effects.js';
import { useVideoEffects } from '../use-video-effects.js';
import { classNames } from './compose.js';

/** Sparkles, decorative like the other control icons (kept here so pages without the menu do not carry it). */
const EFFECTS_ICON = (
  <svg className="rk-icon" viewBox="0 0 24 24" width={20} height={20} fill="currentColor" aria-hidden="true" focusable="false">
    <path d="M12 2l1.8 4.7L18.5 8.5l-4.7 1.8L12 15l-1.8-4.7L5.5 8.5l4.7-1.8zM19 14l.9 2.1L22 17l-2.1.9L19 20l-.9-2.1L16 17l2.1-.9zM6 15l.7 1.6 1.6.7-1.6.7L6 19.6l-.7-1.6-1.6-.7 1.6-.7z" />
  </svg>
);

/** A background image people can choose (serve it from the app's own origin). */
export interface BackgroundImage {
  /** What people see in the menu. */
  label: string;
  /** The image's URL. */
  url: string;
}

/** Props of {@link EffectsMenu}. */
export interface EffectsMenuProps extends MediaEffectsSource, LocaleProps, Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The wrapper element. */
  ref?: Ref<HTMLDivElement>;
  /** Images offered as backgrounds (default none: only blur). */
  backgrounds?: readonly BackgroundImage[];
  /** Open the panel at first (default false). */
  defaultOpen?: boolean;
}

const SWITCHES: ReadonlyArray<keyof AudioProcessing> = ['noiseSuppression', 'echoCancellation', 'autoGainControl'];

function choiceOf(effect: VideoEffect): string {
  return effect.type === 'image' ? `image:${effect.url}` : effect.type;
}

/**
 * A button ("Effects") that shows a panel with the background choices (radio buttons: none, blur and
 * the given images) and the sound switches (checkboxes). Choices are remembered and apply at once to the
 * preview and the call. Escape closes the panel and returns focus to the button. `<CallControls>` shows it.
 *
 * @example
 * ```tsx
 * <EffectsMenu backgrounds={[{ label: 'Office', url: '/backgrounds/office.jpg' }]} />
 * ```
 */
export function EffectsMenu(props: EffectsMenuProps) {
  const { client, effects, locale, messages: overrides, backgrounds = [], defaultOpen = false, className, ref, ...rest } = props;
  const video = useVideoEffects({ client, effects });
  const audio = useAudioProcessing({ client, effects });
  const messages = useEffectsMessages({ locale, messages: overrides });
  const language = useRingLanguage({ locale, messages: overrides });
  const [open, setOpen] = useState(defaultOpen);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  const panelId = `${id}-panel`;
  const chosen = choiceOf(video.effect);
  const options: Array<{ value: string; label: string; effect: VideoEffect }> = [
    { value: 'none', label: messages.backgroundNone, effect: { type: 'none' } },
    { value: 'blur', label: messages.backgroundBlur, effect: { type: 'blur' } },
    ...backgrounds.map(({ label, url }) => ({ value: `image:${url}`, label, effect: { type: 'image', url } as const })),
  ];

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
    button.current?.focus();
  }

  return (
    <div
      ref={ref}
      {...language}
      {...rest}
      data-state={open ? 'open' : 'closed'}
      data-rk-effect={video.effect.type}
      data-rk-effect-status={video.status}
      onKeyDown={onKeyDown}
      className={classNames('rk-effects', className)}
    >
      <button
        ref={button}
        type="button"
        className="rk-control"
        data-rk-control="effects"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {EFFECTS_ICON}
        <span className="rk-control__text">{messages.effects}</span>
      </button>
      <div id={panelId} role="group" aria-label={messages.effectsMenu} className="rk-effects__panel" hidden={!open}>
        <fieldset className="rk-effects__set">
          <legend>{messages.background}</legend>
          {options.map((option) => (
            <label key={option.value} className="rk-effects__option">
              <input
                type="radio"
                name={`${id}-background`}
                value={option.value}
                checked={chosen === option.value}
                disabled={!video.supported}
                onChange={() => video.setEffect(option.effect)}
              />
              {option.label}
            </label>
          ))}
          <p className="rk-effects__note" role="status">
            {!video.supported ? messages.backgroundUnsupported : video.status === 'loading' ? messages.backgroundLoading : ''}
          </p>
          {video.status === 'error' ? (
            <p className="rk-effects__note rk-effects__note--error" role="alert" title={video.error}>
              {messages.backgroundFailed}
            </p>
          ) : null}
        </fieldset>
        <fieldset className="rk-effects__set">
          <legend>{messages.sound}</legend>
          {SWITCHES.map((name) => (
            <label key={name} className="rk-effects__option">
              <input type="checkbox" name={name} checked={audio[name]} onChange={(event) => audio.set({ [name]: event.target.checked })} />
              {messages[name]}
            </label>
          ))}
        </fieldset>
      </div>
    </div>
  );
}

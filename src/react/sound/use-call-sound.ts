/**
 * Play the ringtone or ringback while a call rings, in one tab of the user only.
 *
 * @packageDocumentation
 */
import { useEffect } from 'react';
import { claimSound } from './single-tab.js';
import { createTonePlayer, type SoundSetting, type ToneKind } from './tones.js';

/** Options of {@link useCallSound}. */
export interface UseCallSoundOptions {
  /** Which sound. */
  kind: ToneKind;
  /** Play now? */
  active: boolean;
  /** `true` for the built-in tone, `false` for silence, or a URL to loop. */
  sound?: SoundSetting;
  /** The user whose tabs share one speaker (only one of them plays). */
  user?: string;
  /** Tabs with a higher priority win the speaker (default 0); see `claimSound`. */
  priority?: number;
}

/**
 * Plays `kind` while `active`; among tabs of `user` only one plays at a time.
 *
 * @example
 * ```tsx
 * useCallSound({ kind: 'ringtone', active: incoming !== null, user: 'bob' });
 * ```
 */
export function useCallSound({ kind, active, sound = true, user, priority = 0 }: UseCallSoundOptions): void {
  useEffect(() => {
    if (!active || sound === false) return;
    const player = createTonePlayer(kind, sound);
    const claim = claimSound({
      channel: `rk-sound:${user ?? ''}`,
      onChange: (playing) => (playing ? player.start() : player.stop()),
      priority,
    });
    return () => {
      claim.release();
      player.stop();
    };
  }, [kind, active, sound, user, priority]);
}

/**
 * Story helpers: participants with a moving test-pattern camera, no call needed.
 *
 * @packageDocumentation
 */
import { useEffect, useMemo } from 'react';
import { createTestPatternTrack } from '../../src/testing/test-pattern.js';
import type { ParticipantView, TrackHandle } from '../../src/core/media/types.js';

/**
 * A participant whose camera is a test pattern labelled with the user id
 * (no video in environments without a canvas). The track stops on unmount.
 *
 * @example
 * ```tsx
 * const bob = usePatternParticipant('bob', { speaking: true });
 * return <VideoTile participant={bob} />;
 * ```
 */
export function usePatternParticipant(user: string, overrides: Partial<ParticipantView> = {}): ParticipantView {
  const pattern = useMemo(() => createTestPatternTrack({ label: user, width: 320, height: 180 }), [user]);
  useEffect(() => () => pattern?.stop(), [pattern]);
  const videoTrack: TrackHandle | undefined = pattern ? { kind: 'video', mediaStreamTrack: pattern.track } : undefined;
  return {
    identity: `${user}#story`,
    user,
    isLocal: false,
    micEnabled: true,
    cameraEnabled: true,
    speaking: false,
    quality: 'good',
    videoTrack,
    ...overrides,
  };
}

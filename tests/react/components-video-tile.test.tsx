import { cleanup, render, screen } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ParticipantView, TrackHandle } from '../../src/core/media/types.js';
import { VideoTile } from '../../src/react/components/video-tile.js';
import { classNames, composeHandlers, initialsOf } from '../../src/react/components/compose.js';

afterEach(cleanup);

function liveKitLikeTrack(kind: 'video' | 'audio') {
  const attached = new Set<HTMLMediaElement>();
  const track: TrackHandle = {
    kind,
    mediaStreamTrack: { kind, id: `${kind}-1` } as MediaStreamTrack,
    attach: vi.fn((element: HTMLMediaElement) => {
      attached.add(element);
      return element;
    }),
    detach: vi.fn((element: HTMLMediaElement) => {
      attached.delete(element);
      return element;
    }),
  };
  return { track, attached };
}

function participant(overrides: Partial<ParticipantView> = {}): ParticipantView {
  return {
    identity: 'bob#1',
    user: 'bob',
    isLocal: false,
    micEnabled: true,
    cameraEnabled: true,
    speaking: false,
    quality: 'good',
    ...overrides,
  };
}

const modes: Array<[string, (node: ReactNode) => ReactNode]> = [
  ['plain', (node) => node],
  ['StrictMode', (node) => <StrictMode>{node}</StrictMode>],
];

describe.each(modes)('<VideoTile> (%s)', (_mode, wrap) => {
  it('attaches a LiveKit track and detaches it on unmount, and plays remote audio', () => {
    const video = liveKitLikeTrack('video');
    const audio = liveKitLikeTrack('audio');
    const view = render(wrap(<VideoTile participant={participant({ videoTrack: video.track, audioTrack: audio.track })} />));
    const tile = screen.getByRole('group', { name: 'bob' });
    expect(video.attached.size).toBe(1);
    expect([...video.attached][0]).toBe(tile.querySelector('video'));
    expect(audio.attached.size).toBe(1);
    expect(tile.getAttribute('data-rk-camera')).toBe('on');
    expect(tile.querySelector('video')?.getAttribute('data-rk-mirrored')).toBeNull();
    view.unmount();
    expect(video.attached.size).toBe(0);
    expect(audio.attached.size).toBe(0);
  });

  it('mirrors the local camera, never plays local audio, and labels it as you', () => {
    const video = liveKitLikeTrack('video');
    const audio = liveKitLikeTrack('audio');
    render(
      wrap(
        <VideoTile
          participant={participant({ isLocal: true, user: 'alice', videoTrack: video.track, audioTrack: audio.track })}
        />,
      ),
    );
    const tile = screen.getByRole('group', { name: 'alice (you)' });
    const element = tile.querySelector('video');
    expect(element?.hasAttribute('data-rk-mirrored')).toBe(true);
    expect(element?.style.transform).toBe('scaleX(-1)');
    expect(audio.attached.size).toBe(0);
    expect(tile.querySelector('audio')).toBeNull();
  });

  it('shows initials or an avatar with the camera off, and badges for muted, speaking and quality', () => {
    const video = liveKitLikeTrack('video');
    const { rerender } = render(
      wrap(
        <VideoTile
          name="Bob Marley"
          fit="contain"
          participant={participant({ cameraEnabled: false, micEnabled: false, speaking: true, quality: 'poor', videoTrack: video.track })}
        />,
      ),
    );
    const tile = screen.getByRole('group', { name: 'Bob Marley' });
    expect(tile.querySelector('video')).toBeNull();
    expect(video.attached.size).toBe(0);
    expect(tile.textContent).toContain('BM');
    expect(tile.getAttribute('data-rk-fit')).toBe('contain');
    expect(tile.hasAttribute('data-rk-speaking')).toBe(true);
    expect(screen.getByRole('img', { name: 'Microphone muted' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Camera off' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Speaking' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Connection: poor' })).toBeTruthy();
    rerender(wrap(<VideoTile name="Bob Marley" avatarUrl="/bob.png" participant={participant({ cameraEnabled: false })} />));
    expect(tile.querySelector('img')?.getAttribute('src')).toBe('/bob.png');
  });

  it('shows a bare track without a participant, in Chinese when asked', () => {
    const video = liveKitLikeTrack('video');
    render(wrap(<VideoTile track={video.track} name="预览" mirror locale="zh-CN" className="mine" />));
    const tile = screen.getByRole('group', { name: '预览' });
    expect(tile.className).toBe('rk-tile mine');
    expect(video.attached.size).toBe(1);
    expect(tile.querySelector('video')?.hasAttribute('data-rk-mirrored')).toBe(true);
  });

  it('forwards its ref to the root', () => {
    let root: HTMLDivElement | null = null;
    render(wrap(<VideoTile ref={(element) => void (root = element)} participant={participant()} />));
    expect(root).toBe(screen.getByRole('group', { name: 'bob' }));
  });
});

describe('component helpers', () => {
  it('runs the user handler first and lets its preventDefault win', () => {
    const ours = vi.fn();
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    composeHandlers((e: typeof event) => e.preventDefault(), ours)(event as never);
    expect(ours).not.toHaveBeenCalled();
    composeHandlers(undefined, ours)({ defaultPrevented: false } as never);
    expect(ours).toHaveBeenCalledTimes(1);
  });

  it('makes initials and class names', () => {
    expect(initialsOf('bob marley')).toBe('BM');
    expect(initialsOf('carol.smith')).toBe('CS');
    expect(initialsOf('王小明')).toBe('王');
    expect(initialsOf('  ')).toBe('?');
    expect(classNames('rk-a', undefined, false, 'b')).toBe('rk-a b');
  });
});

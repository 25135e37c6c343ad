import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import type { ParticipantView } from '../src/core/media/types.js';
import { VideoTile, type VideoTileProps } from '../src/react/components/video-tile.js';
import { usePatternParticipant } from './support/pattern.js';

interface TileStoryArgs extends Omit<VideoTileProps, 'participant'> {
  user: string;
  state: Partial<ParticipantView>;
}

function PatternTile({ user, state, ...props }: TileStoryArgs) {
  const participant = usePatternParticipant(user, state);
  return (
    <div style={{ width: 360 }}>
      <VideoTile participant={participant} {...props} />
    </div>
  );
}

const meta = {
  title: 'Components/VideoTile',
  component: PatternTile,
  args: { user: 'bob', state: {}, fit: 'cover' },
  argTypes: { fit: { control: 'inline-radio', options: ['cover', 'contain'] } },
} satisfies Meta<typeof PatternTile>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A remote camera with name and connection quality. */
export const Remote: Story = {
  play: async ({ canvasElement }) => {
    const tile = within(canvasElement).getByRole('group', { name: 'bob' });
    await expect(tile).toHaveAttribute('data-rk-camera', 'on');
    const video = tile.querySelector('video');
    await expect(video).not.toBeNull();
    await expect(video?.srcObject).toBeInstanceOf(MediaStream);
    await expect(within(tile).getByRole('img', { name: 'Connection: good' })).toBeVisible();
  },
};

/** This device's camera: mirrored, named "(you)". */
export const LocalMirrored: Story = {
  args: { user: 'alice', state: { isLocal: true } },
  play: async ({ canvasElement }) => {
    const tile = within(canvasElement).getByRole('group', { name: 'alice (you)' });
    await expect(tile.querySelector('video')).toHaveAttribute('data-rk-mirrored');
  },
};

/** Microphone muted: a badge says so. */
export const Muted: Story = {
  args: { state: { micEnabled: false } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('img', { name: 'Microphone muted' })).toBeVisible();
  },
};

/** Camera off: initials instead of video. */
export const CameraOff: Story = {
  args: { user: 'carol.smith', state: { cameraEnabled: false } },
  play: async ({ canvasElement }) => {
    const tile = within(canvasElement).getByRole('group', { name: 'carol.smith' });
    await expect(tile.querySelector('video')).toBeNull();
    await expect(tile).toHaveTextContent('CS');
    await expect(within(tile).getByRole('img', { name: 'Camera off' })).toBeVisible();
  },
};

/** Speaking: highlighted border and a badge. */
export const Speaking: Story = {
  args: { state: { speaking: true, quality: 'excellent' } },
  play: async ({ canvasElement }) => {
    const tile = within(canvasElement).getByRole('group', { name: 'bob' });
    await expect(tile).toHaveAttribute('data-rk-speaking');
    await expect(within(tile).getByRole('img', { name: 'Speaking' })).toBeVisible();
  },
};

/** Poor connection. */
export const PoorConnection: Story = {
  args: { state: { quality: 'poor' } },
};

/** The whole frame, letterboxed. */
export const Contain: Story = {
  args: { fit: 'contain' },
};

/** 简体中文 labels. */
export const ChineseLocale: Story = {
  args: { state: { micEnabled: false, cameraEnabled: false } },
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('img', { name: '麦克风已关闭' })).toBeVisible();
  },
};

/** Dark theme. */
export const DarkTheme: Story = {
  args: { state: { cameraEnabled: false, speaking: true } },
  globals: { theme: 'dark' },
};

/** Live captions from the app (a speech-to-text service, say) over the video, above the name. */
export const WithCaptions: Story = {
  args: { captions: <p style={{ margin: 0 }}>Can you hear me now?</p> },
  play: async ({ canvasElement }) => {
    const tile = within(canvasElement).getByRole('group', { name: 'bob' });
    await expect(within(tile).getByText('Can you hear me now?')).toBeVisible();
  },
};

/** Captions in the dark theme (axe checks the contrast). */
export const WithCaptionsDark: Story = { ...WithCaptions, globals: { theme: 'dark' } };

import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CallControls } from '../src/react/components/call-controls.js';
import { PictureInPictureCall } from '../src/react/components/picture-in-picture-call.js';
import { usePictureInPicture } from '../src/react/use-picture-in-picture.js';
import { answered, loadScene, sceneOf, SceneScope } from './support/scene.js';
import { getUser, Phone, until } from './support/world.js';

const inCall = (media: 'audio' | 'video') =>
  loadScene(async (world) => {
    const alice = await world.client('alice');
    const bob = await world.client('bob');
    await answered(alice, bob, media);
    if (media === 'video') await until(alice, (s) => Boolean(s.media?.remotes[0]?.videoTrack));
    return { alice, bob };
  });

/** What `usePictureInPicture` says, next to the controls. */
function PipState() {
  const pip = usePictureInPicture();
  return (
    <p data-testid="pip-state">
      supported: {String(pip.supported)} · mode: {pip.mode ?? 'none'} · available: {String(pip.available)} · active:{' '}
      {String(pip.active)}
    </p>
  );
}

/** Hides the browser's picture-in-picture for one story (Chromium has it), as a browser without it would. */
function withoutPictureInPicture(): () => void {
  const descriptors = [
    [window, 'documentPictureInPicture'],
    [document, 'pictureInPictureEnabled'],
  ] as const;
  const saved = descriptors.map(([target, name]) => [target, name, Object.getOwnPropertyDescriptor(target, name)] as const);
  Object.defineProperty(window, 'documentPictureInPicture', { value: undefined, configurable: true, writable: true });
  Object.defineProperty(document, 'pictureInPictureEnabled', { value: false, configurable: true, writable: true });
  return () => {
    for (const [target, name, own] of saved) {
      if (own) Object.defineProperty(target, name, own);
      else Reflect.deleteProperty(target, name);
    }
  };
}

const meta = {
  title: 'Features/Picture-in-picture',
  component: PictureInPictureCall,
  loaders: [inCall('video')],
  render: (args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <Phone client={scene.client('alice')} label="Alice" wide>
          <CallControls devices={false} />
          <PipState />
        </Phone>
      </SceneScope>
    );
  },
} satisfies Meta<typeof PictureInPictureCall>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The picture-in-picture window's content, inline at the window's default size. */
function WindowContent() {
  return (
    <div style={{ width: 360, height: 270 }}>
      <PictureInPictureCall getUser={getUser} style={{ height: '100%' }} />
    </div>
  );
}

/** Waits for the call controls of the scene (the call is set up by the loader). */
async function hangUpButton(canvasElement: HTMLElement): Promise<HTMLElement> {
  return within(canvasElement).findByRole('button', { name: 'Hang up' }, { timeout: 5000 });
}

/**
 * Available: a video call in a browser with picture-in-picture. The toggle is not pressed; a click
 * opens the window (Storybook runs stories in a frame, so Chromium offers video element
 * picture-in-picture here; a top-level page gets the Document Picture-in-Picture window below).
 */
export const Available: Story = {
  play: async ({ canvasElement }) => {
    await hangUpButton(canvasElement);
    const toggle = within(canvasElement).getByRole('button', { name: 'Picture-in-picture' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(toggle).not.toHaveAttribute('aria-disabled');
    await waitFor(() => expect(within(canvasElement).getByTestId('pip-state')).toHaveTextContent('supported: true · mode: video · available: true · active: false'));
  },
};

/** Unsupported (Firefox, most phones): no toggle at all, and the hook says so. */
export const Unsupported: Story = {
  beforeEach: withoutPictureInPicture,
  play: async ({ canvasElement }) => {
    await hangUpButton(canvasElement);
    await expect(within(canvasElement).queryByRole('button', { name: 'Picture-in-picture' })).toBeNull();
    await expect(within(canvasElement).getByTestId('pip-state')).toHaveTextContent('supported: false · mode: none · available: false');
  },
};

/** Active: what the Document Picture-in-Picture window shows, Bob's video with Mute and Hang up (here inline). */
export const Active: Story = {
  render: (_args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <Phone client={scene.client('alice')} label="Alice's picture-in-picture window">
          <WindowContent />
        </Phone>
      </SceneScope>
    );
  },
  play: async ({ canvasElement, loaded }) => {
    const window = await within(canvasElement).findByRole('region', { name: /^Call with / }, { timeout: 5000 });
    await waitFor(() => expect(window.querySelector('video')).not.toBeNull(), { timeout: 5000 });
    await expect(window.querySelectorAll('audio')).toHaveLength(0);
    const alice = sceneOf(loaded).client('alice');
    await userEvent.click(within(window).getByRole('button', { name: 'Mute microphone' }));
    await until(alice, (s) => s.call?.micEnabled === false);
    await userEvent.click(within(window).getByRole('button', { name: 'Hang up' }));
    await until(sceneOf(loaded).client('bob'), (s) => s.call?.endReason === 'completed');
  },
};

/** The window in an audio call: Bob's initials instead of video. */
export const ActiveAudioCall: Story = {
  ...Active,
  loaders: [inCall('audio')],
  play: async ({ canvasElement }) => {
    const window = await within(canvasElement).findByRole('region', { name: /^Call with / }, { timeout: 5000 });
    await expect(window.querySelector('video')).toBeNull();
    await expect(within(window).getByRole('button', { name: 'Hang up' })).toBeVisible();
  },
};

/** 简体中文: the toggle and the window. */
export const ChineseLocale: Story = {
  globals: { locale: 'zh-CN' },
  render: (_args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <Phone client={scene.client('alice')} label="Alice" wide>
          <CallControls devices={false} />
          <WindowContent />
        </Phone>
      </SceneScope>
    );
  },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('button', { name: '画中画' }, { timeout: 5000 })).toBeVisible();
    const window = await within(canvasElement).findByRole('region', { name: /^与 .* 的通话$/ }, { timeout: 5000 });
    await expect(within(window).getByRole('button', { name: '挂断' })).toBeVisible();
  },
};

/** Dark theme. */
export const DarkTheme: Story = {
  ...Active,
  globals: { theme: 'dark' },
  play: undefined,
};

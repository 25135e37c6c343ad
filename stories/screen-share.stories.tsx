import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { RingClient } from '../src/core/ring-client.js';
import type { FakeMediaOptions } from '../src/testing/fake-media.js';
import { CallView } from '../src/react/components/call-view.js';
import { answered, loadScene, sceneOf, SceneScope } from './support/scene.js';
import { getUser, Phone, until, type StoryWorld } from './support/world.js';

/** Screen sharing in `<CallView>`: the Share screen toggle of its controls, and a shared screen shown large. */
const meta = {
  title: 'Features/Screen share',
  component: CallView,
  args: { getUser, ringback: false },
  render: (args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <Phone client={scene.client('alice')} label="Alice" wide>
          <CallView {...args} />
        </Phone>
      </SceneScope>
    );
  },
} satisfies Meta<typeof CallView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Alice (with these fake media options) and Bob in an answered video call; then `then`. */
const inCall =
  (aliceMedia: FakeMediaOptions = {}, then?: (clients: { alice: RingClient; bob: RingClient }) => Promise<void>) =>
  async (world: StoryWorld) => {
    const alice = await world.client('alice', aliceMedia);
    const bob = await world.client('bob');
    await answered(alice, bob, 'video');
    await then?.({ alice, bob });
    return { alice, bob };
  };

const region = (canvasElement: HTMLElement) => within(canvasElement).findByRole('region', { name: /^Call with / }, { timeout: 5000 });

/** Alice shares her screen with the toggle: it is pressed, a line says so, and Bob's side learns that Alice shares. */
export const Sharing: Story = {
  loaders: [loadScene(inCall())],
  play: async ({ canvasElement, loaded }) => {
    const view = await region(canvasElement);
    const share = await within(view).findByRole('button', { name: 'Share screen' });
    await expect(share).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(share);
    await waitFor(() => expect(share).toHaveAttribute('aria-pressed', 'true'), { timeout: 5000 });
    await expect(within(view).getByText('You are sharing your screen')).toBeVisible();
    await until(sceneOf(loaded).client('bob'), (s) => s.call?.remote.alice?.screenSharing === true);
  },
};

/** Bob shares his screen: Alice sees it large, labelled with his name, with the camera tiles beside it. */
export const RemoteSharing: Story = {
  loaders: [
    loadScene(
      inCall({}, async ({ alice, bob }) => {
        await bob.setScreenShareEnabled(true);
        await until(alice, (s) => s.call?.remote.bob?.screenSharing === true);
      }),
    ),
  ],
  play: async ({ canvasElement, loaded }) => {
    const view = await region(canvasElement);
    await expect(view).toHaveAttribute('data-rk-layout', 'screen');
    const screen = await within(view).findByRole('group', { name: 'Bob Marley’s screen' }, { timeout: 5000 });
    await expect(screen).toHaveAttribute('data-rk-camera', 'on');
    await expect(within(view).getByRole('group', { name: 'Bob Marley' })).toBeVisible();
    await expect(within(view).getByRole('group', { name: 'Alice Chen (you)' })).toBeVisible();
    // Bob stops: the screen goes and the call view is back to one large tile.
    await sceneOf(loaded).client('bob').setScreenShareEnabled(false);
    await waitFor(() => expect(view).toHaveAttribute('data-rk-layout', 'one'), { timeout: 5000 });
  },
};

/** A browser that cannot share a screen (a phone): no Share screen toggle. */
export const Unsupported: Story = {
  loaders: [loadScene(inCall({ screenShare: false }))],
  play: async ({ canvasElement }) => {
    const view = await region(canvasElement);
    await within(view).findByRole('button', { name: 'Mute microphone' }, { timeout: 5000 });
    await expect(within(view).queryByRole('button', { name: 'Share screen' })).toBeNull();
  },
};

/** Alice closed the browser's picker without choosing: she is told, nothing is shared, the call goes on. */
export const Cancelled: Story = {
  loaders: [loadScene(inCall({ screenShare: 'permission-denied' }))],
  play: async ({ canvasElement }) => {
    const view = await region(canvasElement);
    const share = await within(view).findByRole('button', { name: 'Share screen' });
    await userEvent.click(share);
    await expect(await within(view).findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent(
      'Screen sharing was cancelled or is not allowed.',
    );
    await expect(share).toHaveAttribute('aria-pressed', 'false');
    await expect(within(view).getByRole('status')).toHaveTextContent('In call with Bob Marley');
  },
};

/** 简体中文: Bob's shared screen and the toggle. */
export const ChineseLocale: Story = {
  ...RemoteSharing,
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    const view = await within(canvasElement).findByRole('region', { name: /的通话$/ }, { timeout: 5000 });
    await expect(await within(view).findByRole('group', { name: 'Bob Marley 的屏幕' }, { timeout: 5000 })).toBeVisible();
    await expect(within(view).getByRole('button', { name: '共享屏幕' })).toHaveAttribute('aria-pressed', 'false');
  },
};

/** Dark theme, Bob sharing. */
export const DarkTheme: Story = {
  loaders: RemoteSharing.loaders,
  globals: { theme: 'dark' },
};

import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CallButton } from '../src/react/components/call-button.js';
import { answered, loadScene, ring, sceneOf, SceneScope } from './support/scene.js';
import { getUser, Phone, until } from './support/world.js';

const meta = {
  title: 'Components/CallButton',
  component: CallButton,
  args: { to: 'bob', video: false, getUser, ringback: false },
  loaders: [loadScene(async (world) => ({ alice: await world.client('alice'), bob: await world.client('bob') }))],
  render: (args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <Phone client={scene.client('alice')} label="Alice">
          <div>
            <CallButton {...args} />
          </div>
        </Phone>
      </SceneScope>
    );
  },
} satisfies Meta<typeof CallButton>;

export default meta;
type Story = StoryObj<typeof meta>;

const button = (canvasElement: HTMLElement, name: RegExp | string) =>
  within(canvasElement).findByRole('button', { name }, { timeout: 5000 });

/** Idle: "Call". Clicking it calls Bob; it turns into "Cancel call to Bob Marley" while Bob's phone rings (a plain button, never a toggle). */
export const Idle: Story = {
  play: async ({ canvasElement, loaded }) => {
    const call = await button(canvasElement, 'Call Bob Marley');
    await expect(call).toHaveAttribute('data-state', 'idle');
    await expect(call).not.toHaveAttribute('aria-pressed');
    await userEvent.click(call);
    await waitFor(() => expect(call).toHaveAttribute('data-state', 'ringing'), { timeout: 5000 });
    await expect(call).toHaveAccessibleName('Cancel call to Bob Marley');
    await expect(call).not.toHaveAttribute('aria-pressed');
    await until(sceneOf(loaded).client('bob'), (s) => s.incoming.length === 1);
  },
};

/** Idle, video: "Video call". */
export const IdleVideo: Story = {
  args: { video: true },
  play: async ({ canvasElement }) => {
    const call = await button(canvasElement, 'Video call Bob Marley');
    await expect(call).toHaveAttribute('data-rk-media', 'video');
  },
};

/** Offline (the client disconnected): disabled (still focusable) with the reason next to it; clicking does nothing. */
export const Offline: Story = {
  loaders: [
    loadScene(async (world) => {
      const alice = await world.client('alice');
      await alice.disconnect();
      return { alice };
    }),
  ],
  play: async ({ canvasElement, loaded }) => {
    const call = await button(canvasElement, 'Call Bob Marley');
    await expect(call).toHaveAttribute('aria-disabled', 'true');
    await expect(call).toHaveAccessibleDescription('You are offline');
    await userEvent.click(call);
    await expect(sceneOf(loaded).client('alice').getSnapshot().call).toBeNull();
  },
};

/** Calling: the invite is out but no device of Bob rings yet. */
export const Calling: Story = {
  loaders: [
    loadScene(async (world) => {
      const alice = await world.client('alice');
      await world.silentDevice('bob');
      await alice.call('bob');
      await until(alice, (s) => s.call?.status === 'calling');
      return { alice };
    }),
  ],
  play: async ({ canvasElement }) => {
    const cancel = await button(canvasElement, 'Cancel call to Bob Marley');
    await expect(cancel).toHaveAttribute('data-state', 'calling');
  },
};

/** Ringing: Bob's phone rings; Cancel withdraws the call. */
export const Ringing: Story = {
  loaders: [
    loadScene(async (world) => {
      const alice = await world.client('alice');
      const bob = await world.client('bob');
      await ring(alice, bob);
      return { alice, bob };
    }),
  ],
  play: async ({ canvasElement, loaded }) => {
    const cancel = await button(canvasElement, 'Cancel call to Bob Marley');
    await expect(cancel).toHaveAttribute('data-state', 'ringing');
    await userEvent.click(cancel);
    const bob = sceneOf(loaded).client('bob');
    await until(bob, (s) => s.incoming.length === 0);
    await waitFor(() => expect(cancel).toHaveAttribute('data-state', 'idle'), { timeout: 5000 });
    await expect(sceneOf(loaded).client('alice').getSnapshot().call?.endReason).toBe('cancelled');
  },
};

/** Active: "Hang up call with Bob Marley", used here with the keyboard only; focus stays on it, now "Call Bob Marley". */
export const Active: Story = {
  loaders: [
    loadScene(async (world) => {
      const alice = await world.client('alice');
      const bob = await world.client('bob');
      await answered(alice, bob);
      return { alice, bob };
    }),
  ],
  play: async ({ canvasElement, loaded }) => {
    const hangUp = await button(canvasElement, 'Hang up call with Bob Marley');
    await expect(hangUp).toHaveAttribute('data-state', 'active');
    await userEvent.tab();
    await expect(hangUp).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await until(sceneOf(loaded).client('bob'), (s) => s.call?.status === 'ended');
    await expect(sceneOf(loaded).client('bob').getSnapshot().call?.endReason).toBe('completed');
    await waitFor(() => expect(hangUp).toHaveAccessibleName('Call Bob Marley'), { timeout: 5000 });
    await expect(hangUp).toHaveFocus();
  },
};

/** Connecting: the client has not connected yet (as in server-rendered HTML): disabled, "Connecting to the call service". */
export const Connecting: Story = {
  loaders: [loadScene(async (world) => ({ alice: world.offlineClient('alice') }))],
  play: async ({ canvasElement, loaded }) => {
    const call = await button(canvasElement, 'Call Bob Marley');
    await expect(call).toHaveAttribute('data-state', 'connecting');
    await expect(call).toHaveAttribute('aria-disabled', 'true');
    await expect(call).toHaveAccessibleDescription('Connecting to the call service');
    await userEvent.click(call);
    await expect(sceneOf(loaded).client('alice').getSnapshot().call).toBeNull();
  },
};

/** Only starts calls (`endsCall={false}`): while the call rings it is disabled, and `<CallView>`'s controls end it. */
export const StartsOnly: Story = {
  args: { endsCall: false },
  loaders: [
    loadScene(async (world) => {
      const alice = await world.client('alice');
      const bob = await world.client('bob');
      await ring(alice, bob);
      return { alice, bob };
    }),
  ],
  play: async ({ canvasElement }) => {
    const call = await button(canvasElement, 'Call Bob Marley');
    await expect(call).toHaveAttribute('aria-disabled', 'true');
    await expect(call).toHaveAccessibleDescription('You are already in a call');
  },
};

/** Busy: Alice is in a call with Carol, so calling Bob is disabled with a reason. */
export const InAnotherCall: Story = {
  loaders: [
    loadScene(async (world) => {
      const alice = await world.client('alice');
      const carol = await world.client('carol');
      await answered(alice, carol);
      return { alice, carol };
    }),
  ],
  play: async ({ canvasElement }) => {
    const call = await button(canvasElement, 'Call Bob Marley');
    await expect(call).toHaveAccessibleDescription('You are already in a call');
  },
};

/** 简体中文. */
export const ChineseLocale: Story = {
  args: { video: true },
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    await expect(await button(canvasElement, '视频通话 Bob Marley')).toHaveTextContent('视频通话');
  },
};

/** Dark theme. */
export const DarkTheme: Story = {
  globals: { theme: 'dark' },
};

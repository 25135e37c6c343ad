import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { IncomingCallModal } from '../src/react/components/incoming-call-modal.js';
import { loadScene, sceneOf, SceneScope } from './support/scene.js';
import { getUser, Phone, until } from './support/world.js';

/** Alice calls Bob, whose phone (the modal shown) and laptop both ring. */
const bobRings = loadScene(async (world) => {
  const alice = await world.client('alice');
  const bob = await world.client('bob');
  const laptop = await world.client('bob');
  await alice.call('bob');
  await until(bob, (s) => s.incoming.length === 1);
  await until(laptop, (s) => s.incoming.length === 1);
  return { alice, bob, laptop };
});

const meta = {
  title: 'Components/IncomingCallModal/Quick replies and Ignore',
  component: IncomingCallModal,
  args: { getUser, ringtone: false, inline: true },
  loaders: [bobRings],
  render: (args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <Phone client={scene.client('bob')} label="Bob">
          <p>Bob&apos;s app</p>
          <IncomingCallModal {...args} />
        </Phone>
      </SceneScope>
    );
  },
} satisfies Meta<typeof IncomingCallModal>;

export default meta;
type Story = StoryObj<typeof meta>;

const dialog = (canvasElement: HTMLElement) => within(canvasElement).findByRole('alertdialog', { name: 'Incoming call' }, { timeout: 5000 });

/** The quick replies open from "Reply with a message"; one declines with its words, which Alice sees. */
export const QuickReply: Story = {
  play: async ({ canvasElement, loaded }) => {
    const modal = await dialog(canvasElement);
    const toggle = within(modal).getByRole('button', { name: 'Reply with a message' });
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const list = within(modal).getByRole('list', { name: 'Reply with a message' });
    await expect(within(list).getAllByRole('button')).toHaveLength(3);
    await userEvent.click(within(list).getByRole('button', { name: "I'm in a meeting." }));
    const alice = await until(sceneOf(loaded).client('alice'), (s) => s.call?.status === 'ended');
    await expect(alice.call).toMatchObject({ endReason: 'declined', endDetail: "I'm in a meeting." });
    await waitFor(() => expect(modal).not.toBeInTheDocument());
  },
};

/** The app's own quick replies; `busy` ends Alice's call as busy. */
export const OwnQuickReplies: Story = {
  args: { quickReplies: ['busy', 'Text me instead'] },
  play: async ({ canvasElement, loaded }) => {
    const modal = await dialog(canvasElement);
    await userEvent.click(within(modal).getByRole('button', { name: 'Reply with a message' }));
    await userEvent.click(within(modal).getByRole('button', { name: 'busy' }));
    const alice = await until(sceneOf(loaded).client('alice'), (s) => s.call?.status === 'ended');
    await expect(alice.call?.endReason).toBe('busy');
  },
};

/** Ignore: the phone stops ringing and shows the call as ignored; the laptop and Alice ring on. */
export const Ignored: Story = {
  play: async ({ canvasElement, loaded }) => {
    const scene = sceneOf(loaded);
    const modal = await dialog(canvasElement);
    await userEvent.click(within(modal).getByRole('button', { name: 'Ignore' }));
    await waitFor(() => expect(modal).not.toBeInTheDocument());
    const phone = scene.client('bob').getSnapshot();
    await expect(phone.incoming).toHaveLength(0);
    await expect(phone.ignored).toHaveLength(1);
    await expect(scene.client('laptop').getSnapshot().incoming).toHaveLength(1);
    await expect(scene.client('alice').getSnapshot().call?.status).toBe('ringing');
  },
};

/** 简体中文: 忽略 and 回复消息 with Chinese quick replies. */
export const Chinese: Story = {
  args: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    const modal = await within(canvasElement).findByRole('alertdialog', { name: '语音来电' }, { timeout: 5000 });
    await expect(within(modal).getByRole('button', { name: '忽略' })).toBeVisible();
    await userEvent.click(within(modal).getByRole('button', { name: '回复消息' }));
    await expect(within(modal).getByRole('button', { name: '我在开会。' })).toBeVisible();
  },
};

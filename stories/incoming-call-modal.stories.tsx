import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { IncomingCallModal } from '../src/react/components/incoming-call-modal.js';
import { loadScene, sceneOf, SceneScope } from './support/scene.js';
import { mergeIncoming } from './support/merged.js';
import { createStoryWorld, getUser, Phone, until } from './support/world.js';

/** Bob's phone rings: Alice calls him (video when `video`), with app data in `extra`. */
function bobRings(video: boolean) {
  return loadScene(async (world) => {
    const alice = await world.client('alice');
    const bob = await world.client('bob');
    await alice.call('bob', { video, extra: video ? { subject: 'Design review', room: '4B' } : undefined });
    await until(bob, (s) => s.incoming.length === 1);
    return { alice, bob };
  });
}

const meta = {
  title: 'Components/IncomingCallModal',
  component: IncomingCallModal,
  args: { getUser, ringtone: false, inline: true },
  loaders: [bobRings(false)],
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

const dialog = (canvasElement: HTMLElement, name: string | RegExp) =>
  within(canvasElement).findByRole('alertdialog', { name }, { timeout: 5000 });

/**
 * An audio call rings. Keyboard only: Decline has the focus, Tab and Shift+Tab loop
 * inside the dialog (Decline, Accept, Ignore, Reply with a message), Escape neither accepts nor closes, Enter on Accept answers.
 */
export const IncomingAudio: Story = {
  play: async ({ canvasElement, loaded }) => {
    const modal = await dialog(canvasElement, 'Incoming call');
    await expect(modal).toHaveAttribute('aria-modal', 'true');
    await expect(modal).toHaveAccessibleDescription('Alice Chen is calling you');
    const decline = within(modal).getByRole('button', { name: 'Decline' });
    const accept = within(modal).getByRole('button', { name: 'Accept' });
    const replies = within(modal).getByRole('button', { name: 'Reply with a message' });
    await waitFor(() => expect(decline).toHaveFocus());
    await userEvent.tab();
    await expect(accept).toHaveFocus();
    await userEvent.tab();
    await expect(within(modal).getByRole('button', { name: 'Ignore' })).toHaveFocus();
    await userEvent.tab();
    await expect(replies).toHaveFocus();
    await userEvent.tab();
    await expect(decline).toHaveFocus();
    await userEvent.tab({ shift: true });
    await expect(replies).toHaveFocus();
    await userEvent.tab({ shift: true });
    await userEvent.tab({ shift: true });
    await expect(accept).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect(modal).toBeInTheDocument();
    const bob = sceneOf(loaded).client('bob');
    await expect(bob.getSnapshot().incoming).toHaveLength(1);
    await userEvent.keyboard('{Enter}');
    await until(bob, (s) => s.call?.status === 'active');
    await waitFor(() => expect(modal).not.toBeInTheDocument());
  },
};

/** A video call with `extra`: Accept, Accept as audio, Decline. Accepting as audio keeps the camera off. */
export const IncomingVideo: Story = {
  loaders: [bobRings(true)],
  play: async ({ canvasElement, loaded }) => {
    const modal = await dialog(canvasElement, 'Incoming video call');
    await expect(within(modal).getByText('Design review')).toBeVisible();
    await userEvent.click(within(modal).getByRole('button', { name: 'Accept as audio' }));
    const bob = await until(sceneOf(loaded).client('bob'), (s) => s.call?.status === 'active');
    await expect(bob.call?.cameraEnabled).toBe(false);
  },
};

/** Decline with the keyboard: the caller sees "declined". */
export const Decline: Story = {
  play: async ({ canvasElement, loaded }) => {
    const modal = await dialog(canvasElement, 'Incoming call');
    await waitFor(() => expect(within(modal).getByRole('button', { name: 'Decline' })).toHaveFocus());
    await userEvent.keyboard('{Enter}');
    const alice = await until(sceneOf(loaded).client('alice'), (s) => s.call?.status === 'ended');
    await expect(alice.call?.endReason).toBe('declined');
    const bob = await until(sceneOf(loaded).client('bob'), (s) => s.call?.status === 'ended');
    await expect(bob.call?.endReason).toBe('declined');
    await waitFor(() => expect(modal).not.toBeInTheDocument());
  },
};

/**
 * Bob is signed in to two call services; Alice calls him on one and Carol on the other.
 * The calls queue; declining the first shows the next.
 */
export const SeveralIncoming: Story = {
  loaders: [
    loadScene(async (work) => {
      const home = createStoryWorld();
      const alice = await work.client('alice');
      const bobAtWork = await work.client('bob');
      const carol = await home.client('carol');
      const bobAtHome = await home.client('bob');
      await alice.call('bob', { video: true });
      await until(bobAtWork, (s) => s.incoming.length === 1);
      await carol.call('bob');
      await until(bobAtHome, (s) => s.incoming.length === 1);
      return { alice, carol, bob: mergeIncoming(bobAtWork, bobAtHome) };
    }),
  ],
  play: async ({ canvasElement, loaded }) => {
    const modal = await dialog(canvasElement, 'Incoming video call');
    await expect(within(modal).getByText('Call 1 of 2')).toBeVisible();
    await userEvent.click(within(modal).getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(modal).toHaveAccessibleDescription('Carol Smith is calling you'), { timeout: 5000 });
    await expect(within(modal).queryByText(/of 2/)).toBeNull();
    const alice = sceneOf(loaded).client('alice');
    await expect(alice.getSnapshot().call?.endReason).toBe('declined');
  },
};

/** Alice calls Bob, whose phone (the modal shown) and laptop both ring. */
const phoneAndLaptopRinging = loadScene(async (world) => {
  const alice = await world.client('alice');
  const phone = await world.client('bob');
  const laptop = await world.client('bob');
  await alice.call('bob');
  await until(phone, (s) => s.incoming.length === 1);
  await until(laptop, (s) => s.incoming.length === 1);
  return { alice, bob: phone, laptop };
});

/** Bob's phone and laptop both ring; he answers on the laptop, so the phone stops ringing. */
export const AnsweredElsewhere: Story = {
  loaders: [phoneAndLaptopRinging],
  play: async ({ canvasElement, loaded }) => {
    const modal = await dialog(canvasElement, 'Incoming call');
    await sceneOf(loaded).client('laptop').accept();
    await waitFor(() => expect(modal).not.toBeInTheDocument(), { timeout: 5000 });
    const phone = await until(sceneOf(loaded).client('bob'), (s) => s.call?.status === 'ended');
    await expect(phone.call?.endReason).toBe('answered-elsewhere');
  },
};

/** Bob's phone and laptop both ring; he declines on the laptop, so the phone stops ringing. */
export const DeclinedElsewhere: Story = {
  loaders: [phoneAndLaptopRinging],
  play: async ({ canvasElement, loaded }) => {
    const modal = await dialog(canvasElement, 'Incoming call');
    await sceneOf(loaded).client('laptop').reject();
    await waitFor(() => expect(modal).not.toBeInTheDocument(), { timeout: 5000 });
    const alice = await until(sceneOf(loaded).client('alice'), (s) => s.call?.status === 'ended');
    await expect(alice.call?.endReason).toBe('declined');
    const phone = await until(sceneOf(loaded).client('bob'), (s) => s.call?.status === 'ended');
    await expect(phone.call?.endReason).toBe('declined-elsewhere');
  },
};

/** A group call: who else is invited. */
export const GroupInvite: Story = {
  loaders: [
    loadScene(async (world) => {
      const alice = await world.client('alice');
      const bob = await world.client('bob');
      const carol = await world.client('carol');
      await alice.call(['bob', 'carol']);
      await until(bob, (s) => s.incoming.length === 1);
      return { alice, bob, carol };
    }),
  ],
  play: async ({ canvasElement }) => {
    const modal = await dialog(canvasElement, 'Incoming call');
    await expect(within(modal).getByText('Also invited: Carol Smith')).toBeVisible();
  },
};

/** Rendered in a portal on `document.body` (the default), checked by axe as a whole page. */
export const InPortal: Story = {
  args: { inline: false },
  tags: ['!autodocs'],
  parameters: { a11y: { context: 'body' } },
  play: async () => {
    const modal = await within(document.body).findByRole('alertdialog', { name: 'Incoming call' }, { timeout: 5000 });
    await expect(modal.closest('#storybook-root')).toBeNull();
  },
};

/**
 * 简体中文 on an English page, in a portal on `document.body` (outside any `lang` wrapper of
 * the app): the dialog carries `lang="zh-CN"` itself, so screen readers pronounce it as Chinese.
 */
export const ChineseInPortal: Story = {
  args: { inline: false, locale: 'zh-CN' },
  tags: ['!autodocs'],
  parameters: { a11y: { context: 'body' } },
  play: async () => {
    const modal = await within(document.body).findByRole('alertdialog', { name: '语音来电' }, { timeout: 5000 });
    await expect(modal.closest('#storybook-root')).toBeNull();
    await expect(document.documentElement).toHaveAttribute('lang', 'en');
    await expect(modal).toHaveAttribute('lang', 'zh-CN');
    await expect(modal).toHaveAttribute('dir', 'ltr');
    await waitFor(() => expect(within(modal).getByRole('button', { name: '拒绝' })).toHaveFocus());
  },
};

/** 简体中文. */
export const ChineseLocale: Story = {
  loaders: [bobRings(true)],
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    const modal = await dialog(canvasElement, '视频来电');
    await expect(within(modal).getByRole('button', { name: '语音接听' })).toBeVisible();
  },
};

/** Dark theme. */
export const DarkTheme: Story = {
  loaders: [bobRings(true)],
  globals: { theme: 'dark' },
};

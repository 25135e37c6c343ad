import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CallControls } from '../src/react/components/call-controls.js';
import { answered, loadScene, sceneOf, SceneScope } from './support/scene.js';
import { Phone, until } from './support/world.js';

/** Let the page use Chromium's fake devices, so they are listed with ids and names. */
async function allowDevices(): Promise<void> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  for (const track of stream.getTracks()) track.stop();
}

const inCall = (media: 'audio' | 'video') =>
  loadScene(async (world) => {
    await allowDevices();
    const alice = await world.client('alice');
    const bob = await world.client('bob');
    await answered(alice, bob, media);
    return { alice, bob };
  });

const meta = {
  title: 'Components/CallControls',
  component: CallControls,
  args: { devices: true },
  loaders: [inCall('video')],
  render: (args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <Phone client={scene.client('alice')} label="Alice" wide>
          <CallControls {...args} />
        </Phone>
      </SceneScope>
    );
  },
} satisfies Meta<typeof CallControls>;

export default meta;
type Story = StoryObj<typeof meta>;

const controls = (canvasElement: HTMLElement) =>
  within(canvasElement).findByRole('group', { name: 'Call controls' }, { timeout: 5000 });

/** A video call: mute and unmute with the keyboard, camera off, switch microphone. */
export const VideoCall: Story = {
  play: async ({ canvasElement, loaded }) => {
    const group = await controls(canvasElement);
    const alice = sceneOf(loaded).client('alice');
    const mute = within(group).getByRole('button', { name: 'Mute microphone' });
    mute.focus();
    await userEvent.keyboard('{Enter}');
    await until(alice, (s) => s.call?.micEnabled === false);
    await waitFor(() => expect(mute).toHaveAttribute('aria-pressed', 'true'));
    await userEvent.keyboard(' ');
    await until(alice, (s) => s.call?.micEnabled === true);

    await userEvent.click(within(group).getByRole('button', { name: 'Turn camera off' }));
    await until(alice, (s) => s.call?.cameraEnabled === false);

    const microphone = within(group).getByRole('combobox', { name: 'Microphone' });
    await waitFor(() => expect(microphone.querySelectorAll('option').length).toBeGreaterThan(1), { timeout: 5000 });
    const other = [...microphone.querySelectorAll('option')].find((option) => option.value !== (microphone as HTMLSelectElement).value);
    if (!other) throw new Error('Chromium should list several fake microphones');
    await userEvent.selectOptions(microphone, other);
    await until(alice, (s) => s.media?.devices?.audioinput === other.value);
  },
};

/** An audio call: no camera toggle; "Switch to video" instead. */
export const AudioCall: Story = {
  loaders: [inCall('audio')],
  play: async ({ canvasElement, loaded }) => {
    const group = await controls(canvasElement);
    await expect(within(group).queryByRole('button', { name: 'Turn camera off' })).toBeNull();
    await userEvent.click(within(group).getByRole('button', { name: 'Switch to video' }));
    await until(sceneOf(loaded).client('alice'), (s) => s.call?.media === 'video');
  },
};

/** Without device pickers. */
export const WithoutDevices: Story = {
  args: { devices: false },
};

/** Hang up with the keyboard. */
export const HangUp: Story = {
  play: async ({ canvasElement, loaded }) => {
    const group = await controls(canvasElement);
    within(group).getByRole('button', { name: 'Hang up' }).focus();
    await userEvent.keyboard('{Enter}');
    await until(sceneOf(loaded).client('bob'), (s) => s.call?.endReason === 'completed');
  },
};

/** 简体中文. */
export const ChineseLocale: Story = {
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    const group = await within(canvasElement).findByRole('group', { name: '通话控制' }, { timeout: 5000 });
    await expect(within(group).getByRole('button', { name: '挂断' })).toBeVisible();
  },
};

/** Dark theme. */
export const DarkTheme: Story = {
  globals: { theme: 'dark' },
};

import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { createMediaEffects, type MediaEffects } from '../src/core/media/effects-store.js';
import { CallControls } from '../src/react/components/call-controls.js';
import { EffectsMenu } from '../src/react/components/effects-menu.js';
import { answered, loadScene, sceneOf, SceneScope } from './support/scene.js';
import { Phone, until } from './support/world.js';

const BACKGROUNDS = [{ label: 'Sunset', url: '/backgrounds/sunset.svg' }];

/** The effects menu on its own, over a store in a given state (nothing remembered between stories). */
const meta = {
  title: 'Features/Effects',
  component: EffectsMenu,
  args: { backgrounds: BACKGROUNDS, defaultOpen: true },
  render: (args) => (
    <div style={{ padding: '320px 160px 24px' }}>
      <EffectsMenu {...args} />
    </div>
  ),
} satisfies Meta<typeof EffectsMenu>;

export default meta;
type Story = StoryObj<typeof meta>;

function store(setup: (effects: MediaEffects) => void = () => {}, videoSupported = true): MediaEffects {
  const effects = createMediaEffects({ storage: null, videoSupported });
  setup(effects);
  return effects;
}

const panel = (canvasElement: HTMLElement) => within(canvasElement).findByRole('group', { name: 'Background and sound' });

/** In a video call: pick blur, then an image, turn noise suppression off; the call's media follows; Escape closes. */
export const InCall: Story = {
  loaders: [
    loadScene(async (world) => {
      const alice = await world.client('alice');
      const bob = await world.client('bob');
      await answered(alice, bob, 'video');
      return { alice, bob };
    }),
  ],
  render: (_args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <Phone client={scene.client('alice')} label="Alice" wide>
          <div style={{ paddingTop: 300 }}>
            <CallControls devices={false} backgrounds={BACKGROUNDS} />
          </div>
        </Phone>
      </SceneScope>
    );
  },
  play: async ({ canvasElement, loaded }) => {
    const alice = sceneOf(loaded).client('alice');
    const canvas = within(canvasElement);
    const button = await canvas.findByRole('button', { name: 'Effects' }, { timeout: 5000 });
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(button);
    const group = await panel(canvasElement);
    await userEvent.click(within(group).getByRole('radio', { name: 'Blur' }));
    await until(alice, (s) => s.media?.effects?.video.type === 'blur');
    await userEvent.click(within(group).getByRole('radio', { name: 'Sunset' }));
    await until(alice, (s) => s.media?.effects?.video.type === 'image');
    await userEvent.click(within(group).getByRole('checkbox', { name: 'Noise suppression' }));
    await until(alice, (s) => s.media?.effects?.audio.noiseSuppression === false);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(button).toHaveAttribute('aria-expanded', 'false'));
    await expect(button).toHaveFocus();
  },
};

/** Blur chosen, its model and wasm still loading: a polite status line says so. */
export const Loading: Story = {
  args: { effects: store((effects) => (effects.setVideoEffect({ type: 'blur' }), effects.reportVideo('loading'))) },
  play: async ({ canvasElement }) => {
    const group = await panel(canvasElement);
    await expect(within(group).getByRole('radio', { name: 'Blur' })).toBeChecked();
    await expect(within(group).getByRole('status')).toHaveTextContent('Starting the background effect…');
  },
};

/** The effect could not start (say, its model was not found): an alert, with the reason as its title. */
export const Failed: Story = {
  args: { effects: store((effects) => (effects.setVideoEffect({ type: 'blur' }), effects.reportVideo('error', 'model not found (404)'))) },
  play: async ({ canvasElement }) => {
    const alert = await within(await panel(canvasElement)).findByRole('alert');
    await expect(alert).toHaveTextContent('The background effect could not start.');
    await expect(alert).toHaveAttribute('title', 'model not found (404)');
  },
};

/** A browser without WebGL2 or VideoFrame: background choices are disabled and say why; sound switches work. */
export const Unsupported: Story = {
  args: { effects: store(undefined, false) },
  play: async ({ canvasElement }) => {
    const group = await panel(canvasElement);
    await expect(within(group).getByRole('radio', { name: 'Blur' })).toBeDisabled();
    await expect(within(group).getByRole('status')).toHaveTextContent('This browser cannot change the background.');
    const noise = within(group).getByRole('checkbox', { name: 'Noise suppression' });
    await userEvent.click(noise);
    await expect(noise).not.toBeChecked();
  },
};

/** In Chinese, the background running and echo cancellation off. */
export const Chinese: Story = {
  args: {
    locale: 'zh-CN',
    effects: store((effects) => {
      effects.setVideoEffect({ type: 'blur' });
      effects.reportVideo('on');
      effects.setAudioProcessing({ echoCancellation: false });
    }),
  },
  play: async ({ canvasElement }) => {
    const group = await within(canvasElement).findByRole('group', { name: '背景与声音' });
    await expect(within(group).getByRole('radio', { name: '模糊' })).toBeChecked();
    await expect(within(group).getByRole('checkbox', { name: '回声消除' })).not.toBeChecked();
    await expect(within(group).getByRole('checkbox', { name: '降噪' })).toBeChecked();
  },
};

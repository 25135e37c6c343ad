import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { RingClient } from '../src/core/ring-client.js';
import type { FakeMediaOptions } from '../src/testing/fake-media.js';
import type { MemoryHubOptions } from '../src/testing/memory-hub.js';
import { PreCallCheck } from '../src/react/precheck/pre-call-check.js';
import { closeWorlds, createStoryWorld } from './support/world.js';

/**
 * Alice's client on an in-process hub; her test room joins fake media with quick statistics.
 * The microphone and camera are Chromium's fake devices, measured for real.
 */
const aliceWith = (hub: MemoryHubOptions = {}, media: FakeMediaOptions = {}) => async () => {
  const world = createStoryWorld(hub);
  return { client: await world.client('alice', { statsIntervalMs: 50, ...media }) };
};

function clientOf(loaded: Record<string, unknown>): RingClient {
  const client = loaded.client as RingClient | undefined;
  if (!client) throw new Error('this story needs a client loader');
  return client;
}

/** A browser whose user refused the camera (the microphone is allowed). */
const cameraRefused: Pick<MediaDevices, 'getUserMedia'> = {
  getUserMedia: async (constraints) => {
    if (constraints?.video) throw new DOMException('Permission denied', 'NotAllowedError');
    return navigator.mediaDevices.getUserMedia(constraints);
  },
};

const CHECK_MS = 20_000;

const meta = {
  title: 'Components/PreCallCheck',
  component: PreCallCheck,
  beforeEach: () => closeWorlds,
  loaders: [aliceWith()],
  render: (args, { loaded }) => <PreCallCheck {...args} client={clientOf(loaded)} />,
} satisfies Meta<typeof PreCallCheck>;

export default meta;
type Story = StoryObj<typeof meta>;

const region = (canvas: HTMLElement) => within(canvas).findByRole('region', { name: /Check your setup|通话前检测/ });
const step = (section: HTMLElement, name: string) => section.querySelector(`[data-rk-step="${name}"]`);

/** Before a check: one button. */
export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const section = await region(canvasElement);
    await expect(section).toHaveAttribute('data-state', 'idle');
    await expect(within(section).getByRole('button', { name: 'Check my setup' })).toBeEnabled();
    await expect(within(section).queryByRole('list')).toBeNull();
  },
};

/** Every step passes: microphone level, camera size, round trips and connect time. */
export const Passed: Story = {
  play: async ({ canvasElement }) => {
    const section = await region(canvasElement);
    await userEvent.click(within(section).getByRole('button', { name: 'Check my setup' }));
    await waitFor(() => expect(section).toHaveAttribute('data-state', 'passed'), { timeout: CHECK_MS });
    await expect(within(section).getByRole('status')).toHaveTextContent('Everything works. You are ready for calls.');
    await expect(step(section, 'camera')).toHaveTextContent(/\d+×\d+/);
    await expect(step(section, 'media-server')).toHaveTextContent(/connected in \d+ ms/);
    await expect(within(section).getByRole('button', { name: 'Check again' })).toBeEnabled();
  },
};

/** A check in progress: the media server takes long to answer; the button stops it. */
export const Running: Story = {
  loaders: [aliceWith({}, { joinDelayMs: 60_000 })],
  play: async ({ canvasElement }) => {
    const section = await region(canvasElement);
    await userEvent.click(within(section).getByRole('button', { name: 'Check my setup' }));
    await waitFor(() => expect(step(section, 'media-server')).toHaveAttribute('data-state', 'running'), { timeout: CHECK_MS });
    await expect(section).toHaveAttribute('data-state', 'running');
    await expect(within(section).getByRole('status')).toHaveTextContent('Checking your setup…');
    await expect(within(section).getByRole('button', { name: 'Stop' })).toBeEnabled();
  },
};

/** Stopped by the user: the running step and the rest end stopped. */
export const Cancelled: Story = {
  loaders: [aliceWith({}, { joinDelayMs: 60_000 })],
  play: async ({ canvasElement }) => {
    const section = await region(canvasElement);
    await userEvent.click(within(section).getByRole('button', { name: 'Check my setup' }));
    await waitFor(() => expect(step(section, 'media-server')).toHaveAttribute('data-state', 'running'), { timeout: CHECK_MS });
    await userEvent.click(within(section).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(section).toHaveAttribute('data-state', 'cancelled'));
    await expect(step(section, 'media-server')).toHaveAttribute('data-state', 'cancelled');
    await expect(within(section).getByRole('status')).toHaveTextContent('The check was stopped.');
  },
};

/** The camera is refused: said in words; the microphone is still checked and the room joined audio-only. */
export const CameraDenied: Story = {
  args: { mediaDevices: cameraRefused, autoStart: true },
  play: async ({ canvasElement }) => {
    const section = await region(canvasElement);
    await waitFor(() => expect(section).toHaveAttribute('data-state', 'failed'), { timeout: CHECK_MS });
    await expect(step(section, 'permissions')).toHaveAttribute('data-rk-error', 'permission-denied');
    await expect(step(section, 'permissions')).toHaveTextContent('Access to the camera was denied');
    await expect(step(section, 'microphone')).toHaveAttribute('data-state', 'passed');
    await expect(step(section, 'camera')).toHaveAttribute('data-state', 'skipped');
    await expect(step(section, 'media-server')).toHaveAttribute('data-state', 'passed');
  },
};

/** The server has no media server for checks: `unavailable`. */
export const MediaServerUnavailable: Story = {
  args: { autoStart: true },
  loaders: [aliceWith({ precheckGrant: undefined })],
  play: async ({ canvasElement }) => {
    const section = await region(canvasElement);
    await waitFor(() => expect(section).toHaveAttribute('data-state', 'failed'), { timeout: CHECK_MS });
    await expect(step(section, 'media-server')).toHaveAttribute('data-rk-error', 'unavailable');
    await expect(step(section, 'media-server')).toHaveTextContent('The call service cannot test audio and video right now.');
  },
};

/** The media server cannot be reached: `join-failed`. */
export const MediaServerUnreachable: Story = {
  args: { autoStart: true },
  loaders: [aliceWith({}, { failJoin: true })],
  play: async ({ canvasElement }) => {
    const section = await region(canvasElement);
    await waitFor(() => expect(section).toHaveAttribute('data-state', 'failed'), { timeout: CHECK_MS });
    await expect(step(section, 'media-server')).toHaveAttribute('data-rk-error', 'join-failed');
    await expect(within(section).getByRole('status')).toHaveTextContent('Some checks found a problem.');
  },
};

/** In Simplified Chinese. */
export const Chinese: Story = {
  args: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    const section = await region(canvasElement);
    await expect(section).toHaveAttribute('lang', 'zh-CN');
    await userEvent.click(within(section).getByRole('button', { name: '开始检测' }));
    await waitFor(() => expect(section).toHaveAttribute('data-state', 'passed'), { timeout: CHECK_MS });
    await expect(within(section).getByRole('status')).toHaveTextContent('一切正常，可以开始通话。');
    await expect(within(section).getByRole('button', { name: '重新检测' })).toBeEnabled();
  },
};

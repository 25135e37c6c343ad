import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { createDeviceManager, type DeviceManager, type MediaDevicesLike } from '../src/core/media/devices.js';
import { DeviceSelect } from '../src/react/components/device-select.js';

/** A device manager on Chromium's fake devices, with permission granted (labels listed). */
async function grantedManager(): Promise<DeviceManager> {
  const manager = createDeviceManager({ storage: null });
  await manager.requestPermission(['audioinput', 'videoinput']);
  await manager.refresh();
  return manager;
}

/** A browser whose user refused the camera and microphone. */
const refusingDevices: MediaDevicesLike = {
  enumerateDevices: async () => [
    { deviceId: '', groupId: '', kind: 'audioinput', label: '' },
    { deviceId: '', groupId: '', kind: 'videoinput', label: '' },
  ],
  getUserMedia: async () => {
    throw new DOMException('Permission denied', 'NotAllowedError');
  },
};

function isManager(value: unknown): value is DeviceManager {
  return typeof value === 'object' && value !== null && 'select' in value && 'getSnapshot' in value;
}

function managerOf(loaded: Record<string, unknown>): DeviceManager {
  if (!isManager(loaded.manager)) throw new Error('this story needs a manager loader');
  return loaded.manager;
}

const meta = {
  title: 'Components/DeviceSelect',
  component: DeviceSelect,
  args: { kind: 'audioinput' },
  argTypes: { kind: { control: 'inline-radio', options: ['audioinput', 'videoinput', 'audiooutput'] } },
  loaders: [async () => ({ manager: await grantedManager() })],
  render: (args, { loaded }) => <DeviceSelect {...args} manager={managerOf(loaded)} />,
} satisfies Meta<typeof DeviceSelect>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Microphones; choosing another one selects it (the ring client applies it to a live call). */
export const Microphones: Story = {
  play: async ({ canvasElement, loaded }) => {
    const select = await within(canvasElement).findByRole('combobox', { name: 'Microphone' });
    await waitFor(() => expect(select.querySelectorAll('option').length).toBeGreaterThan(1), { timeout: 5000 });
    const second = select.querySelectorAll('option')[1];
    if (!second) throw new Error('no second microphone');
    await userEvent.selectOptions(select, second);
    await waitFor(() => expect(managerOf(loaded).getSnapshot().selected.audioinput).toBe(second.value));
    await expect(select).toHaveValue(second.value);
  },
};

/** Cameras. */
export const Cameras: Story = {
  args: { kind: 'videoinput' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('combobox', { name: 'Camera' })).toBeEnabled();
  },
};

/** Speakers. */
export const Speakers: Story = {
  args: { kind: 'audiooutput' },
};

/** Permission refused: unnamed devices, and the error said in words. */
export const PermissionDenied: Story = {
  loaders: [
    async () => {
      const manager = createDeviceManager({ storage: null, mediaDevices: refusingDevices, permissions: null });
      await manager.requestPermission(['audioinput']);
      return { manager };
    },
  ],
  play: async ({ canvasElement }) => {
    const select = await within(canvasElement).findByRole('combobox', { name: 'Microphone' });
    await expect(await within(canvasElement).findByRole('alert')).toBeVisible();
    await expect(select).toHaveAccessibleDescription(/.+/);
  },
};

/** 简体中文. */
export const ChineseLocale: Story = {
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('combobox', { name: '麦克风' })).toBeVisible();
  },
};

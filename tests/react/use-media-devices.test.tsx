import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeviceManager } from '../../src/core/media/devices.js';
import { useMediaDevices } from '../../src/react/use-media-devices.js';
import { CHROMIUM_LIKE_DEVICES, FakeMediaDevices, MemoryStorage } from '../helpers/fake-media-devices.js';

afterEach(cleanup);

const modes: Array<[string, (props: { children: ReactNode }) => ReactNode]> = [
  ['plain', ({ children }) => <>{children}</>],
  ['StrictMode', ({ children }) => <StrictMode>{children}</StrictMode>],
];

function setup(granted = true) {
  const media = new FakeMediaDevices(CHROMIUM_LIKE_DEVICES, granted);
  const addListener = vi.spyOn(media, 'addEventListener');
  const removeListener = vi.spyOn(media, 'removeEventListener');
  const storage = new MemoryStorage();
  const manager = createDeviceManager({ mediaDevices: media, storage, permissions: null });
  return { media, storage, manager, addListener, removeListener };
}

function MicrophonePicker({ manager }: { manager: ReturnType<typeof createDeviceManager> }) {
  const { microphones, selected, select, permission, requestPermission, error } = useMediaDevices({ manager });
  return (
    <div>
      <p data-testid="permission">{permission.audioinput}</p>
      <button onClick={() => void requestPermission(['audioinput'])}>Allow</button>
      <select aria-label="Microphone" value={selected.audioinput ?? ''} onChange={(event) => select('audioinput', event.target.value)}>
        {microphones.map((device, index) => (
          <option key={device.deviceId || `unlabelled-${index}`} value={device.deviceId}>
            {device.label || 'Microphone'}
          </option>
        ))}
      </select>
      {error && <p role="alert">{error.code}</p>}
    </div>
  );
}

describe.each(modes)('useMediaDevices (%s)', (_mode, wrapper) => {
  it('lists devices, selects one, and follows devicechange', async () => {
    const { media, storage, manager, addListener, removeListener } = setup();
    const { result, unmount } = renderHook(() => useMediaDevices({ manager }), { wrapper });
    await waitFor(() => expect(result.current.ready).toBe(true), { timeout: 2000 });
    expect(result.current.microphones).toHaveLength(3);
    expect(result.current.cameras.map((device) => device.label)).toEqual(['fake_device_0']);
    expect(result.current.speakers).toHaveLength(2);
    expect(result.current.selected.audioinput).toBe('default');

    act(() => {
      expect(result.current.select('audioinput', 'mic-1')).toBe(true);
    });
    expect(result.current.selected.audioinput).toBe('mic-1');
    expect(storage.getItem('ringkit:device:audioinput')).toBe('mic-1');

    act(() => media.plug([...CHROMIUM_LIKE_DEVICES, { deviceId: 'cam-2', kind: 'videoinput', label: 'USB camera' }]));
    await waitFor(() => expect(result.current.cameras).toHaveLength(2), { timeout: 2000 });
    act(() => media.plug(CHROMIUM_LIKE_DEVICES.filter((device) => device.deviceId !== 'mic-1')));
    await waitFor(() => expect(result.current.microphones).toHaveLength(2), { timeout: 2000 });
    expect(result.current.selected.audioinput).toBe('default');

    unmount();
    const added = addListener.mock.calls.filter(([type]) => type === 'devicechange').length;
    const removed = removeListener.mock.calls.filter(([type]) => type === 'devicechange').length;
    expect(added).toBeGreaterThan(0);
    expect(removed).toBe(added);
  });

  it('shows permission denied as a typed error', async () => {
    const { media, manager } = setup(false);
    media.failWith = 'NotAllowedError';
    render(<MicrophonePicker manager={manager} />, { wrapper });
    await waitFor(() => expect(screen.getByTestId('permission').textContent).toBe('prompt'), { timeout: 2000 });
    act(() => screen.getByRole('button', { name: 'Allow' }).click());
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('permission-denied'), { timeout: 2000 });
    expect(screen.getByTestId('permission').textContent).toBe('denied');
  });

  it('grants permission and then lists labelled devices', async () => {
    const { manager } = setup(false);
    render(<MicrophonePicker manager={manager} />, { wrapper });
    await waitFor(() => expect(screen.getByTestId('permission').textContent).toBe('prompt'), { timeout: 2000 });
    act(() => screen.getByRole('button', { name: 'Allow' }).click());
    await waitFor(() => expect(screen.getByTestId('permission').textContent).toBe('granted'), { timeout: 2000 });
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Default - Fake Default Audio Input',
      'Fake Audio Input 1',
      'Fake Audio Input 2',
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('useMediaDevices on the server and without media devices', () => {
  it('renders on the server without touching media', () => {
    const getUserMedia = vi.fn();
    const manager = createDeviceManager({ mediaDevices: { enumerateDevices: vi.fn(), getUserMedia }, storage: null, permissions: null });
    function Count() {
      const { microphones, supported } = useMediaDevices({ manager });
      return <p>{`${supported}:${microphones.length}`}</p>;
    }
    expect(renderToString(<Count />)).toContain('false:0');
    expect(getUserMedia).not.toHaveBeenCalled();
  });

  it('falls back to the shared manager outside a provider (unsupported in happy-dom)', async () => {
    const { result } = renderHook(() => useMediaDevices());
    await waitFor(() => expect(result.current.ready).toBe(true), { timeout: 2000 });
    expect(result.current.supported).toBe(Boolean(globalThis.navigator?.mediaDevices));
  });
});

/**
 * useMediaDevices and useLocalPreview against Chromium's fake devices
 * (`--use-fake-device-for-media-stream`): 3 audio inputs, 1 camera, 3 outputs.
 */
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { audioConstraints } from '../../src/core/media/constraints.js';
import { createDeviceManager, deviceStorageKey, type DeviceManager } from '../../src/core/media/devices.js';
import { useLocalPreview } from '../../src/react/use-local-preview.js';
import { useMediaDevices } from '../../src/react/use-media-devices.js';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function DevicePanel({ manager }: { manager: DeviceManager }) {
  const { microphones, cameras, speakers, selected, select, permission, requestPermission, error } = useMediaDevices({ manager });
  return (
    <div>
      <p data-testid="counts">{`${microphones.length}/${cameras.length}/${speakers.length}`}</p>
      <p data-testid="permission">{permission.audioinput}</p>
      <button onClick={() => void requestPermission()}>Allow</button>
      <label>
        Microphone
        <select value={selected.audioinput ?? ''} onChange={(event) => select('audioinput', event.target.value)}>
          {microphones.map((device, index) => (
            <option key={device.deviceId || index} value={device.deviceId}>
              {device.label}
            </option>
          ))}
        </select>
      </label>
      {error && <p role="alert">{error.message}</p>}
    </div>
  );
}

describe('useMediaDevices in Chromium', () => {
  it('lists the fake devices, switches the microphone, and a new capture uses it', async () => {
    const manager = createDeviceManager();
    render(
      <StrictMode>
        <DevicePanel manager={manager} />
      </StrictMode>,
    );
    act(() => screen.getByRole('button', { name: 'Allow' }).click());
    await waitFor(() => expect(screen.getByTestId('permission').textContent).toBe('granted'), { timeout: 5000 });
    await waitFor(() => expect(screen.getByTestId('counts').textContent).toBe('3/1/3'), { timeout: 5000 });
    const { microphones } = manager.getSnapshot();
    expect(microphones.map((device) => device.label).join('|')).toMatch(/Fake Audio Input 1/);
    const chosen = microphones.find((device) => device.label.includes('Fake Audio Input 2'));
    expect(chosen).toBeDefined();
    const chosenId = chosen?.deviceId ?? '';

    const select = screen.getByLabelText('Microphone');
    act(() => {
      (select as HTMLSelectElement).value = chosenId;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => expect(manager.getSnapshot().selected.audioinput).toBe(chosenId), { timeout: 2000 });
    expect((select as HTMLSelectElement).value).toBe(chosenId);
    expect(localStorage.getItem(deviceStorageKey('audioinput'))).toBe(chosenId);
    expect(screen.queryByRole('alert')).toBeNull();

    const stream = await navigator.mediaDevices.getUserMedia({
      audio: audioConstraints({}, manager.getSnapshot().selected.audioinput),
    });
    try {
      expect(stream.getAudioTracks()[0]?.getSettings().deviceId).toBe(chosenId);
    } finally {
      for (const track of stream.getTracks()) track.stop();
    }
  });
});

describe('useLocalPreview in Chromium', () => {
  it('previews the fake camera and stops the track on unmount', async () => {
    const manager = createDeviceManager();
    const { result, unmount } = renderHook(() => useLocalPreview({ manager, capture: { resolution: '360p' } }), {
      wrapper: StrictMode,
    });
    await waitFor(() => expect(result.current.status).toBe('live'), { timeout: 5000 });
    const track = result.current.videoTrack?.mediaStreamTrack;
    expect(track?.readyState).toBe('live');
    expect(track?.getSettings().height).toBe(360);
    unmount();
    expect(track?.readyState).toBe('ended');
  });
});

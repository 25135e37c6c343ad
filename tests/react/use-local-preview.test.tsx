import { cleanup, renderHook, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeviceManager } from '../../src/core/media/devices.js';
import { createLocalPreview } from '../../src/core/media/preview.js';
import { useLocalPreview } from '../../src/react/use-local-preview.js';

afterEach(cleanup);

describe('useLocalPreview without a camera API', () => {
  it('reports unsupported instead of crashing', async () => {
    const manager = createDeviceManager({ mediaDevices: null, storage: null, permissions: null });
    const { result } = renderHook(() => useLocalPreview({ manager }), { wrapper: StrictMode });
    await waitFor(() => expect(result.current.status).toBe('error'), { timeout: 2000 });
    expect(result.current.error?.code).toBe('unsupported');
  });

  it('stops the tracks of a capture that resolves after stop', async () => {
    const stopped: string[] = [];
    let resolve: (stream: MediaStream) => void = () => {};
    const preview = createLocalPreview({
      getUserMedia: () => new Promise<MediaStream>((done) => (resolve = done)),
    });
    const pending = preview.start({ video: true });
    expect(preview.getSnapshot().status).toBe('starting');
    preview.stop();
    const track = { stop: () => stopped.push('video'), getSettings: () => ({}) };
    resolve({ getTracks: () => [track], getVideoTracks: () => [track], getAudioTracks: () => [] } as unknown as MediaStream);
    await pending;
    expect(stopped).toEqual(['video']);
    expect(preview.getSnapshot().status).toBe('idle');
  });
});

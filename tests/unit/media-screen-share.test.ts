/**
 * Screen sharing in the media layer: browser failures as typed errors, and the LiveKit session's
 * share, stop, and the browser's own "Stop sharing" (livekit-client unpublishes the ended track).
 */
import { describe, expect, it, vi } from 'vitest';
import { createLiveKitMedia, type LiveKitModule } from '../../src/core/media/livekit.js';
import { isScreenShareSupported, toScreenShareError } from '../../src/core/media/screen-share.js';
import type { MediaEvent } from '../../src/core/media/types.js';

describe('toScreenShareError', () => {
  it('maps a cancelled picker, an unsupported browser and anything else to closed codes with messages', () => {
    expect(toScreenShareError(new DOMException('Permission denied by user', 'NotAllowedError'))).toEqual({
      code: 'permission-denied',
      message: 'Screen sharing was cancelled or is not allowed.',
    });
    expect(toScreenShareError(Object.assign(new Error('getDisplayMedia not supported'), { name: 'DeviceUnsupportedError' })).code).toBe('unsupported');
    expect(toScreenShareError(new DOMException('Could not start video source', 'AbortError')).code).toBe('failed');
    expect(toScreenShareError('nonsense').code).toBe('failed');
    expect(toScreenShareError({ code: 'unsupported', message: 'x' }).code).toBe('unsupported');
  });

  it('a runtime without getDisplayMedia cannot share', () => {
    expect(isScreenShareSupported()).toBe(false);
  });
});

/** A LiveKit room that connects at once and records its handlers, so a test can fire room events. */
function recordingLiveKit() {
  const handlers = new Map<string, Array<(...args: unknown[]) => void>>();
  const setScreenShareEnabled = vi.fn(async (_enabled: boolean, _options?: object) => undefined);
  class Room {
    engine = undefined;
    remoteParticipants = new Map();
    localParticipant = {
      identity: 'alice#a1',
      name: 'alice',
      attributes: {},
      isLocal: true,
      isSpeaking: false,
      isScreenShareEnabled: false,
      connectionQuality: 'good',
      getTrackPublication: () => undefined,
      setMicrophoneEnabled: async () => undefined,
      setCameraEnabled: async () => undefined,
      setScreenShareEnabled,
    };
    on(event: string, handler: (...args: unknown[]) => void) {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      return this;
    }
    connect = async () => undefined;
    prepareConnection = async () => undefined;
    disconnect = async () => undefined;
  }
  const module = {
    Room,
    RoomEvent: new Proxy({}, { get: (_, name) => String(name) }),
    Track: { Source: { Camera: 'camera', Microphone: 'microphone', ScreenShare: 'screen_share' } },
    DisconnectReason: {},
    supportsAudioOutputSelection: () => true,
  } as unknown as LiveKitModule;
  const fire = (event: string, ...args: unknown[]) => {
    for (const handler of handlers.get(event) ?? []) handler(...args);
  };
  return { module, fire, setScreenShareEnabled };
}

describe('LiveKit screen sharing', () => {
  async function joined() {
    const livekit = recordingLiveKit();
    const media = createLiveKitMedia({ loadLiveKit: async () => livekit.module, statsIntervalMs: 0 });
    const events: MediaEvent[] = [];
    media.onEvent((event) => events.push(event));
    await media.join({ url: 'ws://127.0.0.1:9', token: 't', room: 'call-1', identity: 'alice#a1' }, 'audio');
    return { livekit, media, events };
  }

  it('needs a joined call', async () => {
    const media = createLiveKitMedia({ loadLiveKit: async () => recordingLiveKit().module });
    await expect(media.setScreenShareEnabled?.(true)).rejects.toMatchObject({ code: 'not-joined' });
  });

  it('publishes the screen without audio, and the browser stopping it is reported once as screen-share-ended', async () => {
    const { livekit, media, events } = await joined();
    await media.setScreenShareEnabled?.(true);
    expect(livekit.setScreenShareEnabled).toHaveBeenCalledWith(true, { audio: false, contentHint: 'detail' });
    livekit.fire('LocalTrackUnpublished', { source: 'camera' });
    expect(events.filter((event) => event.type === 'screen-share-ended')).toHaveLength(0);
    livekit.fire('LocalTrackUnpublished', { source: 'screen_share' });
    livekit.fire('LocalTrackUnpublished', { source: 'screen_share' });
    expect(events.filter((event) => event.type === 'screen-share-ended')).toHaveLength(1);
  });

  it('a stop it asked for is no screen-share-ended; a failed capture is no device error', async () => {
    const { livekit, media, events } = await joined();
    await media.setScreenShareEnabled?.(true);
    await media.setScreenShareEnabled?.(false);
    livekit.fire('LocalTrackUnpublished', { source: 'screen_share' });
    livekit.setScreenShareEnabled.mockRejectedValueOnce(new DOMException('Permission denied by user', 'NotAllowedError'));
    await expect(media.setScreenShareEnabled?.(true)).rejects.toMatchObject({ name: 'NotAllowedError' });
    // livekit-client also emits MediaDevicesError without a device kind for a screen capture failure.
    livekit.fire('MediaDevicesError', new DOMException('Permission denied by user', 'NotAllowedError'), undefined);
    expect(events.map((event) => event.type)).toEqual(['connected']);
    expect(media.getSnapshot().deviceError).toBeUndefined();
  });
});

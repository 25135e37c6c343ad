import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createMediaEffects } from '../../src/core/media/effects-store.js';
import { RingProvider } from '../../src/react/provider.js';
import { EffectsMenu } from '../../src/react/components/effects-menu.js';
import { useAudioProcessing } from '../../src/react/use-audio-processing.js';
import { useVideoEffects } from '../../src/react/use-video-effects.js';
import { createFakeMedia, createFakeMediaHub } from '../../src/testing/fake-media.js';
import { scriptedClient } from './components-client.js';

afterEach(cleanup);

const strict = ({ children }: { children: ReactNode }) => <StrictMode>{children}</StrictMode>;

async function joinedFakeMedia(effects: ReturnType<typeof createMediaEffects>) {
  const media = createFakeMedia({ hub: createFakeMediaHub(), tracks: false, statsIntervalMs: 0, effects });
  await media.join({ url: 'fake://', token: 't', room: 'call-1', identity: 'alice#1' }, 'video');
  return media;
}

describe('useVideoEffects', () => {
  it("chooses a background effect that the call's media follows, and shows its state", async () => {
    const effects = createMediaEffects({ storage: null, videoSupported: true });
    const media = await joinedFakeMedia(effects);
    const { result } = renderHook(() => useVideoEffects({ effects }), { wrapper: strict });
    expect(result.current).toMatchObject({ effect: { type: 'none' }, supported: true, status: 'off', error: undefined });

    act(() => result.current.setEffect({ type: 'blur', radius: 8 }));
    expect(result.current.effect).toEqual({ type: 'blur', radius: 8 });
    expect(media.getSnapshot().effects?.video).toEqual({ type: 'blur', radius: 8 });
    expect(result.current.status).toBe('on');

    act(() => effects.reportVideo('error', 'could not load the model'));
    expect(result.current).toMatchObject({ status: 'error', error: 'could not load the model' });
  });

  it("uses the client's store when one is given, and keeps the same result object between unrelated renders", () => {
    const effects = createMediaEffects({ storage: null, videoSupported: false });
    const client = { ...scriptedClient(), effects };
    const { result, rerender } = renderHook(() => useVideoEffects({ client }), { wrapper: strict });
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
    expect(result.current.supported).toBe(false);
    act(() => result.current.setEffect({ type: 'image', url: '/backgrounds/beach.svg' }));
    expect(effects.getSnapshot().video).toEqual({ type: 'image', url: '/backgrounds/beach.svg' });
  });
});

describe('useAudioProcessing', () => {
  it('turns switches off and on for the live call and remembers them', async () => {
    const storage = new Map<string, string>();
    const effects = createMediaEffects({ storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) } });
    const media = await joinedFakeMedia(effects);
    const { result } = renderHook(() => useAudioProcessing({ effects }), { wrapper: strict });
    expect(result.current).toMatchObject({ noiseSuppression: true, echoCancellation: true, autoGainControl: true });
    act(() => result.current.set({ noiseSuppression: false, autoGainControl: false }));
    expect(result.current).toMatchObject({ noiseSuppression: false, echoCancellation: true, autoGainControl: false });
    expect(media.getSnapshot().effects?.audio).toEqual({ noiseSuppression: false, echoCancellation: true, autoGainControl: false });
    expect(storage.get('ringkit:effects:audio')).toBe('{"noiseSuppression":false,"autoGainControl":false}');
  });
});

describe('<EffectsMenu>', () => {
  function renderMenu(effects = createMediaEffects({ storage: null, videoSupported: true }), locale?: string) {
    const client = { ...scriptedClient(), effects };
    render(
      <StrictMode>
        <RingProvider client={client} connect={false}>
          <EffectsMenu backgrounds={[{ label: 'Beach', url: '/backgrounds/beach.svg' }]} locale={locale} />
        </RingProvider>
      </StrictMode>,
    );
    return effects;
  }

  it('opens a labelled panel of background and sound choices that apply at once; Escape closes it and returns focus', () => {
    const effects = renderMenu();
    const button = screen.getByRole('button', { name: 'Effects' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('group', { name: 'Background and sound' });
    expect(screen.getByRole('radio', { name: 'None' })).toHaveProperty('checked', true);

    fireEvent.click(screen.getByRole('radio', { name: 'Blur' }));
    expect(effects.getSnapshot().video).toEqual({ type: 'blur' });
    fireEvent.click(screen.getByRole('radio', { name: 'Beach' }));
    expect(effects.getSnapshot().video).toEqual({ type: 'image', url: '/backgrounds/beach.svg' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Noise suppression' }));
    expect(effects.getSnapshot().audio.noiseSuppression).toBe(false);

    act(() => effects.reportVideo('error', 'model not found'));
    expect(screen.getByRole('alert').textContent).toBe('The background effect could not start.');

    fireEvent.keyDown(panel, { key: 'Escape' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
  });

  it('speaks Chinese, and disables the background choices where the browser cannot run them', () => {
    renderMenu(createMediaEffects({ storage: null, videoSupported: false }), 'zh-CN');
    fireEvent.click(screen.getByRole('button', { name: '效果' }));
    expect(screen.getByRole('radio', { name: '模糊' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('status').textContent).toBe('此浏览器无法更改背景。');
    expect(screen.getByRole('checkbox', { name: '降噪' })).toHaveProperty('disabled', false);
  });
});

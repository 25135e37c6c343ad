import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IncomingCallModal } from '../../src/react/components/incoming-call-modal.js';
import { RingProvider } from '../../src/react/provider.js';
import { incomingCall, scriptedClient } from './components-client.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('incoming-call alerts', () => {
  it('loops the ringtone URL while a call rings and stops when it stops ringing', async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const pause = vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
    const client = scriptedClient({ user: `bob-${Math.random()}` });
    render(
      <RingProvider client={client} connect={false}>
        <IncomingCallModal ringtone="https://example.com/ring.mp3" />
      </RingProvider>,
    );
    expect(play).not.toHaveBeenCalled();
    act(() => client.set({ incoming: [incomingCall('c1', 'alice')] }));
    await vi.waitFor(() => expect(play).toHaveBeenCalledTimes(1), { timeout: 2000 });
    act(() => client.set({ incoming: [] }));
    expect(pause).toHaveBeenCalled();
  });

  it('stays silent with ringtone={false}', async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const client = scriptedClient({ user: `bob-${Math.random()}`, incoming: [incomingCall('c1', 'alice')] });
    render(
      <RingProvider client={client} connect={false}>
        <IncomingCallModal ringtone={false} />
      </RingProvider>,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(play).not.toHaveBeenCalled();
  });

  it('shows a notification while the tab is hidden, and closes it when the call stops ringing', () => {
    const created: Array<{ title: string; options: NotificationOptions; close: () => void }> = [];
    class FakeNotification {
      static permission = 'granted';
      onclick: (() => void) | null = null;
      close = vi.fn();
      constructor(title: string, options: NotificationOptions) {
        created.push({ title, options, close: this.close });
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const client = scriptedClient();
    render(
      <RingProvider client={client} connect={false}>
        <IncomingCallModal ringtone={false} notification getUser={() => ({ name: 'Alice Chen' })} />
      </RingProvider>,
    );
    act(() => client.set({ incoming: [incomingCall('c1', 'alice', 'video')] }));
    expect(created).toHaveLength(1);
    expect(created[0]?.title).toBe('Alice Chen is calling');
    expect(created[0]?.options.tag).toBe('rk-call-c1');
    act(() => client.set({ incoming: [] }));
    expect(created[0]?.close).toHaveBeenCalled();
  });

  it('does not notify while the tab is visible or without permission', () => {
    const constructed = vi.fn();
    class FakeNotification {
      static permission = 'default';
      constructor() {
        constructed();
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const client = scriptedClient({ incoming: [incomingCall('c1', 'alice')] });
    render(
      <RingProvider client={client} connect={false}>
        <IncomingCallModal ringtone={false} notification />
      </RingProvider>,
    );
    expect(constructed).not.toHaveBeenCalled();
  });
});

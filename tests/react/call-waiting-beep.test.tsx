/**
 * The call-waiting beep plays in the tab that holds the live call, not in the user's other
 * tabs that show the same waiting call (tabs share one speaker through BroadcastChannel).
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IncomingCallModal } from '../../src/react/components/incoming-call-modal.js';
import { RingProvider } from '../../src/react/provider.js';
import { currentCall, incomingCall, scriptedClient, type ScriptedClient } from './components-client.js';

/** Which sounds play now, by the URL each tab was given. */
const playing = new Set<string>();

vi.mock('../../src/react/sound/tones.js', () => ({
  createTonePlayer: (_kind: string, sound: unknown) => ({
    start: () => playing.add(String(sound)),
    stop: () => playing.delete(String(sound)),
  }),
}));

afterEach(() => {
  cleanup();
  playing.clear();
});

const ringing = () =>
  currentCall({ callId: 'c-carol', direction: 'incoming', status: 'incoming', peers: ['carol'], createdAt: 3_000, waiting: true });

/** Alice talks with Bob in this tab; Carol calls. */
function tabInCall(): ScriptedClient {
  const active = currentCall({ callId: 'c-bob', peers: ['bob'], media: 'video', answeredAt: 2_000 });
  return scriptedClient({ call: active, calls: [active, ringing()], incoming: [incomingCall('c-carol', 'carol', 'video')] });
}

/** Another tab of Alice: the server says she is in a call (elsewhere); Carol's call rings here too. */
function otherTab(): ScriptedClient {
  return scriptedClient({ calls: [ringing()], incoming: [incomingCall('c-carol', 'carol', 'video')] });
}

function tab(client: ScriptedClient, sound: string) {
  return (
    <RingProvider client={client} connect={false}>
      <IncomingCallModal ringtone={sound} inline />
    </RingProvider>
  );
}

describe('call-waiting beep across tabs', () => {
  it('plays in the tab with the live call, even when another tab asked first', async () => {
    const first = render(tab(otherTab(), 'other-tab.mp3'));
    await vi.waitFor(() => expect([...playing]).toEqual(['other-tab.mp3']), { timeout: 20_000 });
    render(tab(tabInCall(), 'in-call-tab.mp3'));
    await vi.waitFor(() => expect([...playing]).toEqual(['in-call-tab.mp3']), { timeout: 20_000 });
    first.unmount();
    expect([...playing]).toEqual(['in-call-tab.mp3']);
  }, 45_000);
});

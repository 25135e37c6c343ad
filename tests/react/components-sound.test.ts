import { afterEach, describe, expect, it, vi } from 'vitest';
import { claimSound, type SoundClaim } from '../../src/react/sound/single-tab.js';
import { createTonePlayer } from '../../src/react/sound/tones.js';

const claims: SoundClaim[] = [];
afterEach(() => {
  claims.splice(0).forEach((claim) => claim.release());
});

function tab(channel: string, priority = 0) {
  const changes: boolean[] = [];
  const claim = claimSound({ channel, settleMs: 30, priority, onChange: (playing) => changes.push(playing) });
  claims.push(claim);
  return { claim, changes, playing: () => changes[changes.length - 1] === true };
}

describe('single-tab sound', () => {
  it('lets exactly one of several tabs of a user play, and hands over on release', async () => {
    const channel = `rk-test-${Math.random()}`;
    const first = tab(channel);
    const second = tab(channel);
    const third = tab(channel);
    await vi.waitFor(() => expect([first, second, third].filter((t) => t.playing())).toHaveLength(1), {
      timeout: 20_000,
    });
    const winner = [first, second, third].find((t) => t.playing());
    winner?.claim.release();
    expect(winner?.changes).toEqual([true, false]);
    const rest = [first, second, third].filter((t) => t !== winner);
    await vi.waitFor(() => expect(rest.filter((t) => t.playing())).toHaveLength(1), { timeout: 20_000 });
  }, 45_000); // two elections, each bounded by 20 s on a loaded machine

  it('does not start a second tab while one already plays', async () => {
    const channel = `rk-test-${Math.random()}`;
    const first = tab(channel);
    await vi.waitFor(() => expect(first.playing()).toBe(true), { timeout: 10_000 });
    const late = tab(channel);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(late.changes).toEqual([]);
  });

  it('lets the tab with the higher priority play, even when it asks later', async () => {
    const channel = `rk-test-${Math.random()}`;
    const first = tab(channel);
    const second = tab(channel);
    await vi.waitFor(() => expect([first, second].filter((t) => t.playing())).toHaveLength(1), { timeout: 20_000 });
    const low = [first, second].find((t) => t.playing());
    const inCall = tab(channel, 1);
    await vi.waitFor(() => expect(inCall.playing()).toBe(true), { timeout: 20_000 });
    await vi.waitFor(() => expect(low?.changes).toEqual([true, false]), { timeout: 20_000 });
    expect([first, second].filter((t) => t.playing())).toHaveLength(0);
    inCall.claim.release();
    await vi.waitFor(() => expect([first, second].filter((t) => t.playing())).toHaveLength(1), { timeout: 20_000 });
  }, 70_000); // three elections, each bounded by 20 s on a loaded machine

  it('keeps users apart', async () => {
    const alice = tab(`rk-test-alice-${Math.random()}`);
    const bob = tab(`rk-test-bob-${Math.random()}`);
    await vi.waitFor(() => expect(alice.playing() && bob.playing()).toBe(true), { timeout: 10_000 });
  });

  it('ignores foreign messages on the channel', async () => {
    const channel = `rk-test-${Math.random()}`;
    const stranger = new BroadcastChannel(channel);
    stranger.postMessage({ type: 'want', tab: 'x' });
    stranger.postMessage('garbage');
    stranger.postMessage(null);
    const only = tab(channel);
    await vi.waitFor(() => expect(only.playing()).toBe(true), { timeout: 10_000 });
    stranger.close();
  });
});

describe('tone players', () => {
  it('are silent and safe without Web Audio or when turned off', () => {
    for (const player of [createTonePlayer('ringtone'), createTonePlayer('ringback', false)]) {
      expect(() => {
        player.start();
        player.start();
        player.stop();
        player.stop();
      }).not.toThrow();
    }
  });

  it('loop an audio file when given a URL', () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const player = createTonePlayer('ringtone', 'https://example.com/ring.mp3');
    player.start();
    expect(play).toHaveBeenCalledTimes(1);
    player.stop();
    play.mockRestore();
  });
});

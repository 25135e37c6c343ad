import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ParticipantView } from '../../src/core/media/types.js';
import { CallControls } from '../../src/react/components/call-controls.js';
import { CallView } from '../../src/react/components/call-view.js';
import { RingProvider } from '../../src/react/provider.js';
import { currentCall, scriptedClient, type ScriptedClient } from './components-client.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const modes: Array<[string, (node: ReactNode) => ReactNode]> = [
  ['plain', (node) => node],
  ['StrictMode', (node) => <StrictMode>{node}</StrictMode>],
];

function view(client: ScriptedClient, wrap: (node: ReactNode) => ReactNode, node: ReactNode) {
  return render(wrap(<RingProvider client={client} connect={false}>{node}</RingProvider>));
}

function person(user: string, isLocal: boolean): ParticipantView {
  return { identity: `${user}#1`, user, isLocal, micEnabled: true, cameraEnabled: false, speaking: false, quality: 'good' };
}

describe.each(modes)('<CallView> (%s)', (_mode, wrap) => {
  it('renders nothing without a call, and the status of each phase', () => {
    const client = scriptedClient();
    view(client, wrap, <CallView ringback={false} devices={false} getUser={(id) => ({ name: id === 'bob' ? 'Bob M' : id })} />);
    expect(screen.queryByRole('region')).toBeNull();
    const phases: Array<[Parameters<typeof currentCall>[0], string]> = [
      [{ status: 'calling' }, 'Calling Bob M…'],
      [{ status: 'ringing' }, 'Ringing Bob M…'],
      [{ status: 'connecting' }, 'Connecting…'],
      [{ status: 'active', answeredAt: Date.now() }, 'In call with Bob M'],
      [{ status: 'reconnecting', answeredAt: Date.now() }, 'Reconnecting…'],
      [{ status: 'ended', endReason: 'busy' }, 'Call ended: the other person is busy'],
    ];
    for (const [patch, text] of phases) {
      act(() => client.set({ call: currentCall(patch) }));
      const region = screen.getByRole('region', { name: 'Call with Bob M' });
      expect(within(region).getByRole('status').textContent).toBe(text);
      expect(region.getAttribute('data-state')).toBe(patch?.status);
    }
  });

  it('shows the reconnecting banner, the duration ticking, remote large and local picture-in-picture', () => {
    vi.useFakeTimers({ now: 100_000 });
    const client = scriptedClient({
      call: currentCall({ status: 'reconnecting', answeredAt: 100_000, peers: ['bob'] }),
      media: { connection: 'reconnecting', local: person('alice', true), remotes: [person('bob', false)] },
    });
    view(client, wrap, <CallView ringback={false} devices={false} />);
    expect(screen.getByRole('alert').textContent).toBe('Connection lost. Reconnecting…');
    const region = screen.getByRole('region');
    const duration = () => {
      const element = document.getElementById(region.getAttribute('aria-describedby') ?? '');
      if (!element) throw new Error('the call region is described by no element');
      return element;
    };
    expect(within(duration()).getByText('Duration 0:00')).toBeTruthy();
    expect(duration()?.querySelector('time')?.getAttribute('aria-hidden')).toBe('true');
    expect(region.querySelector('time[aria-label]')).toBeNull();
    act(() => vi.advanceTimersByTime(65_000));
    expect(within(duration()).getByText('Duration 1:05')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'bob' }).className).toContain('rk-call-view__remote');
    expect(screen.getByRole('group', { name: 'alice (you)' }).className).toContain('rk-call-view__local');
  });

  it('lays out a group call as a grid, with placeholders for people not there yet', () => {
    const client = scriptedClient({
      call: currentCall({ status: 'active', peers: ['bob', 'carol'] }),
      media: { connection: 'connected', local: person('alice', true), remotes: [person('bob', false)] },
    });
    view(client, wrap, <CallView ringback={false} devices={false} />);
    expect(screen.getByRole('region').getAttribute('data-rk-layout')).toBe('grid');
    expect(screen.getByRole('group', { name: 'carol' }).hasAttribute('data-rk-waiting')).toBe(true);
  });

  it('closes an ended call with Close, unless the user prevents it', () => {
    const client = scriptedClient({ call: currentCall({ status: 'ended', endReason: 'no-answer' }) });
    const onDismiss = vi.fn((event: { preventDefault(): void }) => event.preventDefault());
    const { rerender } = view(client, wrap, <CallView ringback={false} onDismiss={onDismiss} />);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(client.dismiss).not.toHaveBeenCalled();
    rerender(wrap(<RingProvider client={client} connect={false}><CallView ringback={false} /></RingProvider>));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(client.dismiss).toHaveBeenCalledTimes(1);
  });

  it('says why the camera or microphone is not in the call, in the chosen language', () => {
    const deviceError = { code: 'permission-denied', kind: 'videoinput', message: 'raw' } as const;
    const client = scriptedClient({ call: currentCall({ status: 'active', answeredAt: Date.now(), deviceError }) });
    const { rerender } = view(client, wrap, <CallView ringback={false} devices={false} />);
    expect(screen.getByRole('alert').textContent).toBe('Access to the camera was denied. Allow it in the browser’s site settings.');
    rerender(wrap(<RingProvider client={client} connect={false}><CallView ringback={false} devices={false} locale="zh-CN" /></RingProvider>));
    expect(screen.getByRole('alert').textContent).toBe('摄像头权限被拒绝，请在浏览器的网站设置中允许。');
    act(() => client.set({ call: currentCall({ status: 'ended', endReason: 'completed', deviceError }) }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says every end reason in Chinese too', () => {
    const client = scriptedClient({ call: currentCall({ status: 'ended', endReason: 'do-not-disturb' }) });
    view(client, wrap, <CallView ringback={false} locale="zh-CN" />);
    expect(screen.getByRole('status').textContent).toBe('通话已结束：对方开启了免打扰');
  });
});

describe.each(modes)('<CallControls> (%s)', (_mode, wrap) => {
  it('toggles mic and camera with aria-pressed, switches media and hangs up', () => {
    const client = scriptedClient({ call: currentCall({ status: 'active', media: 'video', cameraEnabled: true }) });
    view(client, wrap, <CallControls devices={false} />);
    const group = screen.getByRole('group', { name: 'Call controls' });
    const mic = within(group).getByRole('button', { name: 'Mute microphone' });
    expect(mic.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(mic);
    expect(client.setMicrophoneEnabled).toHaveBeenCalledWith(false);
    act(() => client.set({ call: currentCall({ status: 'active', media: 'video', micEnabled: false, cameraEnabled: true }) }));
    expect(mic.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(mic);
    expect(client.setMicrophoneEnabled).toHaveBeenLastCalledWith(true);
    fireEvent.click(within(group).getByRole('button', { name: 'Turn camera off' }));
    expect(client.setCameraEnabled).toHaveBeenCalledWith(false);
    fireEvent.click(within(group).getByRole('button', { name: 'Switch to audio' }));
    expect(client.switchMedia).toHaveBeenCalledWith('audio');
    fireEvent.click(within(group).getByRole('button', { name: 'Hang up' }));
    expect(client.hangup).toHaveBeenCalledTimes(1);
  });

  it('hides the camera toggle in audio calls and disables media actions until connected', () => {
    const client = scriptedClient({ call: currentCall({ status: 'ringing' }) });
    view(client, wrap, <CallControls devices={false} />);
    expect(screen.queryByRole('button', { name: 'Turn camera off' })).toBeNull();
    const mic = screen.getByRole('button', { name: 'Mute microphone' });
    expect(mic.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(mic);
    expect(client.setMicrophoneEnabled).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Switch to video' }));
    expect(client.switchMedia).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    expect(client.hangup).toHaveBeenCalledTimes(1);
  });

  it("runs the user's handler first and lets preventDefault win", () => {
    const client = scriptedClient({ call: currentCall({ status: 'active' }) });
    const onHangUp = vi.fn((event: { preventDefault(): void }) => event.preventDefault());
    view(client, wrap, <CallControls devices={false} onHangUp={onHangUp} />);
    fireEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    expect(onHangUp).toHaveBeenCalledTimes(1);
    expect(client.hangup).not.toHaveBeenCalled();
  });
});

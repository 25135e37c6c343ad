import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallButton } from '../../src/react/components/call-button.js';
import { RingProvider } from '../../src/react/provider.js';
import { currentCall, scriptedClient, type ScriptedClient } from './components-client.js';

afterEach(cleanup);

const modes: Array<[string, (node: ReactNode) => ReactNode]> = [
  ['plain', (node) => node],
  ['StrictMode', (node) => <StrictMode>{node}</StrictMode>],
];

function renderButton(client: ScriptedClient, wrap: (node: ReactNode) => ReactNode, node: ReactNode) {
  return render(wrap(<RingProvider client={client} connect={false}>{node}</RingProvider>));
}

describe.each(modes)('<CallButton> (%s)', (_mode, wrap) => {
  it('calls when idle, then shows Cancel while ringing and Hang up when active', async () => {
    const client = scriptedClient();
    renderButton(client, wrap, <CallButton to="bob" video ringback={false} getUser={() => ({ name: 'Bob M' })} />);
    const button = screen.getByRole('button', { name: 'Video call Bob M' });
    expect(button.getAttribute('data-state')).toBe('idle');
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(button.textContent).toBe('Video call');
    fireEvent.click(button);
    expect(client.call).toHaveBeenCalledWith(['bob'], { video: true, extra: undefined });

    act(() => client.set({ call: currentCall({ status: 'ringing' }) }));
    expect(button.getAttribute('data-state')).toBe('ringing');
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.textContent).toBe('Cancel');
    fireEvent.click(button);
    expect(client.cancel).toHaveBeenCalledTimes(1);

    act(() => client.set({ call: currentCall({ status: 'active' }) }));
    expect(screen.getByRole('button', { name: 'Hang up' }).getAttribute('data-state')).toBe('active');
    fireEvent.click(button);
    expect(client.hangup).toHaveBeenCalledTimes(1);

    act(() => client.set({ call: currentCall({ status: 'ended', endReason: 'completed' }) }));
    expect(button.getAttribute('data-state')).toBe('idle');
  });

  it('is aria-disabled with a reason while offline, and does nothing when clicked', () => {
    const client = scriptedClient({ connection: 'disconnected' });
    renderButton(client, wrap, <CallButton to="bob" ringback={false} />);
    const button = screen.getByRole('button', { name: 'Call bob' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    const reason = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toBe('You are offline');
    fireEvent.click(button);
    expect(client.call).not.toHaveBeenCalled();
    act(() => client.set({ connection: 'reconnecting' }));
    expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Connecting to the call service',
    );
  });

  it('is disabled while in a call with someone else', () => {
    const client = scriptedClient({ call: currentCall({ peers: ['carol'] }) });
    renderButton(client, wrap, <CallButton to="bob" ringback={false} />);
    const button = screen.getByRole('button', { name: 'Call bob' });
    expect(button.getAttribute('data-state')).toBe('unavailable');
  });

  it("lets the user's preventDefault stop the call, forwards refs and className", () => {
    const client = scriptedClient();
    const ref = vi.fn();
    renderButton(
      client,
      wrap,
      <CallButton to="bob" ringback={false} ref={ref} className="mine" onClick={(event) => event.preventDefault()} />,
    );
    const button = screen.getByRole('button', { name: 'Call bob' });
    fireEvent.click(button);
    expect(client.call).not.toHaveBeenCalled();
    expect(button.className).toBe('rk-call-button mine');
    expect(ref).toHaveBeenCalledWith(button);
  });

  it('reports a failing call through onError and never throws', async () => {
    const client = scriptedClient();
    const failure = new Error('nope');
    vi.mocked(client.call).mockRejectedValueOnce(failure);
    const onError = vi.fn();
    renderButton(client, wrap, <CallButton to={['bob', 'carol']} ringback={false} onError={onError} />);
    fireEvent.click(screen.getByRole('button', { name: 'Call bob, carol' }));
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(failure), { timeout: 1000 });
  });

  it('throws a clear error outside a provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => render(wrap(<CallButton to="bob" />))).toThrow(/RingProvider/);
    vi.mocked(console.error).mockRestore();
  });
});

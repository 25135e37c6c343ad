import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRingClient } from '../../src/core/ring-client.js';
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
  it('calls when idle, then is Cancel while ringing and Hang up when active, a plain button named after its action', async () => {
    const client = scriptedClient();
    renderButton(client, wrap, <CallButton to="bob" video ringback={false} getUser={() => ({ name: 'Bob M' })} />);
    const button = screen.getByRole('button', { name: 'Video call Bob M' });
    expect(button.getAttribute('data-state')).toBe('idle');
    expect(button.hasAttribute('aria-pressed')).toBe(false);
    expect(button.textContent).toBe('Video call');
    fireEvent.click(button);
    expect(client.call).toHaveBeenCalledWith(['bob'], { video: true, extra: undefined });

    act(() => client.set({ call: currentCall({ status: 'ringing' }) }));
    expect(button.getAttribute('data-state')).toBe('ringing');
    expect(button.hasAttribute('aria-pressed')).toBe(false);
    expect(button.textContent).toBe('Cancel');
    expect(screen.getByRole('button', { name: 'Cancel call to Bob M' })).toBe(button);
    fireEvent.click(button);
    expect(client.cancel).toHaveBeenCalledTimes(1);

    act(() => client.set({ call: currentCall({ status: 'active' }) }));
    expect(screen.getByRole('button', { name: 'Hang up call with Bob M' }).getAttribute('data-state')).toBe('active');
    fireEvent.click(button);
    expect(client.hangup).toHaveBeenCalledTimes(1);

    act(() => client.set({ call: currentCall({ status: 'incoming', direction: 'incoming' }) }));
    expect(screen.getByRole('button', { name: 'Decline call from Bob M' }).textContent).toBe('Decline');

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
    expect(button.getAttribute('data-state')).toBe('connecting');
    expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Connecting to the call service',
    );
  });

  it('shows connecting (not offline) before the provider connected the client, and does nothing when clicked', () => {
    const client = scriptedClient({ connection: 'idle' });
    renderButton(client, wrap, <CallButton to="bob" ringback={false} />);
    const button = screen.getByRole('button', { name: 'Call bob' });
    expect(button.getAttribute('data-state')).toBe('connecting');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Connecting to the call service',
    );
    fireEvent.click(button);
    expect(client.call).not.toHaveBeenCalled();
    act(() => client.set({ connection: 'connected' }));
    expect(button.getAttribute('data-state')).toBe('idle');
    expect(button.hasAttribute('aria-describedby')).toBe(false);
  });

  it('with endsCall={false} only starts calls: disabled while its call is live', () => {
    const client = scriptedClient({ call: currentCall({ status: 'ringing' }) });
    renderButton(client, wrap, <CallButton to="bob" ringback={false} endsCall={false} />);
    const button = screen.getByRole('button', { name: 'Call bob' });
    expect(button.getAttribute('data-state')).toBe('unavailable');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(client.cancel).not.toHaveBeenCalled();
    act(() => client.set({ call: currentCall({ status: 'ended', endReason: 'cancelled' }) }));
    expect(button.getAttribute('data-state')).toBe('idle');
  });

  it('marks its text with lang and dir, and names who it calls', () => {
    const client = scriptedClient({ connection: 'disconnected' });
    renderButton(client, wrap, <CallButton to={['bob', 'carol']} locale="zh-CN" ringback={false} />);
    const button = screen.getByRole('button', { name: '语音通话 bob, carol' });
    expect(button.getAttribute('lang')).toBe('zh-CN');
    expect(button.getAttribute('dir')).toBe('ltr');
    expect(button.getAttribute('data-rk-to')).toBe('bob carol');
    const reason = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(reason?.getAttribute('lang')).toBe('zh-CN');
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

describe('<CallButton> rendered on the server', () => {
  it('says it is connecting, not offline, before the browser connects the client', () => {
    const client = createRingClient({ url: 'ws://127.0.0.1:9', user: 'alice' });
    const html = renderToString(
      <RingProvider client={client}>
        <CallButton to="bob" video />
      </RingProvider>,
    );
    expect(html).toContain('data-state="connecting"');
    expect(html).toContain('aria-disabled="true"');
    expect(html).toContain('Connecting to the call service');
    expect(html).not.toContain('You are offline');
    expect(html).not.toContain('aria-pressed');
  });
});

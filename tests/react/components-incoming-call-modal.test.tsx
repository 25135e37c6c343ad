import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IncomingCallModal } from '../../src/react/components/incoming-call-modal.js';
import { RingProvider } from '../../src/react/provider.js';
import { incomingCall, scriptedClient, type ScriptedClient } from './components-client.js';

afterEach(cleanup);

const modes: Array<[string, (node: ReactNode) => ReactNode]> = [
  ['plain', (node) => node],
  ['StrictMode', (node) => <StrictMode>{node}</StrictMode>],
];

function renderModal(client: ScriptedClient, wrap: (node: ReactNode) => ReactNode, node: ReactNode) {
  return render(
    wrap(
      <RingProvider client={client} connect={false}>
        <button type="button">outside</button>
        {node}
      </RingProvider>,
    ),
  );
}

describe.each(modes)('<IncomingCallModal> (%s)', (_mode, wrap) => {
  it('renders nothing while nothing rings, then a labelled alert dialog with Decline focused', () => {
    const client = scriptedClient();
    renderModal(client, wrap, <IncomingCallModal ringtone={false} />);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => client.set({ incoming: [incomingCall('c1', 'bob')] }));
    const dialog = screen.getByRole('alertdialog', { name: 'Incoming call' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toBe('bob is calling you');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Decline' }));
    expect(within(dialog).queryByRole('button', { name: 'Accept as audio' })).toBeNull();
  });

  it('loops Tab inside the dialog and ignores Escape', () => {
    const client = scriptedClient({ incoming: [incomingCall('c1', 'bob', 'video')] });
    renderModal(client, wrap, <IncomingCallModal ringtone={false} />);
    const dialog = screen.getByRole('alertdialog', { name: 'Incoming video call' });
    const buttons = within(dialog).getAllByRole('button');
    const [decline, acceptAudio, accept] = buttons;
    const last = buttons.at(-1);
    expect(decline?.textContent).toBe('Decline');
    expect(acceptAudio?.textContent).toBe('Accept as audio');
    expect(last?.textContent).toBe('Reply with a message');
    last?.focus();
    fireEvent.keyDown(last as HTMLElement, { key: 'Tab' });
    expect(document.activeElement).toBe(decline);
    fireEvent.keyDown(decline as HTMLElement, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
    const escape = fireEvent.keyDown(accept as HTMLElement, { key: 'Escape' });
    expect(escape).toBe(false);
    expect(client.accept).not.toHaveBeenCalled();
    expect(screen.getByRole('alertdialog')).toBeTruthy();
  });

  it('accepts, accepts as audio and declines the shown call', () => {
    const client = scriptedClient({ incoming: [incomingCall('c1', 'bob', 'video')] });
    renderModal(client, wrap, <IncomingCallModal ringtone={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    expect(client.accept).toHaveBeenLastCalledWith('c1', { video: true });
    fireEvent.click(screen.getByRole('button', { name: 'Accept as audio' }));
    expect(client.accept).toHaveBeenLastCalledWith('c1', { video: false });
    fireEvent.click(screen.getByRole('button', { name: 'Decline' }));
    expect(client.reject).toHaveBeenCalledWith('c1');
  });

  it("lets the user's preventDefault stop an action", () => {
    const client = scriptedClient({ incoming: [incomingCall('c1', 'bob')] });
    renderModal(client, wrap, <IncomingCallModal ringtone={false} onAccept={(event) => event.preventDefault()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    expect(client.accept).not.toHaveBeenCalled();
  });

  it('queues several calls, shows caller and extra, and returns focus when it closes', async () => {
    const client = scriptedClient();
    const outside = () => screen.getByRole('button', { name: 'outside' });
    renderModal(
      client,
      wrap,
      <IncomingCallModal
        ringtone={false}
        getUser={(id) => ({ name: id.toUpperCase() })}
        renderCaller={(caller) => <strong>caller {caller.name}</strong>}
        className="mine"
      />,
    );
    outside().focus();
    act(() =>
      client.set({
        incoming: [incomingCall('c1', 'bob', 'audio', { subject: 'Lunch', nested: { no: true } }), incomingCall('c2', 'carol')],
      }),
    );
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.className).toBe('rk-incoming mine');
    expect(within(dialog).getByText('caller BOB')).toBeTruthy();
    expect(within(dialog).getByText('Lunch')).toBeTruthy();
    expect(within(dialog).queryByText('nested')).toBeNull();
    expect(within(dialog).getByText('Call 1 of 2')).toBeTruthy();
    act(() => client.set({ incoming: [incomingCall('c2', 'carol')] }));
    expect(within(dialog).getByText('caller CAROL')).toBeTruthy();
    expect(within(dialog).queryByText(/of 2/)).toBeNull();
    act(() => client.set({ incoming: [] }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(outside()), { timeout: 1000 });
  });

  it('shows Chinese text with locale="zh-CN"', () => {
    const client = scriptedClient({ incoming: [incomingCall('c1', 'bob', 'video')] });
    renderModal(client, wrap, <IncomingCallModal ringtone={false} locale="zh-CN" />);
    expect(screen.getByRole('alertdialog', { name: '视频来电' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '接听' })).toBeTruthy();
  });

  it('reports a failing accept through onError', async () => {
    const client = scriptedClient({ incoming: [incomingCall('c1', 'bob')] });
    const failure = new Error('late');
    vi.mocked(client.accept).mockRejectedValueOnce(failure);
    const onError = vi.fn();
    renderModal(client, wrap, <IncomingCallModal ringtone={false} onError={onError} />);
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(failure), { timeout: 1000 });
  });
});

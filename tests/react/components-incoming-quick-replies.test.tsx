import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
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

describe.each(modes)('<IncomingCallModal> quick replies and Ignore (%s)', (_mode, wrap) => {
  it('shows the quick replies behind a disclosure button; one declines with its words', () => {
    const client = scriptedClient({ incoming: [incomingCall('c1', 'bob')] });
    renderModal(client, wrap, <IncomingCallModal ringtone={false} />);
    const dialog = screen.getByRole('alertdialog');
    const toggle = within(dialog).getByRole('button', { name: 'Reply with a message' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(dialog).queryByRole('button', { name: "I'm in a meeting." })).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const list = within(dialog).getByRole('list', { name: 'Reply with a message' });
    expect(toggle.getAttribute('aria-controls')).toBe(list.id);
    expect(within(list).getAllByRole('button').map((button) => button.textContent)).toEqual([
      "Can't talk now. I'll call you back.",
      "I'm in a meeting.",
      "I'm driving.",
    ]);
    fireEvent.click(within(list).getByRole('button', { name: "I'm in a meeting." }));
    expect(client.reject).toHaveBeenCalledWith('c1', { reason: "I'm in a meeting." });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Decline' }));
  });

  it('takes its own quick replies, or none', () => {
    const client = scriptedClient({ incoming: [incomingCall('c1', 'bob')] });
    const view = renderModal(client, wrap, <IncomingCallModal ringtone={false} quickReplies={['busy', 'Text me']} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reply with a message' }));
    fireEvent.click(screen.getByRole('button', { name: 'busy' }));
    expect(client.reject).toHaveBeenCalledWith('c1', { reason: 'busy' });
    view.unmount();
    renderModal(client, wrap, <IncomingCallModal ringtone={false} quickReplies={false} />);
    expect(screen.queryByRole('button', { name: 'Reply with a message' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Ignore' })).toBeTruthy();
  });

  it('Ignore stops ringing here: the dialog closes once the call is ignored, and focus goes back', () => {
    const client = scriptedClient();
    renderModal(client, wrap, <IncomingCallModal ringtone={false} />);
    const outside = screen.getByRole('button', { name: 'outside' });
    outside.focus();
    act(() => client.set({ incoming: [incomingCall('c1', 'bob')] }));
    fireEvent.click(screen.getByRole('button', { name: 'Ignore' }));
    expect(client.ignore).toHaveBeenCalledWith('c1');
    expect(client.reject).not.toHaveBeenCalled();
    act(() => client.set({ incoming: [], ignored: [incomingCall('c1', 'bob')] }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('speaks Chinese', () => {
    const client = scriptedClient({ incoming: [incomingCall('c1', 'bob')] });
    renderModal(client, wrap, <IncomingCallModal ringtone={false} locale="zh-CN" />);
    expect(screen.getByRole('button', { name: '忽略' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '回复消息' }));
    fireEvent.click(screen.getByRole('button', { name: '我在开会。' }));
    expect(client.reject).toHaveBeenCalledWith('c1', { reason: '我在开会。' });
  });
});

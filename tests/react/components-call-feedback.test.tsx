/**
 * <CallFeedback> and useCallFeedback: with a scripted client (every state), and
 * against real ring clients on the memory hub (the rating reaches the server's
 * history), in StrictMode and without.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RingError } from '../../src/core/errors.js';
import { CallFeedback } from '../../src/react/components/call-feedback.js';
import { RingProvider } from '../../src/react/provider.js';
import { createMemoryWorld, waitForClient, waitForStatus, type MemoryWorld } from '../helpers/client.js';
import { currentCall, scriptedClient, type ScriptedClient } from './components-client.js';

let world: MemoryWorld | undefined;
afterEach(async () => {
  cleanup();
  await world?.close();
  world = undefined;
});

const modes: Array<[string, (node: ReactNode) => ReactNode]> = [
  ['plain', (node) => node],
  ['StrictMode', (node) => <StrictMode>{node}</StrictMode>],
];

function renderWith(client: ScriptedClient, wrap: (node: ReactNode) => ReactNode, node: ReactNode) {
  return render(wrap(<RingProvider client={client} connect={false}>{node}</RingProvider>));
}

const answeredAndEnded = () => currentCall({ callId: 'c9', status: 'ended', answeredAt: 2_000, endedAt: 9_000, endReason: 'completed' });

describe.each(modes)('<CallFeedback> (%s)', (_mode, wrap) => {
  it('shows nothing during a call, nor after a call nobody answered', () => {
    const client = scriptedClient({ call: currentCall({ status: 'active', answeredAt: 2_000 }) });
    renderWith(client, wrap, <CallFeedback />);
    expect(screen.queryByRole('form')).toBeNull();
    act(() => client.set({ call: currentCall({ status: 'ended', endReason: 'declined' }) }));
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('asks once an answered call ended: stars, issue chips below 5, a comment, Send', async () => {
    const client = scriptedClient();
    const submitted = vi.fn();
    renderWith(client, wrap, <CallFeedback onSubmitted={submitted} />);
    act(() => client.set({ call: answeredAndEnded() }));
    const form = screen.getByRole('form', { name: 'How was the call?' });
    const send = within(form).getByRole('button', { name: 'Send' });
    expect((send as HTMLButtonElement).disabled).toBe(true);
    const stars = within(form).getByRole('group', { name: 'Call quality' });
    expect(within(stars).getAllByRole('radio').map((radio) => radio.getAttribute('aria-label'))).toEqual(['1 of 5', '2 of 5', '3 of 5', '4 of 5', '5 of 5']);
    expect(within(form).queryByRole('group', { name: 'What went wrong?' })).toBeNull();
    fireEvent.click(within(stars).getByRole('radio', { name: '2 of 5' }));
    const issues = within(form).getByRole('group', { name: 'What went wrong?' });
    fireEvent.click(within(issues).getByRole('checkbox', { name: 'Echo' }));
    fireEvent.click(within(issues).getByRole('checkbox', { name: 'Frozen video' }));
    fireEvent.click(within(issues).getByRole('checkbox', { name: 'Echo' }));
    fireEvent.change(within(form).getByRole('textbox', { name: 'Anything else? (optional)' }), { target: { value: '  picture froze twice ' } });
    fireEvent.click(send);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Thanks for your feedback.'));
    expect(client.rateCall).toHaveBeenCalledWith('c9', { score: 2, issues: ['frozen-video'], comment: 'picture froze twice' });
    expect(submitted).toHaveBeenCalledWith({ score: 2, issues: ['frozen-video'], comment: 'picture froze twice' });
  });

  it('a 5 sends no issues; Skip makes it go away for that call', async () => {
    const client = scriptedClient({ call: answeredAndEnded() });
    const view = renderWith(client, wrap, <CallFeedback comment={false} issues={['echo']} />);
    fireEvent.click(screen.getByRole('radio', { name: '4 of 5' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Echo' }));
    fireEvent.click(screen.getByRole('radio', { name: '5 of 5' }));
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(client.rateCall).toHaveBeenCalledWith('c9', { score: 5 }));
    view.unmount();
    act(() => client.set({ call: currentCall({ callId: 'c10', status: 'ended', answeredAt: 1 }) }));
    const skipped = vi.fn();
    const again = renderWith(client, wrap, <CallFeedback onSkip={skipped} />);
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect(skipped).toHaveBeenCalled();
    expect(screen.queryByRole('form')).toBeNull();
    again.unmount();
    renderWith(client, wrap, <CallFeedback />);
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('says so when sending fails, and lets the user try again', async () => {
    const client = scriptedClient({ call: answeredAndEnded() });
    vi.mocked(client.rateCall).mockRejectedValueOnce(new RingError('unavailable', 'offline'));
    renderWith(client, wrap, <CallFeedback />);
    fireEvent.click(screen.getByRole('radio', { name: '3 of 5' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Your rating could not be sent. Try again.'));
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.getByRole('status')).toBeTruthy());
    expect(client.rateCall).toHaveBeenCalledTimes(2);
  });

  it('speaks Chinese', () => {
    const client = scriptedClient({ call: answeredAndEnded() });
    renderWith(client, wrap, <CallFeedback locale="zh-CN" />);
    expect(screen.getByRole('form', { name: '通话质量如何？' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '1 星（共 5 星）' }));
    expect(screen.getByRole('checkbox', { name: '回声' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '提交' })).toBeTruthy();
  });
});

describe.each(modes)('<CallFeedback> with real clients on the memory hub (%s)', (_mode, wrap) => {
  it('the rating of the call that just ended lands in this user’s history on the server', async () => {
    world = createMemoryWorld();
    const alice = world.client('alice').client;
    const bob = world.client('bob').client;
    await Promise.all([alice.connect(), bob.connect()]);
    render(wrap(<RingProvider client={alice} connect={false}><CallFeedback /></RingProvider>));
    const callId = await alice.call('bob');
    await waitForClient(bob, (s) => s.incoming.length === 1, 3_000, 'bob ringing');
    await bob.accept(callId);
    await waitForStatus(alice, 'active');
    expect(screen.queryByRole('form')).toBeNull();
    await act(() => bob.hangup());
    await waitForStatus(alice, 'ended');
    fireEvent.click(await screen.findByRole('radio', { name: '4 of 5' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Choppy audio' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('status');
    const history = await alice.history();
    expect(history[0]).toMatchObject({ callId, rating: { score: 4, issues: ['choppy-audio'] } });
  });
});

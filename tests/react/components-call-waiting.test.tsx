/**
 * Call waiting in the components: the compact in-call variant of <IncomingCallModal>
 * (loaded on demand), the calls on hold in <CallView> with Resume, the Hold control,
 * and useCall's hold, resume and swap, in plain and StrictMode, English and Chinese.
 */
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CallView } from '../../src/react/components/call-view.js';
import { IncomingCallModal } from '../../src/react/components/incoming-call-modal.js';
import { RingProvider } from '../../src/react/provider.js';
import { useCall } from '../../src/react/use-call.js';
import { useCalls } from '../../src/react/use-calls.js';
import { useIncomingCall } from '../../src/react/use-incoming-call.js';
import { currentCall, incomingCall, scriptedClient, type ScriptedClient } from './components-client.js';

afterEach(cleanup);

/** The compact dialog is loaded with `import()` once a call is live: a cold transform on a loaded machine can take seconds. */
const LAZY_DIALOG = { timeout: 15_000 };

const modes: Array<[string, (node: ReactNode) => ReactNode]> = [
  ['plain', (node) => node],
  ['StrictMode', (node) => <StrictMode>{node}</StrictMode>],
];

/** Alice talks with Bob; Carol calls. */
function waitingClient(): ScriptedClient {
  const active = currentCall({ callId: 'c-bob', peers: ['bob'], media: 'video', answeredAt: 2_000 });
  const ringing = currentCall({ callId: 'c-carol', direction: 'incoming', status: 'incoming', peers: ['carol'], createdAt: 3_000, waiting: true });
  return scriptedClient({ call: active, calls: [active, ringing], incoming: [{ ...incomingCall('c-carol', 'carol', 'video'), createdAt: 3_000 }] });
}

/** Alice holds Bob and talks with Carol. */
function heldClient(): ScriptedClient {
  const held = currentCall({ callId: 'c-bob', peers: ['bob'], status: 'held', heldBy: ['alice'], answeredAt: 2_000 });
  const active = currentCall({ callId: 'c-carol', direction: 'incoming', peers: ['carol'], createdAt: 3_000, answeredAt: 4_000 });
  return scriptedClient({ call: active, calls: [held, active] });
}

function withProvider(client: ScriptedClient, wrap: (node: ReactNode) => ReactNode, node: ReactNode) {
  return render(
    wrap(
      <RingProvider client={client} connect={false}>
        {node}
      </RingProvider>,
    ),
  );
}

describe.each(modes)('call waiting components (%s)', (_mode, wrap) => {
  it('a call ringing during a call shows the compact dialog: Decline focused, End and accept, Hold and accept', async () => {
    const client = waitingClient();
    withProvider(client, wrap, <IncomingCallModal ringtone={false} inline />);
    const dialog = await screen.findByRole('alertdialog', { name: 'Call waiting' }, LAZY_DIALOG);
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'carol is calling · You are in a call with bob',
    );
    const buttons = within(dialog).getAllByRole('button').map((button) => button.textContent);
    expect(buttons).toEqual(['Decline', 'End and accept', 'Hold and accept']);
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Decline' })));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Hold and accept' }));
    expect(client.accept).toHaveBeenLastCalledWith('c-carol', { video: true, active: 'hold' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'End and accept' }));
    expect(client.accept).toHaveBeenLastCalledWith('c-carol', { video: true, active: 'end' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Decline' }));
    expect(client.reject).toHaveBeenLastCalledWith('c-carol');
  });

  it('the compact dialog speaks Chinese', async () => {
    const client = waitingClient();
    withProvider(client, wrap, <IncomingCallModal ringtone={false} inline locale="zh-CN" />);
    const dialog = await screen.findByRole('alertdialog', { name: '呼叫等待' }, LAZY_DIALOG);
    expect(within(dialog).getAllByRole('button').map((button) => button.textContent)).toEqual(['拒绝', '结束并接听', '保持并接听']);
  });

  it('without another call the full dialog shows, and it turns compact once a call is live', async () => {
    const client = scriptedClient({ incoming: [incomingCall('c-carol', 'carol')] });
    withProvider(client, wrap, <IncomingCallModal ringtone={false} inline />);
    expect(screen.getByRole('alertdialog', { name: 'Incoming call' })).toBeTruthy();
    const snapshot = waitingClient().getSnapshot();
    act(() => client.set({ call: snapshot.call, calls: snapshot.calls }));
    expect(await screen.findByRole('alertdialog', { name: 'Call waiting' }, LAZY_DIALOG)).toBeTruthy();
  });

  it('<CallView> lists the held call with Resume; resuming it swaps', () => {
    const client = heldClient();
    withProvider(client, wrap, <CallView devices={false} />);
    const held = screen.getByRole('region', { name: 'Calls on hold' });
    expect(within(held).getByText('On hold: bob')).toBeTruthy();
    fireEvent.click(within(held).getByRole('button', { name: 'Resume call with bob' }));
    expect(client.resume).toHaveBeenCalledWith('c-bob');
    // The call in progress can be held from the controls.
    fireEvent.click(screen.getByRole('button', { name: 'Hold' }));
    expect(client.hold).toHaveBeenCalled();
  });

  it('<CallView> of a call on hold says who holds it', () => {
    const client = scriptedClient({ call: currentCall({ status: 'held', heldBy: ['bob'], answeredAt: 2_000 }) });
    withProvider(client, wrap, <CallView devices={false} />);
    expect(screen.getByRole('status').textContent).toBe('bob put you on hold');
    act(() => client.set({ call: currentCall({ status: 'held', heldBy: ['alice'], answeredAt: 2_000 }) }));
    expect(screen.getByRole('status').textContent).toBe('On hold: bob');
    expect(screen.getByRole('button', { name: 'Hold' }).getAttribute('aria-pressed')).toBe('true');
  });
});

describe('call waiting hooks', () => {
  it('useIncomingCall says a ringing call is waiting during a call, and accepts with the active call choice', async () => {
    const client = waitingClient();
    const { result } = renderHook(() => useIncomingCall(client));
    expect(result.current.waiting).toBe(true);
    await result.current.accept({ active: 'hold' });
    expect(client.accept).toHaveBeenLastCalledWith('c-carol', { active: 'hold' });
    act(() => client.set({ call: null, calls: client.getSnapshot().calls.slice(1).map((call) => ({ ...call, waiting: false })) }));
    expect(result.current.waiting).toBe(false);
  });

  it('useCalls lists every live call, the active one and those on hold', async () => {
    const client = heldClient();
    const { result } = renderHook(() => useCalls(client));
    expect(result.current.calls.map((call) => call.callId)).toEqual(['c-bob', 'c-carol']);
    expect(result.current.active?.callId).toBe('c-carol');
    expect(result.current.held.map((call) => call.callId)).toEqual(['c-bob']);
    await result.current.resume('c-bob');
    expect(client.resume).toHaveBeenCalledWith('c-bob');
  });

  it('useCall holds, resumes and swaps to the other held call; swap without one rejects with no-call', async () => {
    const client = heldClient();
    const { result } = renderHook(() => useCall(client));
    await result.current.hold();
    expect(client.hold).toHaveBeenCalled();
    await result.current.swap();
    expect(client.resume).toHaveBeenLastCalledWith('c-bob');
    await result.current.resume();
    expect(client.resume).toHaveBeenLastCalledWith();
    act(() => client.set({ calls: [client.getSnapshot().call!] }));
    await expect(result.current.swap()).rejects.toMatchObject({ code: 'no-call' });
  });
});

/**
 * `<CallButton>`'s accessibility tree in Chromium, in every state: a plain button whose
 * name says the action and who with (never a pressed toggle), and its reason when disabled.
 */
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { RingClientSnapshot } from '../../src/core/ring-client.js';
import { CallButton } from '../../src/react/components/call-button.js';
import { RingProvider } from '../../src/react/provider.js';
import { currentCall, scriptedClient } from '../react/components-client.js';

afterEach(cleanup);

const getUser = (id: string) => ({ name: id === 'bob' ? 'Bob Marley' : id });

function renderIn(snapshot: Partial<RingClientSnapshot>, locale?: string) {
  const client = scriptedClient(snapshot);
  render(
    <RingProvider client={client} connect={false} locale={locale}>
      <div data-testid="row">
        <CallButton to="bob" video getUser={getUser} ringback={false} />
      </div>
    </RingProvider>,
  );
  return client;
}

const row = () => page.getByTestId('row');

describe('<CallButton> accessibility tree', () => {
  it('idle, calling, ringing, active and incoming: one button named after its action', async () => {
    const client = renderIn({});
    await expect.element(row()).toMatchAriaInlineSnapshot(`- button "Video call Bob Marley": Video call`);
    act(() => client.set({ call: currentCall({ status: 'calling', media: 'video' }) }));
    await expect.element(row()).toMatchAriaInlineSnapshot(`- button "Cancel call to Bob Marley": Cancel`);
    act(() => client.set({ call: currentCall({ status: 'ringing', media: 'video' }) }));
    await expect.element(row()).toMatchAriaInlineSnapshot(`- button "Cancel call to Bob Marley": Cancel`);
    act(() => client.set({ call: currentCall({ status: 'active', media: 'video' }) }));
    await expect.element(row()).toMatchAriaInlineSnapshot(`- button "Hang up call with Bob Marley": Hang up`);
    act(() => client.set({ call: currentCall({ status: 'incoming', direction: 'incoming', media: 'video' }) }));
    await expect.element(row()).toMatchAriaInlineSnapshot(`- button "Decline call from Bob Marley": Decline`);
  });

  it('connecting, offline and busy: disabled, with the reason as its description', async () => {
    const client = renderIn({ connection: 'idle' });
    await expect.element(row()).toMatchAriaInlineSnapshot(`
      - button "Video call Bob Marley" [disabled]: Video call
      - text: Connecting to the call service
    `);
    await expect.element(page.getByRole('button')).toHaveAccessibleDescription('Connecting to the call service');
    act(() => client.set({ connection: 'disconnected' }));
    await expect.element(row()).toMatchAriaInlineSnapshot(`
      - button "Video call Bob Marley" [disabled]: Video call
      - text: You are offline
    `);
    await expect.element(page.getByRole('button')).toHaveAccessibleDescription('You are offline');
    act(() => client.set({ connection: 'connected', call: currentCall({ peers: ['carol'] }) }));
    await expect.element(row()).toMatchAriaInlineSnapshot(`
      - button "Video call Bob Marley" [disabled]: Video call
      - text: You are already in a call
    `);
    await expect.element(page.getByRole('button')).toHaveAccessibleDescription('You are already in a call');
  });

  it('in Simplified Chinese', async () => {
    const client = renderIn({}, 'zh-CN');
    await expect.element(row()).toMatchAriaInlineSnapshot(`- button "视频通话 Bob Marley": 视频通话`);
    act(() => client.set({ call: currentCall({ status: 'active', media: 'video' }) }));
    await expect.element(row()).toMatchAriaInlineSnapshot(`- button "挂断与 Bob Marley 的通话": 挂断`);
  });
});

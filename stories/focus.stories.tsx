import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { RingClient } from '../src/core/ring-client.js';
import { CallButton } from '../src/react/components/call-button.js';
import { CallView } from '../src/react/components/call-view.js';
import { IncomingCallModal } from '../src/react/components/incoming-call-modal.js';
import type { CallFocusEvent } from '../src/react/focus/call-focus.js';
import { answered, loadScene, sceneOf, SceneScope } from './support/scene.js';
import { getUser, Phone, until } from './support/world.js';

/** Where focus goes at each moment of a call, by keyboard only. One person's app; the other side is driven from code. */
function App({ client, other, app }: { client: RingClient; other: string; app: 'plain' | 'own-focus' }) {
  const [notes, setNotes] = useState('');
  const focusNotes = (event: CallFocusEvent) => {
    event.preventDefault();
    document.getElementById('story-notes')?.focus();
  };
  const own = app === 'own-focus' ? focusNotes : undefined;
  return (
    <Phone client={client} label="Bob">
      <label>
        Notes <input id="story-notes" value={notes} onChange={(event) => setNotes(event.target.value)} />
      </label>
      <div>
        <CallButton to={other} video getUser={getUser} ringback={false} endsCall={false} />
      </div>
      <CallView getUser={getUser} ringback={false} devices={false} onCloseAutoFocus={own} />
      <IncomingCallModal getUser={getUser} ringtone={false} inline />
    </Phone>
  );
}

const meta = {
  title: 'Accessibility/Focus',
  args: { app: 'plain' as 'plain' | 'own-focus' },
  loaders: [loadScene(async (world) => ({ alice: await world.client('alice'), bob: await world.client('bob') }))],
  render: (args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <App client={scene.client('bob')} other="alice" app={args.app} />
      </SceneScope>
    );
  },
} satisfies Meta<{ app: 'plain' | 'own-focus' }>;

export default meta;
type Story = StoryObj<typeof meta>;

const callRegion = (canvasElement: HTMLElement) =>
  within(canvasElement).findByRole('region', { name: 'Call with Alice Chen' }, { timeout: 5000 });

/**
 * Alice calls; the dialog takes focus on Decline; Tab, Tab, Space accepts; focus lands on the
 * call's first control. Alice hangs up: focus moves to Close. Close: focus goes to the call button
 * for Alice (nothing was focused when it rang).
 */
export const AcceptThenRemoteHangUpThenClose: Story = {
  play: async ({ canvasElement, loaded }) => {
    const scene = sceneOf(loaded);
    const canvas = within(canvasElement);
    (document.activeElement as HTMLElement | null)?.blur();
    await scene.client('alice').call('bob', { video: true });
    const modal = await canvas.findByRole('alertdialog', { name: 'Incoming video call' }, { timeout: 5000 });
    await waitFor(() => expect(within(modal).getByRole('button', { name: 'Decline' })).toHaveFocus());
    await userEvent.tab();
    await userEvent.tab();
    await expect(within(modal).getByRole('button', { name: 'Accept' })).toHaveFocus();
    await userEvent.keyboard(' ');
    const region = await callRegion(canvasElement);
    await waitFor(() => expect(within(region).getByRole('button', { name: 'Mute microphone' })).toHaveFocus(), { timeout: 5000 });

    await until(scene.client('bob'), (s) => s.call?.status === 'active');
    await scene.client('alice').hangup();
    await waitFor(() => expect(within(region).getByRole('button', { name: 'Close' })).toHaveFocus(), { timeout: 5000 });
    await expect(region).toHaveAccessibleName('Call with Alice Chen');

    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Video call Alice Chen' })).toHaveFocus(), { timeout: 5000 });
  },
};

/** Focus was in the app's Notes field when the call rang; Decline puts it back there. */
export const DeclineReturnsFocus: Story = {
  play: async ({ canvasElement, loaded }) => {
    const scene = sceneOf(loaded);
    const canvas = within(canvasElement);
    const notes = canvas.getByRole('textbox', { name: 'Notes' });
    notes.focus();
    await scene.client('alice').call('bob');
    const modal = await canvas.findByRole('alertdialog', { name: 'Incoming call' }, { timeout: 5000 });
    await waitFor(() => expect(within(modal).getByRole('button', { name: 'Decline' })).toHaveFocus());
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(notes).toHaveFocus(), { timeout: 5000 });
  },
};

/** Bob calls with the keyboard and hangs up in the call view: focus moves to Close, then Close returns it to his call button. */
export const HangUpThenCloseReturnsToCallButton: Story = {
  play: async ({ canvasElement, loaded }) => {
    const scene = sceneOf(loaded);
    const canvas = within(canvasElement);
    const callButton = canvas.getByRole('button', { name: 'Video call Alice Chen' });
    callButton.focus();
    await userEvent.keyboard('{Enter}');
    await until(scene.client('alice'), (s) => s.incoming.length === 1);
    await scene.client('alice').accept(undefined, { video: true });
    const region = await callRegion(canvasElement);
    await waitFor(() => expect(within(region).getByRole('status')).toHaveTextContent('In call with Alice Chen'), { timeout: 5000 });
    await expect(callButton).toHaveAttribute('aria-disabled', 'true');
    within(region).getByRole('button', { name: 'Hang up' }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(within(region).getByRole('button', { name: 'Close' })).toHaveFocus(), { timeout: 5000 });
    await userEvent.keyboard(' ');
    await waitFor(() => expect(callButton).toHaveFocus(), { timeout: 5000 });
  },
};

/** The app takes over with `onCloseAutoFocus`: after Close, focus goes to its Notes field. */
export const AppChoosesWhereCloseGoes: Story = {
  args: { app: 'own-focus' },
  loaders: [
    loadScene(async (world) => {
      const alice = await world.client('alice');
      const bob = await world.client('bob');
      await answered(alice, bob);
      await alice.hangup();
      await until(bob, (s) => s.call?.status === 'ended');
      return { alice, bob };
    }),
  ],
  play: async ({ canvasElement }) => {
    const region = await callRegion(canvasElement);
    within(region).getByRole('button', { name: 'Close' }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(within(canvasElement).getByRole('textbox', { name: 'Notes' })).toHaveFocus(), { timeout: 5000 });
  },
};

/** The same paths in the dark theme (axe checks both). */
export const AcceptThenRemoteHangUpThenCloseDark: Story = { ...AcceptThenRemoteHangUpThenClose, globals: { theme: 'dark' } };
export const DeclineReturnsFocusDark: Story = { ...DeclineReturnsFocus, globals: { theme: 'dark' } };
export const HangUpThenCloseReturnsToCallButtonDark: Story = { ...HangUpThenCloseReturnsToCallButton, globals: { theme: 'dark' } };
export const AppChoosesWhereCloseGoesDark: Story = { ...AppChoosesWhereCloseGoes, globals: { theme: 'dark' } };

import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { RingClient } from '../src/core/ring-client.js';
import { CallButton } from '../src/react/components/call-button.js';
import { CallView } from '../src/react/components/call-view.js';
import { IncomingCallModal } from '../src/react/components/incoming-call-modal.js';
import { loadScene, sceneOf, SceneScope } from './support/scene.js';
import { getUser, Phone, until } from './support/world.js';

/** One person's app: a call button for the other person, the incoming-call dialog and the call view. */
function App({ client, label, other }: { client: RingClient; label: string; other: string }) {
  return (
    <Phone client={client} label={label}>
      <div>
        <CallButton to={other} video getUser={getUser} ringback={false} />
      </div>
      <CallView getUser={getUser} ringback={false} devices={false} />
      <IncomingCallModal getUser={getUser} ringtone={false} inline />
    </Phone>
  );
}

function TwoPhones({ alice, bob }: { alice: RingClient; bob: RingClient }) {
  return (
    <div className="story-phones">
      <App client={alice} label="Alice" other="bob" />
      <App client={bob} label="Bob" other="alice" />
    </div>
  );
}

const meta = {
  title: 'Scenarios/Two phones',
  loaders: [loadScene(async (world) => ({ alice: await world.client('alice'), bob: await world.client('bob') }))],
  render: (_args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <TwoPhones alice={scene.client('alice')} bob={scene.client('bob')} />
      </SceneScope>
    );
  },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** Alice video-calls Bob, Bob accepts, they talk, Alice hangs up. */
export const AliceCallsBob: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const alicePhone = within(canvas.getByRole('region', { name: 'Alice' }));
    const bobPhone = within(canvas.getByRole('region', { name: 'Bob' }));
    await userEvent.click(alicePhone.getByRole('button', { name: 'Video call Bob Marley' }));
    const modal = await bobPhone.findByRole('alertdialog', { name: 'Incoming video call' }, { timeout: 5000 });
    await expect(modal).toHaveAccessibleDescription('Alice Chen is calling you');
    await expect(await alicePhone.findByRole('status', {}, { timeout: 5000 })).toHaveTextContent(/Ringing Bob Marley/);
    await userEvent.click(within(modal).getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(alicePhone.getByRole('status')).toHaveTextContent('In call with Bob Marley'), { timeout: 5000 });
    await waitFor(() => expect(bobPhone.getByRole('status')).toHaveTextContent('In call with Alice Chen'), { timeout: 5000 });
    const scene = sceneOf(loaded);
    await until(scene.client('alice'), (s) => (s.media?.remotes.length ?? 0) > 0);
    const [hangUp] = alicePhone.getAllByRole('button', { name: 'Hang up' });
    if (!hangUp) throw new Error('Alice should have a Hang up button');
    await userEvent.click(hangUp);
    await waitFor(() => expect(bobPhone.getByRole('status')).toHaveTextContent('Call ended: the call is over'), { timeout: 5000 });
  },
};

/** Bob calls Alice, and Alice declines with the keyboard. */
export const BobCallsAliceDeclined: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alicePhone = within(canvas.getByRole('region', { name: 'Alice' }));
    const bobPhone = within(canvas.getByRole('region', { name: 'Bob' }));
    await userEvent.click(bobPhone.getByRole('button', { name: 'Video call Alice Chen' }));
    const modal = await alicePhone.findByRole('alertdialog', {}, { timeout: 5000 });
    await waitFor(() => expect(within(modal).getByRole('button', { name: 'Decline' })).toHaveFocus());
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(bobPhone.getByRole('status')).toHaveTextContent('Call ended: the call was declined'), {
      timeout: 5000,
    });
  },
};

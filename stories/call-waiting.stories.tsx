import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { RingClient } from '../src/core/ring-client.js';
import { CallView } from '../src/react/components/call-view.js';
import { IncomingCallModal } from '../src/react/components/incoming-call-modal.js';
import { answered, loadScene, sceneOf, SceneScope } from './support/scene.js';
import { getUser, Phone, until, type StoryWorld } from './support/world.js';

/** One person's app: the call view (named after its phone: Bob's and Carol's both show a call with Alice) and the incoming-call dialog. */
function App({ client, label }: { client: RingClient; label: string }) {
  return (
    <Phone client={client} label={label}>
      <CallView getUser={getUser} ringback={false} devices={false} aria-label={`${label}'s call`} />
      <IncomingCallModal getUser={getUser} ringtone={false} inline />
    </Phone>
  );
}

const meta = {
  title: 'Scenarios/Call waiting',
  render: (_args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <div className="story-phones">
          <App client={scene.client('alice')} label="Alice" />
          <App client={scene.client('bob')} label="Bob" />
          <App client={scene.client('carol')} label="Carol" />
        </div>
      </SceneScope>
    );
  },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

type Clients = { alice: RingClient; bob: RingClient; carol: RingClient };

/** Alice and Bob in a video call, then Carol calls Alice (and `then` goes on from there). */
const waiting =
  (then?: (clients: Clients) => Promise<void>) =>
  async (world: StoryWorld): Promise<Record<string, RingClient>> => {
    const clients = { alice: await world.client('alice'), bob: await world.client('bob'), carol: await world.client('carol') };
    await answered(clients.bob, clients.alice, 'video');
    await clients.carol.call('alice', { video: true });
    await until(clients.alice, (s) => s.incoming.length > 0);
    await then?.(clients);
    return clients;
  };

/** Alice holds Bob and answers Carol. */
const holdAndAccept = async ({ alice, bob }: Clients) => {
  await alice.accept(undefined, { active: 'hold' });
  await until(alice, (s) => s.call?.status === 'active' && s.calls.some((call) => call.status === 'held'));
  await until(bob, (s) => s.call?.status === 'held');
};

const phone = (canvasElement: HTMLElement, name: string) => within(within(canvasElement).getByRole('region', { name }));

/** Carol calls Alice during her call with Bob: the compact call-waiting dialog, Decline focused first. */
export const Waiting: Story = {
  loaders: [loadScene(waiting())],
  play: async ({ canvasElement }) => {
    const alice = phone(canvasElement, 'Alice');
    const dialog = await alice.findByRole('alertdialog', { name: 'Call waiting' }, { timeout: 5000 });
    await expect(dialog).toHaveAccessibleDescription('Carol Smith is calling · You are in a call with Bob Marley');
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Decline' })).toHaveFocus());
    await expect(within(dialog).getAllByRole('button').map((button) => button.textContent)).toEqual([
      'Decline',
      'End and accept',
      'Hold and accept',
    ]);
    await expect(alice.getByRole('status')).toHaveTextContent('In call with Bob Marley');
    await expect(phone(canvasElement, 'Carol').getByRole('status')).toHaveTextContent('Ringing Alice Chen…');
  },
};

/** Alice put Bob on hold to talk with Carol: Bob hears that he is on hold, Alice sees Bob in "Calls on hold". */
export const OnHold: Story = {
  loaders: [loadScene(waiting(holdAndAccept))],
  play: async ({ canvasElement }) => {
    const alice = phone(canvasElement, 'Alice');
    await waitFor(() => expect(alice.getByRole('status')).toHaveTextContent('In call with Carol Smith'), { timeout: 5000 });
    const held = alice.getByRole('region', { name: 'Calls on hold' });
    await expect(within(held).getByText('On hold: Bob Marley')).toBeVisible();
    await expect(within(held).getByRole('button', { name: 'Resume call with Bob Marley' })).toBeVisible();
    await expect(phone(canvasElement, 'Bob').getByRole('status')).toHaveTextContent('Alice Chen put you on hold');
    await expect(phone(canvasElement, 'Carol').getByRole('status')).toHaveTextContent('In call with Alice Chen');
  },
};

/** Alice swapped back to Bob: Carol is on hold now. */
export const Swapped: Story = {
  loaders: [
    loadScene(
      waiting(async (clients) => {
        await holdAndAccept(clients);
        const bobCall = clients.bob.getSnapshot().call?.callId;
        await clients.alice.resume(bobCall);
        await until(clients.carol, (s) => s.call?.status === 'held');
      }),
    ),
  ],
  play: async ({ canvasElement }) => {
    const alice = phone(canvasElement, 'Alice');
    await waitFor(() => expect(alice.getByRole('status')).toHaveTextContent('In call with Bob Marley'), { timeout: 5000 });
    await expect(within(alice.getByRole('region', { name: 'Calls on hold' })).getByText('On hold: Carol Smith')).toBeVisible();
    await expect(phone(canvasElement, 'Carol').getByRole('status')).toHaveTextContent('Alice Chen put you on hold');
    await waitFor(() => expect(phone(canvasElement, 'Bob').getByRole('status')).toHaveTextContent('In call with Alice Chen'));
  },
};

/** The whole flow by hand: Hold and accept, swap back with Resume, hang up on Carol; Bob stays on hold until resumed. */
export const HoldSwapAndEnd: Story = {
  loaders: [loadScene(waiting())],
  play: async ({ canvasElement }) => {
    const alice = phone(canvasElement, 'Alice');
    const bob = phone(canvasElement, 'Bob');
    const dialog = await alice.findByRole('alertdialog', { name: 'Call waiting' }, { timeout: 5000 });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Hold and accept' }));
    await waitFor(() => expect(alice.getByRole('status')).toHaveTextContent('In call with Carol Smith'), { timeout: 5000 });
    await waitFor(() => expect(bob.getByRole('status')).toHaveTextContent('Alice Chen put you on hold'));
    await userEvent.click(alice.getByRole('button', { name: 'Resume call with Bob Marley' }));
    await waitFor(() => expect(alice.getByRole('status')).toHaveTextContent('In call with Bob Marley'), { timeout: 5000 });
    await userEvent.click(alice.getByRole('button', { name: 'Resume call with Carol Smith' }));
    await waitFor(() => expect(alice.getByRole('status')).toHaveTextContent('In call with Carol Smith'), { timeout: 5000 });
    await userEvent.click(alice.getByRole('button', { name: 'Hang up' }));
    await waitFor(() => expect(alice.getByRole('status')).toHaveTextContent('Call ended: the call is over'), { timeout: 5000 });
    await expect(bob.getByRole('status')).toHaveTextContent('Alice Chen put you on hold');
    await userEvent.click(alice.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(alice.getByRole('status')).toHaveTextContent('On hold: Bob Marley'));
    await userEvent.click(alice.getByRole('button', { name: 'Resume call with Bob Marley' }));
    await waitFor(() => expect(bob.getByRole('status')).toHaveTextContent('In call with Alice Chen'), { timeout: 5000 });
  },
};

/** The call-waiting dialog in Chinese. */
export const WaitingChinese: Story = {
  loaders: [loadScene(waiting())],
  render: (_args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <Phone client={scene.client('alice')} label="Alice">
          <CallView getUser={getUser} ringback={false} devices={false} locale="zh-CN" />
          <IncomingCallModal getUser={getUser} ringtone={false} inline locale="zh-CN" />
        </Phone>
      </SceneScope>
    );
  },
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement).findByRole('alertdialog', { name: '呼叫等待' }, { timeout: 5000 });
    await expect(within(dialog).getByRole('button', { name: '保持并接听' })).toBeVisible();
    await expect(within(dialog).getByRole('button', { name: '结束并接听' })).toBeVisible();
  },
};

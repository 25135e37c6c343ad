import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { EndReason } from '../src/protocol/protocol.js';
import type { RingClient } from '../src/core/ring-client.js';
import { CallView } from '../src/react/components/call-view.js';
import { EN_MESSAGES } from '../src/react/i18n/messages.js';
import { answered, loadScene, ring, sceneOf, SceneScope, type Scene } from './support/scene.js';
import { getUser, Phone, until, type StoryWorld } from './support/world.js';

const meta = {
  title: 'Components/CallView',
  component: CallView,
  args: { getUser, ringback: false },
  render: (args, { loaded }) => {
    const scene = sceneOf(loaded);
    return (
      <SceneScope scene={scene}>
        <Phone client={scene.client('alice')} label="Alice" wide>
          <CallView {...args} />
        </Phone>
      </SceneScope>
    );
  },
} satisfies Meta<typeof CallView>;

export default meta;
type Story = StoryObj<typeof meta>;

type Setup = (world: StoryWorld) => Promise<Record<string, RingClient>>;

/** Alice and Bob in an answered call. */
const inCall =
  (media: 'audio' | 'video', then?: (clients: { alice: RingClient; bob: RingClient }, world: StoryWorld) => Promise<void>): Setup =>
  async (world) => {
    const alice = await world.client('alice');
    const bob = await world.client('bob');
    await answered(alice, bob, media);
    await then?.({ alice, bob }, world);
    return { alice, bob };
  };

const region = (canvasElement: HTMLElement) => within(canvasElement).findByRole('region', { name: /^Call with / }, { timeout: 5000 });
const status = async (canvasElement: HTMLElement, text: string | RegExp) =>
  expect(await within(await region(canvasElement)).findByRole('status', {}, { timeout: 5000 })).toHaveTextContent(text);
const alice = (scene: Scene) => scene.client('alice');

/** Calling: the invite is out, no device of Bob rings yet. */
export const Calling: Story = {
  loaders: [
    loadScene(async (world) => {
      const caller = await world.client('alice');
      await world.silentDevice('bob');
      await caller.call('bob', { video: true });
      await until(caller, (s) => s.call?.status === 'calling');
      return { alice: caller };
    }),
  ],
  play: async ({ canvasElement }) => {
    await status(canvasElement, 'Calling Bob Marley…');
  },
};

/** Ringing: Bob's phone rings; Alice sees a placeholder for Bob and her own camera. */
export const Ringing: Story = {
  loaders: [
    loadScene(async (world) => {
      const caller = await world.client('alice');
      const bob = await world.client('bob');
      await ring(caller, bob, 'video');
      return { alice: caller, bob };
    }),
  ],
  play: async ({ canvasElement }) => {
    await status(canvasElement, 'Ringing Bob Marley…');
    await expect(within(canvasElement).getByRole('group', { name: 'Bob Marley' })).toHaveAttribute('data-rk-waiting');
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Hang up' }));
    await status(canvasElement, `Call ended: ${EN_MESSAGES.endReasons.cancelled}`);
  },
};

/** Connecting: Bob answered; Alice's media is still joining the room. */
export const Connecting: Story = {
  loaders: [
    loadScene(async (world) => {
      const bob = await world.client('bob');
      const callee = await world.client('alice', { joinDelayMs: 30_000 });
      await bob.call('alice', { video: true });
      await until(callee, (s) => s.incoming.length === 1);
      void callee.accept(undefined, { video: true }).catch(() => undefined);
      await until(callee, (s) => s.call?.status === 'connecting');
      return { alice: callee, bob };
    }),
  ],
  play: async ({ canvasElement }) => {
    await status(canvasElement, 'Connecting…');
  },
};

/** An audio call: avatars, duration (the region's description), controls. Hang up with the keyboard: focus moves to Close. */
export const ActiveAudio: Story = {
  loaders: [loadScene(inCall('audio'))],
  play: async ({ canvasElement, loaded }) => {
    await status(canvasElement, 'In call with Bob Marley');
    const view = await region(canvasElement);
    await expect(within(view).getByRole('group', { name: 'Bob Marley' })).toHaveAttribute('data-rk-camera', 'off');
    await expect(view).toHaveAccessibleDescription(/^Duration \d+:\d\d$/);
    const hangUp = within(view).getByRole('button', { name: 'Hang up' });
    hangUp.focus();
    await userEvent.keyboard('{Enter}');
    await until(sceneOf(loaded).client('bob'), (s) => s.call?.status === 'ended');
    await status(canvasElement, `Call ended: ${EN_MESSAGES.endReasons.completed}`);
    await waitFor(() => expect(within(view).getByRole('button', { name: 'Close' })).toHaveFocus(), { timeout: 5000 });
  },
};

/** A video call: Bob large, Alice's own camera mirrored in picture-in-picture. Mute, camera off and switch to audio. */
export const ActiveVideo: Story = {
  loaders: [loadScene(inCall('video'))],
  play: async ({ canvasElement, loaded }) => {
    const view = await region(canvasElement);
    await status(canvasElement, 'In call with Bob Marley');
    const remote = await within(view).findByRole('group', { name: 'Bob Marley' }, { timeout: 5000 });
    await waitFor(() => expect(remote).toHaveAttribute('data-rk-camera', 'on'), { timeout: 5000 });
    const local = within(view).getByRole('group', { name: 'Alice Chen (you)' });
    await expect(local.querySelector('video')).toHaveAttribute('data-rk-mirrored');
    const client = alice(sceneOf(loaded));

    const mute = within(view).getByRole('button', { name: 'Mute microphone' });
    await userEvent.click(mute);
    await waitFor(() => expect(mute).toHaveAttribute('aria-pressed', 'true'), { timeout: 5000 });
    await expect(client.getSnapshot().call?.micEnabled).toBe(false);
    await userEvent.click(mute);
    await waitFor(() => expect(mute).toHaveAttribute('aria-pressed', 'false'), { timeout: 5000 });

    const camera = within(view).getByRole('button', { name: 'Turn camera off' });
    await userEvent.click(camera);
    await waitFor(() => expect(camera).toHaveAttribute('aria-pressed', 'true'), { timeout: 5000 });

    await userEvent.click(within(view).getByRole('button', { name: 'Switch to audio' }));
    await until(client, (s) => s.call?.media === 'audio');
    await expect(await within(view).findByRole('button', { name: 'Switch to video' })).toBeVisible();
  },
};

/** Both microphones muted: Alice's mute button is pressed, Bob's tile shows the muted badge. */
export const Muted: Story = {
  loaders: [
    loadScene(
      inCall('video', async ({ alice: a, bob }) => {
        await a.setMicrophoneEnabled(false);
        await bob.setMicrophoneEnabled(false);
        await until(a, (s) => s.media?.remotes.some((p) => !p.micEnabled) ?? false);
      }),
    ),
  ],
  play: async ({ canvasElement }) => {
    const view = await region(canvasElement);
    await expect(within(view).getByRole('button', { name: 'Mute microphone' })).toHaveAttribute('aria-pressed', 'true');
    const remote = within(view).getByRole('group', { name: 'Bob Marley' });
    await expect(within(remote).getByRole('img', { name: 'Microphone muted' })).toBeVisible();
  },
};

/** Bob turned his camera off: his initials show instead of video. */
export const CameraOff: Story = {
  loaders: [
    loadScene(
      inCall('video', async ({ alice: a, bob }) => {
        await bob.setCameraEnabled(false);
        await until(a, (s) => s.media?.remotes.some((p) => !p.cameraEnabled) ?? false);
      }),
    ),
  ],
  play: async ({ canvasElement }) => {
    const remote = within(await region(canvasElement)).getByRole('group', { name: 'Bob Marley' });
    await expect(remote).toHaveAttribute('data-rk-camera', 'off');
    await expect(remote).toHaveTextContent('BM');
  },
};

/** The media connection dropped for a moment: a banner says so. */
export const Reconnecting: Story = {
  loaders: [
    loadScene(
      inCall('video', async ({ alice: a }, world) => {
        world.media('alice').at(-1)?.simulateReconnecting();
        await until(a, (s) => s.call?.status === 'reconnecting');
      }),
    ),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Connection lost. Reconnecting…');
    await status(canvasElement, 'Reconnecting…');
  },
};

/** Alice calls Bob and Carol; both answer. */
export const GroupCall: Story = {
  loaders: [
    loadScene(async (world) => {
      const caller = await world.client('alice');
      const bob = await world.client('bob');
      const carol = await world.client('carol');
      await answered(caller, [bob, carol], 'video');
      await until(caller, (s) => (s.media?.remotes.length ?? 0) >= 2);
      return { alice: caller, bob, carol };
    }),
  ],
  play: async ({ canvasElement }) => {
    const view = await region(canvasElement);
    await expect(view).toHaveAttribute('data-rk-layout', 'grid');
    await expect(within(view).getByRole('group', { name: 'Bob Marley' })).toBeVisible();
    await expect(within(view).getByRole('group', { name: 'Carol Smith' })).toBeVisible();
  },
};

/** 简体中文. */
export const ChineseLocale: Story = {
  loaders: [loadScene(inCall('video'))],
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    const view = await within(canvasElement).findByRole('region', { name: /的通话$/ }, { timeout: 5000 });
    await expect(within(view).getByRole('button', { name: '挂断' })).toBeVisible();
  },
};

/** Alice's browser refused the camera: the video call goes on audio-only and says why. */
export const CameraDenied: Story = {
  loaders: [
    loadScene(async (world) => {
      const caller = await world.client('alice', { failWith: { code: 'permission-denied', kind: 'videoinput' } });
      const bob = await world.client('bob');
      await answered(caller, bob, 'video');
      await until(caller, (s) => s.call?.deviceError !== undefined);
      return { alice: caller, bob };
    }),
  ],
  play: async ({ canvasElement }) => {
    const view = await region(canvasElement);
    await expect(await within(view).findByRole('alert')).toHaveTextContent(
      'Access to the camera was denied. Allow it in the browser’s site settings.',
    );
    await status(canvasElement, 'In call with Bob Marley');
  },
};

/** Dark theme. */
export const DarkTheme: Story = {
  loaders: [loadScene(inCall('video'))],
  globals: { theme: 'dark' },
};

// ------------------------------------------------------------------ ended, one story per end reason

/** A story of Alice's view after a call that ended with `reason`, reached through the real call rules. */
function ended(reason: EndReason, setup: Setup, hubOptions?: { ringTimeoutMs?: number; callWaiting?: boolean }): Story {
  return {
    loaders: [
      loadScene(async (world) => {
        const clients = await setup(world);
        const viewer = clients.alice;
        if (!viewer) throw new Error('the scene needs alice');
        await until(viewer, (s) => s.call?.status === 'ended', 8_000);
        return clients;
      }, hubOptions),
    ],
    play: async ({ canvasElement, loaded }) => {
      await status(canvasElement, `Call ended: ${EN_MESSAGES.endReasons[reason]}`);
      await expect(alice(sceneOf(loaded)).getSnapshot().call?.endReason).toBe(reason);
      const close = within(canvasElement).getByRole('button', { name: 'Close' });
      await userEvent.click(close);
      await waitFor(() => expect(within(canvasElement).queryByRole('region', { name: /^Call with / })).toBeNull());
    },
  };
}

/** Bob hung up. */
export const EndedCompleted = ended(
  'completed',
  inCall('audio', async ({ bob }) => {
    await bob.hangup();
  }),
);

/** Alice cancelled before Bob answered. */
export const EndedCancelled = ended('cancelled', async (world) => {
  const caller = await world.client('alice');
  const bob = await world.client('bob');
  await ring(caller, bob);
  await caller.cancel();
  return { alice: caller, bob };
});

/** Bob declined. */
export const EndedDeclined = ended('declined', async (world) => {
  const caller = await world.client('alice');
  const bob = await world.client('bob');
  await ring(caller, bob);
  await bob.reject();
  return { alice: caller, bob };
});

/** Bob was in another call (a server with call waiting off answers busy at once). */
export const EndedBusy = ended(
  'busy',
  async (world) => {
    const caller = await world.client('alice');
    const bob = await world.client('bob');
    const carol = await world.client('carol');
    await answered(carol, bob);
    await caller.call('bob').catch(() => undefined);
    return { alice: caller, bob, carol };
  },
  { callWaiting: false },
);

/** Nobody answered before the ring timer ran out. */
export const EndedNoAnswer = ended(
  'no-answer',
  async (world) => {
    const caller = await world.client('alice');
    const bob = await world.client('bob');
    await caller.call('bob');
    return { alice: caller, bob };
  },
  { ringTimeoutMs: 5_000 },
);

/** Dave has no device online. */
export const EndedOffline = ended('offline', async (world) => {
  const caller = await world.client('alice');
  await caller.call('dave').catch(() => undefined);
  return { alice: caller };
});

/** Bob set do-not-disturb. */
export const EndedDoNotDisturb = ended('do-not-disturb', async (world) => {
  const caller = await world.client('alice');
  const bob = await world.client('bob');
  await bob.setPresence('do-not-disturb');
  await caller.call('bob').catch(() => undefined);
  return { alice: caller, bob };
});

/** Bob calls Alice; her phone (this view) and her laptop ring, and `onLaptop` answers or declines there. */
function endedElsewhere(reason: EndReason, onLaptop: (laptop: RingClient) => Promise<unknown>): Story {
  return ended(reason, async (world) => {
    const phone = await world.client('alice');
    const laptop = await world.client('alice');
    const bob = await world.client('bob');
    await bob.call('alice');
    await until(phone, (s) => s.incoming.length === 1);
    await until(laptop, (s) => s.incoming.length === 1);
    await onLaptop(laptop);
    return { alice: phone, laptop, bob };
  });
}

/** Alice's laptop answered, so her phone (this view) stopped ringing. */
export const EndedAnsweredElsewhere = endedElsewhere('answered-elsewhere', (laptop) => laptop.accept());

/** Alice declined on her laptop, so her phone (this view) stopped ringing. */
export const EndedDeclinedElsewhere = endedElsewhere('declined-elsewhere', (laptop) => laptop.reject());

/** The media connection was lost and did not come back. */
export const EndedConnectionLost = ended(
  'connection-lost',
  inCall('video', async (_clients, world) => {
    world.media('alice').at(-1)?.simulateDisconnect('connection-lost');
  }),
);

/** Alice's media could not join the room. */
export const EndedMediaFailed = ended('media-failed', async (world) => {
  const caller = await world.client('alice', { failJoin: true });
  const bob = await world.client('bob');
  await caller.call('bob').catch(() => undefined);
  return { alice: caller, bob };
});

/** The server refused the invite (here: Alice called herself). */
export const EndedFailed = ended('failed', async (world) => {
  const caller = await world.client('alice');
  await caller.call('alice').catch(() => undefined);
  return { alice: caller };
});

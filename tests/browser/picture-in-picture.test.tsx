/**
 * Picture-in-picture in real Chromium: ring clients on the memory hub with fake media that sends a
 * moving test pattern, and real clicks (Playwright through `vitest/browser`, which give the user
 * activation the browser demands). In StrictMode and without. Vitest runs these tests in a frame,
 * where Chromium refuses Document Picture-in-Picture ("Opening a PiP window is only allowed from a
 * top-level browsing context"), so ringkit uses video element picture-in-picture here; the Document
 * Picture-in-Picture window is tested on a top-level page in tests/e2e/picture-in-picture.test.ts.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, useImperativeHandle, type ReactNode, type Ref } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../../src/react/styles.css';
import type { RingClient } from '../../src/core/ring-client.js';
import { CallView } from '../../src/react/components/call-view.js';
import { RingProvider } from '../../src/react/provider.js';
import { usePictureInPicture, type UsePictureInPictureOptions, type UsePictureInPictureResult } from '../../src/react/use-picture-in-picture.js';
import { createMemoryWorld, waitForClient, waitForStatus, type MemoryWorld } from '../helpers/client.js';

let world: MemoryWorld | undefined;
const restores: Array<() => void> = [];

afterEach(async () => {
  cleanup();
  for (const restore of restores.splice(0)) restore();
  if (document.pictureInPictureElement) await document.exitPictureInPicture();
  await world?.close();
  world = undefined;
});

/** Hides a browser API for one test (Chromium has both kinds), as a browser without it would. */
function hide(target: object, name: string, value: unknown): void {
  const own = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, { value, configurable: true, writable: true });
  restores.push(() => {
    if (own) Object.defineProperty(target, name, own);
    else Reflect.deleteProperty(target, name);
  });
}

/** The track the browser's picture-in-picture window shows. */
function pipTrack(): MediaStreamTrack | undefined {
  const video = document.pictureInPictureElement as HTMLVideoElement | null;
  return (video?.srcObject as MediaStream | null | undefined)?.getVideoTracks()[0];
}

async function videoCall() {
  world = createMemoryWorld();
  const alice = world.client('alice', { fake: { tracks: true } }).client;
  const bob = world.client('bob', { fake: { tracks: true } }).client;
  await Promise.all([alice.connect(), bob.connect()]);
  await alice.call('bob', { video: true });
  await waitForClient(bob, (snapshot) => snapshot.incoming.length === 1);
  await bob.accept();
  await waitForStatus(alice, 'active');
  await waitForClient(alice, (snapshot) => Boolean(snapshot.media?.remotes[0]?.videoTrack), 5_000, "bob's video");
  return { alice, bob };
}

function wrap(strict: boolean, client: RingClient, children: ReactNode) {
  const tree = <RingProvider client={client} connect={false}>{children}</RingProvider>;
  return strict ? <StrictMode>{tree}</StrictMode> : tree;
}

/** Waits until a video element shows frames (a decoded size), bounded. */
async function showsFrames(video: HTMLVideoElement | null | undefined): Promise<void> {
  await waitFor(() => expect(video?.videoWidth ?? 0).toBeGreaterThan(0), { timeout: 5_000 });
}

const pipButton = () => screen.getByRole('button', { name: 'Picture-in-picture' });

/** Renders the hook and hands its latest result to the test. */
function Probe({ options, result }: { options?: UsePictureInPictureOptions; result: Ref<UsePictureInPictureResult> }) {
  const pip = usePictureInPicture(options);
  useImperativeHandle(result, () => pip, [pip]);
  return <button {...pip.buttonProps}>probe</button>;
}

describe.each([
  ['StrictMode', true],
  ['without StrictMode', false],
] as const)('picture-in-picture in Chromium (%s)', (_mode, strict) => {
  it("the control in <CallView> opens the remote video in the browser's window, closes it, and the window closes when the call ends", async () => {
    const { alice, bob } = await videoCall();
    render(wrap(strict, alice, <CallView />));
    const remoteTrack = () => alice.getSnapshot().media?.remotes[0]?.videoTrack?.mediaStreamTrack;
    expect(pipButton()).toHaveAttribute('aria-pressed', 'false');

    await userEvent.click(pipButton());
    await waitFor(() => expect(pipButton()).toHaveAttribute('aria-pressed', 'true'));
    expect(pipTrack()).toBe(remoteTrack());
    await showsFrames(document.pictureInPictureElement as HTMLVideoElement);

    await userEvent.click(pipButton());
    await waitFor(() => expect(document.pictureInPictureElement).toBeNull());
    await waitFor(() => expect(pipButton()).toHaveAttribute('aria-pressed', 'false'));

    await userEvent.click(pipButton());
    await waitFor(() => expect(pipTrack()).toBe(remoteTrack()));
    await bob.hangup();
    await waitFor(() => expect(document.pictureInPictureElement).toBeNull());
    await waitForStatus(alice, 'ended');
  });

  it("follows the other side's camera: a new track is shown, the window stays open", async () => {
    const { alice, bob } = await videoCall();
    const result: { current: UsePictureInPictureResult | null } = { current: null };
    render(wrap(strict, alice, <Probe result={result} />));
    expect(result.current?.mode).toBe('video');
    const remoteTrack = () => alice.getSnapshot().media?.remotes[0]?.videoTrack?.mediaStreamTrack;

    await userEvent.click(screen.getByRole('button', { name: 'probe' }));
    await waitFor(() => expect(result.current?.active).toBe(true));
    const first = pipTrack();
    expect(first).toBe(remoteTrack());

    await bob.setCameraEnabled(false);
    await bob.setCameraEnabled(true);
    await waitForClient(alice, (snapshot) => snapshot.media?.remotes[0]?.videoTrack?.mediaStreamTrack !== first, 5_000, "bob's new camera track");
    await waitFor(() => expect(pipTrack()).toBe(remoteTrack()));
    expect(result.current?.active).toBe(true);

    await alice.hangup();
    await waitFor(() => expect(result.current?.active).toBe(false));
    expect(document.pictureInPictureElement).toBeNull();
  });

  it('without a user activation the browser refuses, and the reason is on `error`', async () => {
    const { alice } = await videoCall();
    const result: { current: UsePictureInPictureResult | null } = { current: null };
    render(wrap(strict, alice, <Probe result={result} />));
    // A click of an earlier test activates the page for a few seconds: wait until that ran out.
    await waitFor(() => expect(navigator.userActivation.isActive).toBe(false), { timeout: 15_000 });
    await expect(result.current?.open()).rejects.toThrow('Must be handling a user gesture');
    await waitFor(() => expect(result.current?.error?.name).toBe('NotAllowedError'));
    expect(result.current?.active).toBe(false);
  });

  it('automatic mode answers the Media Session `enterpictureinpicture` action only during a call, and closes when the tab is visible again', async () => {
    const handlers: Array<(() => void) | null> = [];
    const session = navigator.mediaSession;
    const original = session.setActionHandler.bind(session);
    hide(session, 'setActionHandler', (action: MediaSessionAction, handler: (() => void) | null) => {
      if (action === ('enterpictureinpicture' as MediaSessionAction)) handlers.push(handler);
      original(action, handler);
    });
    const { alice, bob } = await videoCall();
    const result: { current: UsePictureInPictureResult | null } = { current: null };
    // Chrome calls the handler, with a user activation, when the person switches away from the
    // tab; headless Chromium never hides a tab, so a real click calls it here.
    const chromeSwitchesTab = () => handlers.at(-1)?.();
    render(
      wrap(
        strict,
        alice,
        <>
          <Probe result={result} options={{ auto: true }} />
          <button onClick={chromeSwitchesTab}>switch tab</button>
        </>,
      ),
    );
    await waitFor(() => expect(handlers.at(-1)).toBeTypeOf('function'));
    await userEvent.click(screen.getByRole('button', { name: 'switch tab' }));
    await waitFor(() => expect(result.current?.active).toBe(true));
    expect(document.pictureInPictureElement).not.toBeNull();

    // Back on the tab: a window that opened by itself closes by itself.
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitFor(() => expect(document.pictureInPictureElement).toBeNull());
    await waitFor(() => expect(result.current?.active).toBe(false));

    await bob.hangup();
    await waitForStatus(alice, 'ended');
    await waitFor(() => expect(handlers.at(-1)).toBeNull());
  });

  it('where the browser has no picture-in-picture: no control, `supported` false, open() rejects with NotSupportedError', async () => {
    hide(document, 'pictureInPictureEnabled', false);
    const { alice } = await videoCall();
    const result: { current: UsePictureInPictureResult | null } = { current: null };
    render(wrap(strict, alice, <><CallView /><Probe result={result} /></>));
    await screen.findByRole('button', { name: 'Hang up' });
    expect(screen.queryByRole('button', { name: 'Picture-in-picture' })).toBeNull();
    expect(result.current).toMatchObject({ supported: false, mode: null, available: false, active: false });
    await expect(result.current?.open()).rejects.toMatchObject({ name: 'NotSupportedError' });
    await waitFor(() => expect(result.current?.error?.name).toBe('NotSupportedError'));
  });
});

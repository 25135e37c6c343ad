/**
 * What livekit-server (1.13.5) lets a participant with a restricted grant
 * receive: the facts behind ringkit's decision not to let ringing devices join
 * a call's room early (docs/performance.md, "Early join: measured, not taken").
 * A ringing device would join hidden, unable to publish, subscribe or publish
 * data, and get both on the winning accept (`updateParticipant`). LiveKit keeps
 * it out of the other participants' lists and gives it no track (no frame
 * decoded), but hands it every data packet sent to
 * the room: if this test starts failing there, a LiveKit upgrade changed that,
 * and early join is worth measuring again. A room where no member may publish
 * data carries none (the second test).
 */
import { fileURLToPath } from 'node:url';
import { AccessToken, TrackSource } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser, launchChromium, openUser, screenshotOnFailure, type E2EUser } from '../helpers/e2e-browser.js';
import { expectRemoteVideoPlaying } from '../helpers/e2e-media.js';
import { sharedLiveKit } from '../helpers/e2e-env.js';
import { serveStatic, type StaticServer } from '../helpers/e2e-static-server.js';
import type { HeardEvent } from './pages/livekit-permissions.js';

const PAGE = fileURLToPath(new URL('./pages/livekit-permissions.ts', import.meta.url));
const livekit = sharedLiveKit();
let site: StaticServer;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([
    bundleForBrowser(PAGE).then((script) =>
      serveStatic({
        files: {
          '/index.html': '<!doctype html><title>permissions</title><script type="module" src="/probe.js"></script>',
          '/probe.js': script,
        },
      }),
    ),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A call member's grant, or the grant a ringing device would join with (nothing but presence, hidden). */
async function token(identity: string, room: string, grant: 'member' | 'member-without-data' | 'ringing'): Promise<string> {
  const access = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity, ttl: '10m' });
  access.addGrant(
    grant === 'ringing'
      ? { roomJoin: true, room, canPublish: false, canSubscribe: false, canPublishData: false, hidden: true }
      : { roomJoin: true, room, canPublish: true, canSubscribe: true, canPublishData: grant === 'member' },
  );
  return access.toJwt();
}

async function join(user: E2EUser, room: string, grant: 'member' | 'member-without-data' | 'ringing'): Promise<void> {
  await user.page.waitForFunction(() => window.probe !== undefined, undefined, { timeout: 10_000 });
  await user.page.evaluate(([url, jwt]) => window.probe?.join(url, jwt), [livekit.url, await token(user.name, room, grant)] as const);
}

function heard(page: Page): Promise<HeardEvent[]> {
  return page.evaluate(() => window.probe?.heard() ?? []);
}

/** Send `label` (reliable and lossy) from `from` until `to` heard it; bounded. */
async function sendUntilHeard(from: Page, to: Page, label: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await from.evaluate((text) => window.probe?.sendData(text), label);
        return (await heard(to)).some((event) => event.event === 'DataReceived' && event.detail?.endsWith(`:${label}`));
      },
      { timeout: 20_000, interval: 500 },
    )
    .toBe(true);
}

async function open(names: string[]): Promise<E2EUser[]> {
  const users: E2EUser[] = [];
  screenshotOnFailure(() => users);
  for (const name of names) users.push(await openUser(browser, name, site.url));
  return users;
}

describe('livekit-server and a participant that can neither publish, subscribe nor publish data (hidden)', () => {
  it('hides it and gives it no track, but hands it every data packet sent to the room; a grant lets it in', async () => {
    const [caller, ringing, winner] = (await open(['caller', 'ringing', 'winner'])) as [E2EUser, E2EUser, E2EUser];
    const room = `early-join-${Date.now()}`;
    await join(caller, room, 'member');
    await caller.page.evaluate(() => window.probe?.publish());
    await join(ringing, room, 'ringing');
    await join(winner, room, 'ringing');

    // Hidden: the caller's Room and LiveKit's own list mark both ringing devices hidden.
    expect(await caller.page.evaluate(() => window.probe?.remoteIdentities())).toEqual([]);
    const listed = await livekit.rooms.listParticipants(room);
    expect(listed.filter((p) => p.permission?.hidden).map((p) => p.identity).sort()).toEqual(['ringing', 'winner']);
    // The ringing device sees the caller and its publications (what `incoming` told it already)...
    await expect.poll(() => ringing.page.evaluate(() => window.probe?.remotePublications()), { timeout: 10_000 }).toEqual(
      expect.arrayContaining(['caller:camera', 'caller:microphone']),
    );
    // ...and even when it asks, it gets no track.
    await ringing.page.evaluate(() => window.probe?.subscribeAll());

    // The leak: a data packet the caller broadcasts reaches the device that may not subscribe.
    await sendUntilHeard(caller.page, ringing.page, 'while-ringing');


    // The winning accept's grant: the winner may now publish and subscribe, and shows up.
    await livekit.rooms.updateParticipant(room, 'winner', {
      permission: { canPublish: true, canSubscribe: true, canPublishData: true, hidden: false, canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE] },
    });
    await winner.page.waitForFunction(() => window.probe?.canPublish() === true, undefined, { timeout: 10_000 });
    await winner.page.evaluate(() => window.probe?.publish());
    await expectRemoteVideoPlaying(winner.page);
    await expectRemoteVideoPlaying(caller.page);
    await expect.poll(() => caller.page.evaluate(() => window.probe?.remoteIdentities()), { timeout: 10_000 }).toEqual(['winner']);

    // The device that lost still gets data, and sees the winner's publications, but never a track.
    await sendUntilHeard(caller.page, ringing.page, 'after-accept');
    const ringingHeard = await heard(ringing.page);
    expect(ringingHeard.filter((event) => event.event === 'TrackSubscribed')).toEqual([]);
    expect(await ringing.page.evaluate(() => window.__rkProbe?.inboundVideoFrames())).toBe(0);
    expect(ringingHeard.filter((event) => event.event === 'TrackPublished').map((event) => `${event.from}:${event.detail}`)).toEqual(
      expect.arrayContaining(['winner:camera', 'winner:microphone']),
    );
  });

  it('delivers no data when no member may publish data', async () => {
    const [caller, ringing] = (await open(['caller', 'ringing'])) as [E2EUser, E2EUser];
    const room = `early-join-nodata-${Date.now()}`;
    await join(caller, room, 'member-without-data');
    await join(ringing, room, 'ringing');
    await caller.page.evaluate(() => window.probe?.sendData('refused-1'));
    await caller.page.evaluate(() => window.probe?.sendData('refused-2'));
    // A marker sent once the caller may publish data arrives after anything sent before it on the same channel.
    await livekit.rooms.updateParticipant(room, 'caller', { permission: { canPublish: true, canSubscribe: true, canPublishData: true } });
    await sendUntilHeard(caller.page, ringing.page, 'marker');
    const data = (await heard(ringing.page)).filter((event) => event.event === 'DataReceived').map((event) => event.detail ?? '');
    expect(data.filter((detail) => detail.includes('refused'))).toEqual([]);
  });
});

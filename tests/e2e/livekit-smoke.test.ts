import { fileURLToPath } from 'node:url';
import { AccessToken } from 'livekit-server-sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser, launchChromium, openUser, screenshotOnFailure, type E2EUser } from '../helpers/e2e-browser.js';
import {
  expectRemoteAudioEnergy,
  expectRemoteAudioSilent,
  expectRemoteVideoPlaying,
  expectRemoteVideoStopped,
} from '../helpers/e2e-media.js';
import { sharedLiveKit } from '../helpers/e2e-env.js';
import { serveStatic, type StaticServer } from '../helpers/e2e-static-server.js';

const SMOKE_PAGE = fileURLToPath(new URL('./pages/livekit-smoke.ts', import.meta.url));

const livekit = sharedLiveKit();
let site: StaticServer;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([
    bundleForBrowser(SMOKE_PAGE).then((script) =>
      serveStatic({
        files: {
          '/index.html': '<!doctype html><title>smoke</title><script type="module" src="/smoke.js"></script>',
          '/smoke.js': script,
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

async function token(identity: string, room: string): Promise<string> {
  const grant = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity, ttl: '10m' });
  grant.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true });
  return grant.toJwt();
}

describe('the machine and livekit-server carry media between two Chromium pages', () => {
  it('plays video and audio both ways through the real livekit-server', async () => {
    const users: E2EUser[] = [];
    screenshotOnFailure(() => users);
    for (const name of ['alice', 'bob']) users.push(await openUser(browser, name, site.url));
    const room = `smoke-${Date.now()}`;
    for (const user of users) {
      const jwt = await token(user.name, room);
      await user.page.waitForFunction(() => window.smoke !== undefined, undefined, { timeout: 10_000 });
      await user.page.evaluate(([url, t]) => window.smoke?.join(url, t), [livekit.url, jwt] as const);
    }
    for (const user of users) {
      await expectRemoteVideoPlaying(user.page);
      await expectRemoteAudioEnergy(user.page);
    }
    const rooms = await livekit.rooms.listRooms([room]);
    expect(rooms.map((r) => r.name)).toEqual([room]);
    const participants = await livekit.rooms.listParticipants(room);
    expect(participants.map((p) => p.identity).sort()).toEqual(['alice', 'bob']);

    const [alice, bob] = users as [E2EUser, E2EUser];
    await bob.page.evaluate(() => window.smoke?.leave());
    await expectRemoteVideoStopped(alice.page);
    await expectRemoteAudioSilent(alice.page);
  });
});

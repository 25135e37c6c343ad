/**
 * `npm run screenshots`: renders the main states from the Storybook catalogue in the
 * light and dark themes with Debian's chromium and writes PNGs to `docs/screenshots/`.
 *
 * Uses a running Storybook when given `--url http://localhost:6006`; otherwise builds
 * the static Storybook (unless `storybook-static/` exists and `--rebuild` is not given)
 * and serves it on a free localhost port. Stories render in docs mode, where play
 * functions do not run, so each picture shows the state the story sets up.
 * `--only <text>` limits the run to pictures whose name contains the text.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/helpers/chromium.js';

/** One picture: a story of a component's docs page. */
interface Shot {
  /** File name without theme and extension. */
  name: string;
  /** The component's docs id (`components-callview--docs`). */
  docs: string;
  /** The story id (`components-callview--active-video`). */
  story: string;
}

const SHOTS: readonly Shot[] = [
  { name: 'call-button', docs: 'components-callbutton--docs', story: 'components-callbutton--idle-video' },
  { name: 'call-button-offline', docs: 'components-callbutton--docs', story: 'components-callbutton--offline' },
  { name: 'incoming-call', docs: 'components-incomingcallmodal--docs', story: 'components-incomingcallmodal--incoming-video' },
  { name: 'call-ringing', docs: 'components-callview--docs', story: 'components-callview--ringing' },
  { name: 'call-active-video', docs: 'components-callview--docs', story: 'components-callview--active-video' },
  { name: 'call-reconnecting', docs: 'components-callview--docs', story: 'components-callview--reconnecting' },
  { name: 'call-group', docs: 'components-callview--docs', story: 'components-callview--group-call' },
  { name: 'call-ended-busy', docs: 'components-callview--docs', story: 'components-callview--ended-busy' },
  { name: 'video-tile-camera-off', docs: 'components-videotile--docs', story: 'components-videotile--camera-off' },
];

const THEMES = ['light', 'dark'] as const;
const OUT_DIR = resolve('docs/screenshots');
const STATIC_DIR = resolve('storybook-static');
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Serve a folder on 127.0.0.1; resolves with the server and its base URL. */
function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolveServer({ server, url: `http://localhost:${port}` });
    });
  });
}

async function main(): Promise<void> {
  let base = argument('--url');
  let server: Server | undefined;
  if (!base) {
    if (process.argv.includes('--rebuild') || !existsSync(join(STATIC_DIR, 'index.json'))) {
      console.log('building Storybook…');
      execFileSync('npx', ['storybook', 'build', '--quiet', '-o', STATIC_DIR], { stdio: 'inherit' });
    }
    ({ server, url: base } = await serve(STATIC_DIR));
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, deviceScaleFactor: 1 });
    const only = argument('--only');
    const shots = only ? SHOTS.filter((shot) => shot.name.includes(only)) : SHOTS;
    for (const theme of THEMES) {
      for (const shot of shots) {
        await page.goto(`${base}/iframe.html?id=${shot.docs}&viewMode=docs&globals=theme:${theme}`);
        const story = page.locator(`#anchor--${shot.story} .docs-story`).first();
        await story.locator('[data-rk-theme]').first().waitFor({ timeout: 20_000 });
        await page.waitForTimeout(1_500); // let the test-pattern videos draw a few frames
        const file = join(OUT_DIR, `${shot.name}-${theme}.png`);
        await story.screenshot({ path: file, animations: 'disabled' });
        console.log(`wrote ${file}`);
      }
    }
  } finally {
    await browser.close();
    server?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

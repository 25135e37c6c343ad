import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegistry } from '../../scripts/registry/build.js';
import type { Placement } from '../../scripts/registry/layout.js';
import type { PlannedItem } from '../../scripts/registry/plan.js';
import { launchChromium } from '../helpers/e2e-browser.js';
import { serveStatic, type StaticServer } from '../helpers/e2e-static-server.js';
import { differenceFromSource, splitImports } from '../helpers/registry-copies.js';
import { createFreshApp, packRingkit, run } from '../helpers/registry-app.js';

/** The app's scene: Alice and Bob on `ringkit/testing`'s memory hub, with fake media, using only copied code. */
const MAIN_TSX = `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createRingClient } from 'ringkit/core';
import { createFakeMedia, createFakeMediaHub, createMemoryHub } from 'ringkit/testing';
import { RingProvider } from '@/components/ring-provider';
import { CallButton } from '@/components/ui/call-button';
import { CallView } from '@/components/ui/call-view';
import { IncomingCallModal } from '@/components/ui/incoming-call-modal';
import { useCall } from '@/hooks/use-call';
import '@/styles/ringkit.css';

const hub = createMemoryHub();
const rooms = createFakeMediaHub();
const clientOf = (user: string) =>
  createRingClient({ user, transport: hub.transport(user), media: () => createFakeMedia({ hub: rooms, user }) });

function Status({ user }: { user: string }) {
  const { status } = useCall();
  return <output data-testid={\`\${user}-status\`}>{status}</output>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <section aria-label="Alice">
      <RingProvider client={clientOf('alice')}>
        <CallButton to="bob" />
        <Status user="alice" />
        <CallView />
      </RingProvider>
    </section>
    <section aria-label="Bob">
      <RingProvider client={clientOf('bob')}>
        <IncomingCallModal />
        <Status user="bob" />
        <CallView />
      </RingProvider>
    </section>
  </StrictMode>,
);
`;

/** Where the shadcn CLI writes a registry file, given the app's components.json aliases. */
function appPath({ path, type, target }: Placement): string {
  const [, rest] = /^[^/]+\/[^/]+\/(.*)$/.exec(path)!;
  const folder = { 'registry:hook': 'hooks', 'registry:ui': 'components/ui', 'registry:component': 'components', 'registry:lib': 'lib' };
  return type === 'registry:file' ? `src/${target}` : `src/${folder[type]}/${rest}`;
}

/** An item's files and those of the items it needs, as app paths -> source under src/react. */
function filesOf(items: readonly PlannedItem[], name: string, into = new Map<string, string>()): Map<string, string> {
  const item = items.find((candidate) => candidate.name === name)!;
  if (item.files.every((file) => into.has(appPath(file.placement)))) return into;
  for (const file of item.files) into.set(appPath(file.placement), file.source);
  for (const dependency of item.registryDependencies) filesOf(items, dependency, into);
  return into;
}

async function appFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(dir, 'src'), { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

let tmp: string;
let app: string;
let registry: StaticServer;
let baseUrl: string;
let items: PlannedItem[];
let browser: Browser | undefined;
let site: StaticServer | undefined;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ringkit-registry-app-'));
  app = join(tmp, 'app');
  registry = await serveStatic({ dir: join(tmp, 'registry', 'public') });
  baseUrl = `${registry.url}/r`;
  const [tarball, built] = await Promise.all([packRingkit(tmp), buildRegistry({ dir: join(tmp, 'registry'), baseUrl })]);
  items = built.items;
  await createFreshApp(app, tarball);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await registry?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** `shadcn add` in the app. Any URL of shadcn's own registry points at ours, so the CLI never leaves this machine. */
async function shadcnAdd(names: readonly string[]): Promise<string> {
  const { stdout, stderr } = await run('shadcn', ['add', ...names.map((name) => `${baseUrl}/${name}.json`), '--yes'], {
    cwd: app,
    env: { REGISTRY_URL: baseUrl, npm_config_dry_run: 'true' },
  });
  return stdout + stderr;
}

async function expectCopiesOfSource(files: ReadonlyMap<string, string>): Promise<void> {
  for (const [path, source] of files) {
    const content = await readFile(join(app, path), 'utf8');
    expect(differenceFromSource(source, content, join(app, path), { leadingCommentsDropped: true }), path).toBeNull();
    for (const specifier of splitImports(join(app, path), content).specifiers) {
      if (specifier.startsWith('@/')) expect([...files.keys()].some((file) => file.startsWith(`src/${specifier.slice(2)}.`)), `${path}: ${specifier}`).toBe(true);
      else expect(['react', 'react-dom', 'react-dom/client', 'ringkit/core'], `${path}: ${specifier}`).toContain(specifier);
    }
  }
}

describe('a fresh Vite + React + TypeScript app with the registry', () => {
  it('gets call-view, its hooks and the files they need from `shadcn add <url>/call-view.json`, and no new package', async () => {
    const manifest = await readFile(join(app, 'package.json'), 'utf8');
    const output = await shadcnAdd(['call-view']);
    expect(output).not.toMatch(/Installing dependencies/);
    const expected = filesOf(items, 'call-view');
    expect((await appFiles(app)).sort()).toEqual(['src/index.css', ...expected.keys()].sort());
    await expectCopiesOfSource(expected);
    expect(await readFile(join(app, 'package.json'), 'utf8')).toBe(manifest);
  }, 180_000);

  it('gets every other item next to it', async () => {
    await shadcnAdd(items.map((item) => item.name).filter((name) => name !== 'call-view'));
    const expected = new Map(items.flatMap((item) => [...filesOf(items, item.name)]));
    expect((await appFiles(app)).sort()).toEqual(['src/index.css', ...expected.keys()].sort());
    await expectCopiesOfSource(expected);
    const packages = new Set(items.flatMap((item) => item.dependencies));
    expect([...packages]).toEqual(['ringkit']);
  }, 180_000);

  it('type-checks with strict TypeScript and builds with Vite', async () => {
    await writeFile(join(app, 'src', 'main.tsx'), MAIN_TSX);
    await run('tsc', ['--noEmit', '-p', '.'], { cwd: app });
    await run('vite', ['build', '--logLevel', 'error'], { cwd: app });
  }, 180_000);

  it('rings a copied IncomingCallModal from a copied CallButton, and the call is answered', async () => {
    [site, browser] = await Promise.all([serveStatic({ dir: join(app, 'dist') }), launchChromium()]);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(site.url);
    const alice = page.getByRole('region', { name: 'Alice' });
    await alice.getByRole('button', { name: /^Call/ }).click({ timeout: 20_000 });
    const modal = page.getByRole('alertdialog');
    await modal.getByRole('button', { name: 'Accept', exact: true }).click({ timeout: 20_000 });
    await page.getByTestId('bob-status').getByText('active', { exact: true }).waitFor({ timeout: 20_000 });
    await page.getByTestId('alice-status').getByText('active', { exact: true }).waitFor({ timeout: 20_000 });
    await modal.waitFor({ state: 'detached', timeout: 20_000 });
    await alice.locator('.rk-call-button[data-state="active"]').waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
  }, 120_000);
});

/**
 * usePreCallCheck and <PreCallCheck> against a real ring client on the memory
 * hub, with fake pre-call devices and fake media, in StrictMode and without.
 */
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PreCallCheckReport } from '../../src/core/precheck/types.js';
import { RingProvider } from '../../src/react/provider.js';
import { PreCallCheck } from '../../src/react/precheck/pre-call-check.js';
import { usePreCallCheck } from '../../src/react/precheck/use-pre-call-check.js';
import { createFakePreCallDevices, type FakePreCallDevicesOptions } from '../../src/testing/fake-pre-call-devices.js';
import type { MemoryHubOptions } from '../../src/testing/memory-hub.js';
import type { FakeMediaOptions } from '../../src/testing/fake-media.js';
import { createMemoryWorld, type MemoryWorld } from '../helpers/client.js';

let world: MemoryWorld | undefined;
afterEach(async () => {
  cleanup();
  await world?.close();
  world = undefined;
});

async function connected(hubOptions: MemoryHubOptions = {}, fake: FakeMediaOptions = {}) {
  world = createMemoryWorld(hubOptions);
  const made = world.client('alice', { fake: { statsIntervalMs: 10, ...fake } });
  await made.client.connect();
  return made;
}

function devices(options: FakePreCallDevicesOptions = {}) {
  const fake = createFakePreCallDevices(options);
  return { fake, props: { mediaDevices: fake.mediaDevices, meters: fake.meters } };
}

const modes: [string, (node: ReactNode) => ReactNode][] = [
  ['plain', (node) => node],
  ['StrictMode', (node) => <StrictMode>{node}</StrictMode>],
];

describe.each(modes)('usePreCallCheck (%s)', (_mode, wrap) => {
  it('starts, reports each step while it runs, and ends passed', async () => {
    const { client } = await connected();
    const { props } = devices();
    const { result } = renderHook(() => usePreCallCheck({ client, ...props }), { wrapper: ({ children }) => wrap(children) });
    expect(result.current).toMatchObject({ report: null, running: false });
    let final: PreCallCheckReport | undefined;
    await act(async () => {
      final = await result.current.start();
    });
    expect(final?.status).toBe('passed');
    expect(result.current.report).toBe(final);
    expect(result.current.running).toBe(false);
  });

  it('cancel() ends the check cancelled; unmounting cancels a running check and leaves the test room', async () => {
    const { client, sessions } = await connected({}, { joinDelayMs: 5_000 });
    const { props } = devices();
    const { result, unmount } = renderHook(() => usePreCallCheck({ client, ...props }), { wrapper: ({ children }) => wrap(children) });
    let checking: Promise<PreCallCheckReport> | undefined;
    act(() => {
      checking = result.current.start();
    });
    await waitFor(() => expect(result.current.running).toBe(true));
    await waitFor(() => expect(sessions[0]?.getSnapshot().connection).toBe('connecting'));
    act(() => result.current.cancel());
    await act(async () => void (await checking));
    expect(result.current.report?.status).toBe('cancelled');

    act(() => void result.current.start());
    await waitFor(() => expect(sessions[1]?.getSnapshot().connection).toBe('connecting'));
    unmount();
    await waitFor(() => expect(sessions[1]?.getSnapshot().connection).toBe('disconnected'));
  });

  it('starting again replaces the running check; the old one no longer writes the report', async () => {
    const { client } = await connected({}, { joinDelayMs: 300 });
    const { props } = devices();
    const { result } = renderHook(() => usePreCallCheck({ client, ...props }), { wrapper: ({ children }) => wrap(children) });
    let first: Promise<PreCallCheckReport> | undefined;
    let second: Promise<PreCallCheckReport> | undefined;
    act(() => {
      first = result.current.start();
    });
    await waitFor(() => expect(result.current.running).toBe(true));
    act(() => {
      second = result.current.start();
    });
    await act(async () => {
      expect((await first)?.status).toBe('cancelled');
      expect((await second)?.status).toBe('passed');
    });
    expect(result.current.report?.status).toBe('passed');
  });
});

describe.each(modes)('<PreCallCheck> (%s)', (_mode, wrap) => {
  it('lists every step with its status, announces the outcome, and offers to check again', async () => {
    const { client } = await connected();
    const { props } = devices();
    const onComplete = vi.fn();
    render(wrap(<RingProvider client={client}><PreCallCheck {...props} onComplete={onComplete} /></RingProvider>));
    const region = screen.getByRole('region', { name: 'Check your setup' });
    expect(region.dataset.state).toBe('idle');
    fireEvent.click(within(region).getByRole('button', { name: 'Check my setup' }));
    await waitFor(() => expect(region.dataset.state).toBe('passed'));
    const items = within(region).getAllByRole('listitem');
    expect(items.map((item) => item.dataset.rkStep)).toEqual(['permissions', 'microphone', 'camera', 'signaling', 'media-server']);
    expect(items.every((item) => item.dataset.state === 'passed')).toBe(true);
    expect(within(region).getByRole('status').textContent).toBe('Everything works. You are ready for calls.');
    expect(items[1]?.textContent).toContain('Level 30%');
    expect(items[2]?.textContent).toContain('640×360');
    expect(within(region).getByRole('button', { name: 'Check again' })).toBeTruthy();
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete.mock.calls[0]?.[0]).toMatchObject({ status: 'passed' });
  });

  it('shows a denied camera and an unavailable media server in words, in Chinese too', async () => {
    const { client } = await connected({ precheckGrant: undefined });
    const { props } = devices({ failWith: { code: 'permission-denied', kind: 'videoinput' } });
    render(wrap(<PreCallCheck client={client} {...props} locale="zh-CN" autoStart />));
    const region = screen.getByRole('region', { name: '通话前检测' });
    expect(region.getAttribute('lang')).toBe('zh-CN');
    await waitFor(() => expect(region.dataset.state).toBe('failed'));
    const step = (name: string) => region.querySelector(`[data-rk-step="${name}"]`);
    expect(step('permissions')?.textContent).toContain('摄像头权限被拒绝');
    expect(step('camera')?.getAttribute('data-state')).toBe('skipped');
    expect(step('media-server')?.textContent).toContain('通话服务暂时无法检测音视频');
    expect(within(region).getByRole('status').textContent).toBe('部分检测发现问题。');
  });

  it('the button stops a running check', async () => {
    const { client } = await connected({}, { joinDelayMs: 5_000 });
    const { props } = devices();
    render(wrap(<PreCallCheck client={client} {...props} />));
    const region = screen.getByRole('region', { name: 'Check your setup' });
    fireEvent.click(within(region).getByRole('button', { name: 'Check my setup' }));
    await waitFor(() => expect(region.querySelector('[data-rk-step="media-server"]')?.getAttribute('data-state')).toBe('running'));
    fireEvent.click(within(region).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(region.dataset.state).toBe('cancelled'));
    expect(within(region).getByRole('status').textContent).toBe('The check was stopped.');
  });
});

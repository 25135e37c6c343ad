/**
 * The default theme follows the system's colour scheme (`prefers-color-scheme`), and
 * `data-rk-theme` fixes it, in Chromium with the media feature emulated.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import '../../src/react/styles.css';

const LIGHT_BG = '#ffffff';
const DARK_BG = '#0b1120';

async function prefer(scheme: 'light' | 'dark'): Promise<void> {
  await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
}

function background(element: Element = document.documentElement): string {
  return getComputedStyle(element).getPropertyValue('--rk-color-bg').trim();
}

afterEach(async () => {
  document.documentElement.removeAttribute('data-rk-theme');
  document.body.replaceChildren();
  await prefer('light');
});

describe('ringkit theme', () => {
  it('is auto by default: light or dark as the system prefers', async () => {
    await prefer('light');
    expect(background()).toBe(LIGHT_BG);
    await prefer('dark');
    expect(background()).toBe(DARK_BG);
  });

  it('data-rk-theme fixes it for a page or a part, and "auto" follows the system again', async () => {
    await prefer('dark');
    document.documentElement.setAttribute('data-rk-theme', 'light');
    expect(background()).toBe(LIGHT_BG);
    const part = document.createElement('div');
    part.setAttribute('data-rk-theme', 'auto');
    document.body.append(part);
    expect(background(part)).toBe(DARK_BG);
    part.setAttribute('data-rk-theme', 'dark');
    await prefer('light');
    expect(background(part)).toBe(DARK_BG);
    expect(background()).toBe(LIGHT_BG);
  });
});

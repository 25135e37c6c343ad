import type { Page } from 'playwright-core';

/**
 * Waits until the focused element of `page` matches `selector` (never `<body>`).
 *
 * @example
 * ```ts
 * await expectFocus(bob.page, '.rk-call-view [data-rk-control="mic"]');
 * ```
 */
export async function expectFocus(page: Page, selector: string, timeoutMs = 15_000): Promise<void> {
  try {
    await page.waitForFunction(
      (wanted) => {
        const active = document.activeElement;
        return active !== null && active !== document.body && active.matches(wanted);
      },
      selector,
      { timeout: timeoutMs },
    );
  } catch (error) {
    throw new Error(`focus never reached ${selector}; it is on ${await describeFocus(page)}`, { cause: error });
  }
}

/**
 * The focused element, described for failure messages (`body` when focus is lost).
 *
 * @example
 * ```ts
 * console.log(await describeFocus(page)); // 'button.rk-control[data-rk-control="mic"] "Mute microphone"'
 * ```
 */
export function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'body';
    const label = active.getAttribute('aria-label') ?? active.textContent ?? '';
    return `${active.tagName.toLowerCase()}.${[...active.classList].join('.')} "${label.trim()}"`;
  });
}

/**
 * Presses Tab (with the keyboard only) until the focused element matches `selector`;
 * fails after `maxTabs` presses.
 *
 * @example
 * ```ts
 * await tabTo(alice.page, 'li[data-contact="bob"] button.rk-call-button[data-rk-media="video"]');
 * ```
 */
export async function tabTo(page: Page, selector: string, maxTabs = 40): Promise<void> {
  for (let presses = 0; presses < maxTabs; presses += 1) {
    const there = await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector);
    if (there) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector} in ${maxTabs} presses; focus is on ${await describeFocus(page)}`);
}

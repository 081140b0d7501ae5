/** Keyboard helpers for the browser tests: walking the tab order, and checking focus is drawn. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Presses Tab (Shift+Tab with `back`) until `target` or something inside it has focus. */
export async function tabTo(page: Page, target: Locator, { back = false, limit = 400 } = {}) {
  for (let presses = 0; presses <= limit; presses++) {
    if (await target.evaluate((el) => el.contains(document.activeElement))) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${limit} presses of ${back ? 'Shift+Tab' : 'Tab'} never reached ${target.toString()}`);
}

/** The element draws a focus indicator: an outline or a box shadow of some width. */
export async function expectFocusVisible(element: Locator) {
  const ring = await element.evaluate((el) => {
    const style = getComputedStyle(el);
    return { outline: `${style.outlineStyle} ${style.outlineWidth}`, shadow: style.boxShadow };
  });
  const outline = !ring.outline.startsWith('none') && parseFloat(ring.outline.split(' ')[1] ?? '0') > 0;
  const shadow = ring.shadow !== 'none' && /(^|\s)[1-9][\d.]*px/.test(ring.shadow);
  expect(outline || shadow, `focus indicator of ${element.toString()}: outline ${ring.outline}, box-shadow ${ring.shadow}`).toBe(true);
}

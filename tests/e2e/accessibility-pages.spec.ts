/**
 * Accessibility of whole pages, at a desktop's width and a phone's: axe on every page as the
 * server sent it and again once every live component has drawn, in both themes; and what a narrow
 * screen pushes sideways can still be reached.
 */
import type { Page } from '@playwright/test';
import { seriousViolationsInBothThemes } from './axe';
import { LESSONS, OTHER_PAGES, expect, test } from './fixtures';
import { expectFocusVisible, tabTo } from './keyboard';
import { holdScripts, renderLiveComponents } from './live-components';

const PAGES = [{ path: '/', title: 'ResNet, live' }, ...LESSONS, ...OTHER_PAGES];
/**
 * Axe on a page full of live components (the block lessons, ResNet-50) takes up to about 40 s on
 * two busy cores; this is three times that. As the server sent them, those pages hold as much:
 * the explorers' tables and drawings are rendered there too.
 */
const LIVE_TIMEOUT = 120_000;
const SCREENS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** Opens a page in the light theme and waits until all its HTML and styles are in, without waiting for its scripts. */
async function openAsSent(page: Page, path: string) {
  await page.addInitScript(() => localStorage.setItem('starlight-theme', 'light'));
  // The load event waits for the held scripts, so the wait is for the parsed page instead.
  await page.goto(path, { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect
    .poll(
      () =>
        page.evaluate(
          () => document.readyState !== 'loading' && [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].every((link) => link.sheet),
        ),
      {
        message: 'the whole page is parsed and its stylesheets applied',
      },
    )
    .toBe(true);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
}

for (const screen of SCREENS) {
  test.describe(`axe finds no serious or critical violations at ${screen.width} px wide`, () => {
    test.use({ viewport: screen });
    for (const { path } of PAGES) {
      test(`${path}: as the server sent it, in both themes`, async ({ page }) => {
        test.setTimeout(LIVE_TIMEOUT);
        // Every script is held back, inline ones aside (Starlight's theme script), so components near
        // the top that would load at once are seen as sent too.
        const release = await holdScripts(page);
        await openAsSent(page, path);
        const found = await seriousViolationsInBothThemes(page);
        await release();
        expect(found).toEqual([]);
      });

      test(`${path}: once every live component has drawn, in both themes`, async ({ page }) => {
        test.setTimeout(LIVE_TIMEOUT);
        await page.goto(path);
        await renderLiveComponents(page);
        expect(await seriousViolationsInBothThemes(page)).toEqual([]);
      });
    }
  });
}

test.describe('on a phone, nothing is out of reach', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the ResNet-50 stage fields fit the screen, F3 column and all', async ({ page }) => {
    await page.goto('/lessons/resnet50/');
    const explorer = page.locator('resnet-resnet50-explorer');
    for (const stage of [2, 3, 4, 5]) {
      const F3 = explorer.getByLabel(`Stage ${stage} F3`);
      await F3.scrollIntoViewIfNeeded();
      await expect(F3).toBeInViewport({ ratio: 1 });
      // Its value is shown whole, not cut off by a field narrower than the number.
      expect(await F3.evaluate((input) => input.scrollWidth <= input.clientWidth)).toBe(true);
    }
  });

  test('the ResNet-50 stage table, wider than the screen, is scrolled from the keyboard', async ({ page }) => {
    await page.goto('/lessons/resnet50/');
    await renderLiveComponents(page);
    const region = page.getByRole('region', { name: 'ResNet-50 explorer: stage by stage table' });
    await tabTo(page, region);
    await expect(region).toBeFocused();
    await expectFocusVisible(region);
    const params = region.getByRole('columnheader', { name: 'Params' });
    await expect(params).not.toBeInViewport({ ratio: 1 });
    // Each try presses once more, as a reader would until the column is in sight.
    await expect(async () => {
      await page.keyboard.press('ArrowRight');
      await expect(params).toBeInViewport({ ratio: 1, timeout: 1_000 });
    }).toPass();
  });

  test('whatever scrolls sideways is a named stop in the tab order', async ({ page }) => {
    for (const path of ['/lessons/identity-block/', '/lessons/convolutional-block/', '/lessons/resnet50/']) {
      await page.goto(path);
      await renderLiveComponents(page);
      const scrolling = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('main *')]
          .filter((el) => el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.checkVisibility())
          .map((el) => ({
            focusable: el.tabIndex === 0,
            role: el.getAttribute('role'),
            name: el.getAttribute('aria-label') ?? '',
            html: el.outerHTML.slice(0, 120),
          })),
      );
      expect(scrolling.length, `something scrolls sideways on ${path}`).toBeGreaterThan(0);
      for (const box of scrolling) {
        expect(box, `${path}: ${box.html}`).toMatchObject({ focusable: true, role: 'region' });
        // Starlight's code blocks go unnamed: Expressive Code's script takes their role away again
        // where they fit, and a name left on a plain element is one ARIA forbids.
        if (!box.html.includes('data-language=')) expect(box.name, `${path}: ${box.html}`).toMatch(/\w{3}/);
      }
    }
  });
});

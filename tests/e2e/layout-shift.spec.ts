/**
 * Pages hold still while their live components load, and nothing is wider than a phone.
 *
 * On every page, at a desktop's width and a phone's, in both themes, a reader scrolls from the top
 * to the end faster than the code arrives: each live component comes alive only once the reader
 * has reached its end (see scrollThrough in layout-shift.ts). The page's cumulative layout shift
 * stays within Web Vitals' "good" (0.1), and each component, drawn, is as tall as the server sent
 * it. Then the reader follows a link to each section that comes after a live component: the
 * components near it load as they do for everyone, and the heading stays where the link put it.
 * Once everything has drawn, the page is no wider than the screen, at 390 px and at 320 px (what
 * is wider scrolls inside its own named region).
 */
import type { Page } from '@playwright/test';
import { THEMES } from './axe';
import { LESSONS, OTHER_PAGES, expect, test } from './fixtures';
import {
  componentsDrawn,
  cumulative,
  describeShifts,
  GOOD_CLS,
  holdLazyLoading,
  layoutShifts,
  offTarget,
  recordLayoutShifts,
  scrollThrough,
} from './layout-shift';

const PAGES = [{ path: '/' }, ...LESSONS, ...OTHER_PAGES];
/**
 * The theme changes colours, not sizes: each width opens the section links in one theme, the two
 * widths in different ones.
 */
const SCREENS = [
  { viewport: { width: 1280, height: 800 }, sectionsIn: 'light' },
  { viewport: { width: 390, height: 844 }, sectionsIn: 'dark' },
] as const;
/** The narrowest phone the course is made for. */
const NARROWEST = 320;
/**
 * The identity block lesson (a code cell and an explorer, scrolled through, then opened at two
 * sections) takes about 25 s on two busy cores; this is about three times the longest.
 */
const TIMEOUT = 90_000;
/** How far a link's target may move (px): rounding, no more. */
const HELD = 4;
/** How much a component's height may change once drawn (px): rounding, no more. */
const SAME_HEIGHT = 1;

/** Opens a new document (not a move within the page, when only the fragment differs) in the theme. */
async function open(page: Page, url: string, theme: string) {
  await page.goto('about:blank');
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** The ids of the sections (h2) that follow the page's first live component. */
function sectionsAfterComponents(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const first = [...document.querySelectorAll('main *')].find((el) => el.localName.startsWith('resnet-'));
    if (!first) return [];
    return [...document.querySelectorAll<HTMLElement>('main h2[id]')]
      .filter((h) => first.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING)
      .map((h) => h.id);
  });
}

/** How much wider than the screen the page is (px), once what a new width redraws has drawn. */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(async () => {
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    return document.documentElement.scrollWidth - document.documentElement.clientWidth;
  });
}

for (const { viewport, sectionsIn } of SCREENS) {
  for (const theme of THEMES) {
    test.describe(`at ${viewport.width} px, ${theme} theme`, () => {
      test.use({ viewport });
      test.beforeEach(async ({ page }) => {
        // Not on about:blank, which has no storage.
        await page.addInitScript((t) => location.protocol.startsWith('http') && localStorage.setItem('starlight-theme', t), theme);
        await recordLayoutShifts(page);
        await holdLazyLoading(page);
      });

      for (const { path } of PAGES) {
        const sections = theme === sectionsIn ? ', and opened at each section after a live component' : '';
        test(`${path} holds still while its components load, scrolled through${sections}`, async ({ page }) => {
          test.setTimeout(TIMEOUT);
          await open(page, path, theme);
          const sizes = await scrollThrough(page);
          const shifts = await layoutShifts(page);
          expect.soft(cumulative(shifts), `layout shift scrolling through ${path}:\n${describeShifts(shifts)}`).toBeLessThanOrEqual(GOOD_CLS);
          for (const { tag, sent, drawn } of sizes) {
            expect.soft(Math.abs(drawn - sent), `<${tag}> was ${sent} px tall as sent, ${drawn} px drawn`).toBeLessThanOrEqual(SAME_HEIGHT);
          }
          if (viewport.width < 1000) {
            expect.soft(await overflow(page), `px ${path} is wider than a ${viewport.width} px screen`).toBeLessThanOrEqual(0);
            await page.setViewportSize({ width: NARROWEST, height: viewport.height });
            expect.soft(await overflow(page), `px ${path} is wider than a ${NARROWEST} px screen`).toBeLessThanOrEqual(0);
            await page.setViewportSize(viewport);
          }
          if (!sections) return;

          for (const id of await sectionsAfterComponents(page)) {
            await open(page, `${path}#${id}`, theme);
            await componentsDrawn(page, 1);
            const opened = await layoutShifts(page);
            expect.soft(cumulative(opened), `layout shift opening ${path}#${id}:\n${describeShifts(opened)}`).toBeLessThanOrEqual(GOOD_CLS);
            expect.soft(Math.abs(await offTarget(page, `[id="${id}"]`)), `px the heading #${id} moved from where the link put it`).toBeLessThanOrEqual(HELD);
          }
        });
      }
    });
  }
}

test.describe('at 1280 px, before the page has been read to its end', () => {
  test.use({ viewport: SCREENS[0].viewport });

  test('the "On this page" column is already in its place', async ({ page }) => {
    await page.goto('/lessons/identity-block/');
    // Starlight's markup, not a role: what is tested is where the column's box sits.
    const column = page.locator('.right-sidebar');
    const placed = await column.boundingBox();
    expect(placed?.x).toBeGreaterThan(SCREENS[0].viewport.width / 2);
    // A browser that paints a long page before it has read it all may paint the column before the
    // main column, which comes after it in the HTML, is there at all.
    await page.addStyleTag({ content: '.main-pane { display: none !important; }' });
    expect(await column.boundingBox()).toEqual(placed);
  });
});

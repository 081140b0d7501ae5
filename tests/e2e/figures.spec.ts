/**
 * Figures a reader can read, measured on every page in both themes.
 *
 * At 1280 px, with every live component drawn (each chart scrolled into view and its axes there):
 * no text inside a figure, drawing, chart or diagram renders under 11 px, and every SVG shape
 * stands out from the background behind it by at least 3:1 (WCAG 1.4.11), its stroke or its fill,
 * with its opacities applied. At 390 px the ResNet-50 overview is whole, with nothing to scroll,
 * and no page scrolls sideways. Offenders are listed by their text or their shape.
 */
import { THEMES } from './axe';
import { figureTextSizes, shapeContrasts, useTheme } from './figure-metrics';
import { LESSONS, expect, test } from './fixtures';
import { renderLiveComponents } from './live-components';

const PAGES = [{ path: '/', title: 'home' }, ...LESSONS];
const MIN_TEXT_PX = 11;
const MIN_CONTRAST = 3;
/** The lessons with code cells and live charts take about 20 s each on two busy cores. */
const TIMEOUT = 90_000;

test.describe('figures at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  for (const theme of THEMES)
    for (const { path, title } of PAGES)
      test(`${title}, ${theme}: figure text ≥ ${MIN_TEXT_PX} px and shapes ≥ ${MIN_CONTRAST}:1`, async ({ page }) => {
        test.setTimeout(TIMEOUT);
        await useTheme(page, theme);
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await renderLiveComponents(page);
        // Charts draw their axes in the frame after they arrive.
        const charts = page.locator('svg.line-chart[role="img"]');
        for (let i = 0; i < (await charts.count()); i++) await expect(charts.nth(i).locator('.y-axis .tick').first()).toBeAttached();
        const sizes = await figureTextSizes(page);
        const small = sizes.filter((s) => s.px < MIN_TEXT_PX).map((s) => `"${s.text}" ${s.px} px`);
        expect.soft(small, `figure text under ${MIN_TEXT_PX} px (of ${sizes.length} measured)`).toEqual([]);
        const shapes = await shapeContrasts(page);
        const faint = [...new Set(shapes.filter((s) => s.ratio < MIN_CONTRAST).map((s) => `${s.what} ${s.ratio}:1`))];
        expect.soft(faint, `shapes under ${MIN_CONTRAST}:1 against their background (of ${shapes.length} measured)`).toEqual([]);
      });
});

test.describe('figures at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the ResNet-50 overview is whole: no bar cut off, nothing to scroll', async ({ page }) => {
    await page.goto('/lessons/resnet50/');
    const overview = page.getByRole('group', { name: 'Overview of ResNet-50, part by part' });
    await overview.scrollIntoViewIfNeeded();
    const fit = await overview.evaluate((svg) => {
      const region = svg.parentElement!;
      const box = region.getBoundingClientRect();
      const outside = [...svg.querySelectorAll('rect, text')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.left < box.left - 0.5 || r.right > box.right + 0.5;
        })
        .map((el) => el.textContent || el.closest('a')?.getAttribute('data-part') || el.tagName);
      return { outside, scrolls: region.scrollWidth > region.clientWidth + 1, bars: svg.querySelectorAll('rect').length };
    });
    expect(fit.bars).toBeGreaterThanOrEqual(10);
    expect(fit.outside, 'parts of the overview outside its box').toEqual([]);
    expect(fit.scrolls, 'the overview scrolls sideways').toBe(false);
    const sizes = await figureTextSizes(page, '.explorer-diagram');
    const small = sizes.filter((s) => s.px < MIN_TEXT_PX).map((s) => `"${s.text}" ${s.px} px`);
    expect.soft(small, `overview text under ${MIN_TEXT_PX} px on a phone`).toEqual([]);
  });

  for (const { path, title } of PAGES)
    test(`${title}: the page does not scroll sideways`, async ({ page }) => {
      test.setTimeout(TIMEOUT);
      await page.goto(path);
      await renderLiveComponents(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, 'the page is wider than the phone').toBeLessThanOrEqual(390);
    });
});

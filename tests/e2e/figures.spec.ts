/**
 * Figures a reader can read, measured on every page in both themes.
 *
 * At 1280 px, with every live component drawn (each chart scrolled into view and its axes there):
 * no text inside a figure, drawing, chart or diagram renders under 11 px, and every SVG shape
 * stands out from the background behind it by at least 3:1 (WCAG 1.4.11), its stroke or its fill,
 * with its opacities applied. At 390 px the ResNet-50 overview is whole, with nothing to scroll,
 * and no page scrolls sideways. Offenders are listed by their text or their shape.
 *
 * The lab with runs on two datasets: each run in its own colour, validation named in the legend,
 * the runs table whole in its box, and the confusion matrix filling its box with readable cells.
 */
import { THEMES } from './axe';
import { figureTextSizes, shapeContrasts, useTheme } from './figure-metrics';
import { LESSONS, OTHER_PAGES, expect, test } from './fixtures';
import { renderLiveComponents } from './live-components';
import { tinyRun, trainingLab } from './training-lab';

const PAGES = [{ path: '/', title: 'home' }, ...LESSONS, ...OTHER_PAGES];
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

test.describe('the lab with three runs, at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('runs in colours of their own, datasets told apart, the runs table and the confusion matrix in their boxes', async ({ page }) => {
    // Three Tiny runs of two batches on WASM: about 25 s on two busy cores.
    test.setTimeout(120_000);
    await tinyRun(page, { 'identity blocks per stage': '0', 'training images': '32' });
    const { lab, train, loss } = trainingLab(page);
    await lab.getByLabel('backend', { exact: true }).selectOption('wasm');
    await lab.getByRole('button', { name: 'Train the pair' }).click();
    await expect(lab.getByText('Pair, run 2 of 2 (plain twin): Done. Results below.')).toBeVisible({ timeout: 60_000 });
    await lab.getByLabel('dataset', { exact: true }).selectOption('mnist');
    await train.click();
    await expect(lab.getByText(/^Done\. Results below\./)).toBeVisible({ timeout: 60_000 });

    const legend = lab.getByRole('list', { name: 'Loss per training step: legend' });
    await expect(legend.getByRole('listitem')).toHaveText([
      '1. ResNet · Tiny, depth 0 (Fashion-MNIST): training',
      '1. ResNet · Tiny, depth 0 (Fashion-MNIST): validation',
      '2. Plain · Tiny, depth 0 (Fashion-MNIST): training',
      '2. Plain · Tiny, depth 0 (Fashion-MNIST): validation',
      '3. ResNet · Tiny, depth 0 (MNIST): training',
      '3. ResNet · Tiny, depth 0 (MNIST): validation',
    ]);
    const lines = await loss
      .locator('path.series.run-line')
      .evaluateAll((paths) => paths.map((p) => ({ stroke: getComputedStyle(p).stroke, dash: getComputedStyle(p).strokeDasharray })));
    expect(lines).toHaveLength(3);
    expect(new Set(lines.map((l) => l.stroke)).size, `run colours: ${lines.map((l) => l.stroke).join(', ')}`).toBe(3);
    // Solid ResNet, dashed plain twin, and the MNIST run in a dash of its own.
    expect(new Set(lines.map((l) => l.dash)).size, `dashes: ${lines.map((l) => l.dash).join(' | ')}`).toBe(3);

    // The runs' lines, dots and legend samples, drawn: each 3:1 against the page.
    const faint = (await shapeContrasts(page)).filter((c) => c.ratio < MIN_CONTRAST).map((c) => `${c.what} ${c.ratio}:1`);
    expect(faint, 'shapes under 3:1 with the runs drawn').toEqual([]);

    const runs = lab.getByRole('region', { name: 'Runs of this session' });
    const fit = await runs.evaluate((region) => {
      const box = region.getBoundingClientRect();
      const deletes = [...region.querySelectorAll('button')].filter((b) => b.textContent === 'Delete');
      return {
        box: Math.round(box.width),
        table: Math.round(region.querySelector('table')!.getBoundingClientRect().width),
        scrolls: region.scrollWidth > region.clientWidth + 1,
        clipped: deletes.filter((b) => b.getBoundingClientRect().right > box.right + 0.5).length,
        deletes: deletes.length,
      };
    });
    expect(fit.deletes).toBe(3);
    expect(fit, 'the runs table fits its box').toMatchObject({ scrolls: false, clipped: 0 });
    expect(fit.table).toBeLessThanOrEqual(fit.box);

    const matrix = lab.getByRole('region', { name: 'Confusion matrix' });
    await expect(matrix.getByRole('rowheader', { name: '7', exact: true })).toBeVisible();
    const cells = await matrix.evaluate((region) => {
      const table = region.querySelector('table')!;
      const tds = [...table.querySelectorAll('td')];
      return {
        box: region.clientWidth,
        table: table.getBoundingClientRect().width,
        narrowest: Math.min(...tds.map((td) => td.getBoundingClientRect().width)),
        smallestDigits: Math.min(...tds.map((td) => parseFloat(getComputedStyle(td).fontSize))),
      };
    });
    expect(cells.table, 'the matrix fills its box').toBeGreaterThanOrEqual(cells.box - 1);
    expect(cells.narrowest).toBeGreaterThanOrEqual(28);
    expect(cells.smallestDigits).toBeGreaterThanOrEqual(11);
  });
});

test('the degradation chart fits its y range to the steps from 20 on, and says the first steps run above it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/lessons/training/');
  // The experiment's code loads as it nears the screen; its chart then takes the stand-in's place.
  await page.locator('resnet-degradation').scrollIntoViewIfNeeded();
  const chart = page.getByRole('img', { name: 'Training loss of four networks per training step' });
  await expect(chart.locator('.y-axis .tick').first()).toBeAttached();
  // The reference runs from about 2.4 at the start to 1.1 at step 120: the axis no longer starts at 0.
  const ticks = (await chart.locator('.y-axis .tick text').allTextContents()).map(Number);
  expect(Math.min(...ticks)).toBeGreaterThan(0.5);
  expect(Math.max(...ticks)).toBeLessThan(3.5);
  await expect(chart.getByText(/^↑ earlier steps run above \d/)).toBeVisible();
});

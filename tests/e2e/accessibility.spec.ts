/**
 * Accessibility: a keyboard-only walk through every kind of control, and a text alternative for
 * every chart. Axe on every page, at two widths, is in accessibility-pages.spec.ts.
 */
import { seriousViolationsInBothThemes } from './axe';
import { LESSONS, expect, test } from './fixtures';
import { expectFocusVisible, tabTo } from './keyboard';
import { holdScripts, renderLiveComponents } from './live-components';
import { UNTIL_STOPPED } from './training-lab';

const PAGES = [{ path: '/', title: 'ResNet, live' }, ...LESSONS];

test.describe('a keyboard alone reaches and works every control', () => {
  test('identity block lesson: Tab reaches the exercise’s code before its editor has loaded, and lands in the editor once it has', async ({ page }) => {
    await page.goto('/lessons/identity-block/');
    // The editor's code is held back until the focus is on the code as the server sent it.
    const release = await holdScripts(page);
    const cell = page.locator('resnet-code-cell');
    await tabTo(page, cell);
    await expect(cell.getByRole('region', { name: 'Code cell: your identityBlock' })).toBeFocused();
    await expectFocusVisible(cell.locator('.cell-editor'));
    await release();
    const editor = cell.getByRole('textbox', { name: 'Code cell: your identityBlock' });
    await expect(editor).toBeFocused();
    await expectFocusVisible(cell.locator('.cell-editor'));
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' // typed without a click');
    await expect(editor).toContainText('// typed without a click');
  });

  test('identity block lesson: the code cell and Run checks, a hyperparameter field, Run on a real tensor', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/lessons/identity-block/');
    // Not part of the walk: bring every component to life first, as a reader scrolling down would.
    await renderLiveComponents(page);

    const cell = page.locator('resnet-code-cell');
    const editor = cell.getByRole('textbox', { name: /^Code cell/ });
    await tabTo(page, editor);
    await expectFocusVisible(cell.locator('.cell-editor'));
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('// typed from the keyboard');
    await expect(editor).toContainText('// typed from the keyboard');
    // Tab leaves the editor (it never traps focus), and Shift+Tab comes back.
    await page.keyboard.press('Tab');
    const runChecks = cell.getByRole('button', { name: 'Run checks' });
    await expect(runChecks).toBeFocused();
    await expectFocusVisible(runChecks);
    await page.keyboard.press('Shift+Tab');
    await expect(editor).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(cell.getByText(/checks failed|Syntax error on line \d+/)).toBeVisible({ timeout: 60_000 });

    const explorer = page.locator('resnet-block-explorer');
    const F2 = explorer.getByLabel('F2', { exact: true });
    await tabTo(page, F2);
    await expectFocusVisible(F2);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5');
    await expect(explorer.getByRole('row').filter({ hasText: 'res1a_branch2b' }).first()).toContainText('(None, 4, 4, 5)');
    await expect(explorer.locator('.block-diagram g.step').filter({ hasText: 'res1a_branch2b' })).toContainText('(None, 4, 4, 5)');

    const run = explorer.getByRole('button', { name: 'Run on a real tensor' });
    await tabTo(page, run);
    await expectFocusVisible(run);
    await page.keyboard.press('Enter');
    await expect(explorer.getByRole('status')).toContainText('Every real shape matches the traced shape', { timeout: 90_000 });
    await expect(explorer.getByRole('row').filter({ hasText: 'res1a_branch2b' }).first()).toContainText('(3, 4, 4, 5)');

    // What the runs drew (results, heat maps) is as accessible as the rest.
    expect(await seriousViolationsInBothThemes(page, 'resnet-code-cell')).toEqual([]);
    expect(await seriousViolationsInBothThemes(page, 'resnet-block-explorer')).toEqual([]);
  });

  test('ResNet-50 explorer: a stage field, a bar of the overview followed to its row, the full summary opened', async ({ page }) => {
    test.setTimeout(75_000);
    await page.goto('/lessons/resnet50/');
    await renderLiveComponents(page);
    const explorer = page.locator('resnet-resnet50-explorer');
    const blocks = explorer.getByLabel('Stage 4 identity blocks');
    await tabTo(page, blocks);
    await expectFocusVisible(blocks);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1');
    await expect(explorer.getByRole('table', { name: /^ResNet-50 stage by stage/ }).getByRole('row', { name: /^Stage 4/ })).toContainText(
      'CONV BLOCK + ID BLOCK ×1',
    );

    const bar = explorer.getByRole('link', { name: /^Stage 3/ });
    await tabTo(page, bar);
    await expectFocusVisible(bar);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#r50-row-stage-3$/);

    const full = explorer.getByText(/^Full summary, layer by layer/);
    await tabTo(page, full);
    await expectFocusVisible(full);
    await page.keyboard.press('Space');
    // 177 layers less the 4 identity blocks of 10 layers each taken out of stage 4.
    await expect(full).toContainText('(137 rows)');
    await expect(
      explorer
        .getByRole('table', { name: "Every layer as Keras' model.summary() lists it" })
        .getByRole('row')
        .filter({ has: page.getByRole('cell') }),
    ).toHaveCount(137);
  });

  test('training lab: the Tiny preset, Train, Pause, Resume, Stop, and the numbers behind a chart', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/lessons/training/');
    await renderLiveComponents(page);
    const lab = page.locator('resnet-training-lab');

    const model = lab.getByLabel('model', { exact: true });
    await tabTo(page, model);
    await expectFocusVisible(model);
    // Tiny sits just above the default, Small.
    await page.keyboard.press('ArrowUp');
    await expect(model).toHaveValue('tiny');
    // The smallest model, and more batches than any machine trains while the test pauses,
    // resumes and stops it (the most epochs the lab takes): only Stop ends this run.
    for (const [label, value] of [
      ['batch size', '16'],
      ['epochs', UNTIL_STOPPED.epochs],
      ['training images', '2000'],
    ] as const) {
      const field = lab.getByLabel(label, { exact: true });
      await tabTo(page, field);
      await expectFocusVisible(field);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(value);
      await expect(field).toHaveValue(value);
    }

    // Each button that disables itself hands the focus to the one that makes sense next.
    const button = (name: string) => lab.getByRole('button', { name, exact: true });
    await tabTo(page, button('Train'));
    await expectFocusVisible(button('Train'));
    await page.keyboard.press('Enter');
    // Train disables itself; while the data loads only Stop works, so the focus waits there,
    // and Pause, just before it, is one Shift+Tab away once training runs.
    await expect(button('Stop')).toBeFocused();
    await expect(button('Pause')).toBeEnabled();
    await tabTo(page, button('Pause'), { back: true });
    await expectFocusVisible(button('Pause'));
    await page.keyboard.press('Enter');
    await expect(button('Resume')).toBeFocused();
    await expect(button('Pause')).toBeDisabled();
    await expectFocusVisible(button('Resume'));
    await page.keyboard.press('Enter');
    await expect(button('Pause')).toBeFocused();
    // Stop once the first batches are in the chart's own text alternative.
    const loss = lab.getByRole('img', { name: 'Loss per training step' });
    await expect(loss).toHaveAccessibleDescription(/^1\. ResNet · Tiny, depth \d: training: \d+ points?, /, { timeout: 90_000 });
    await tabTo(page, button('Stop'));
    await expectFocusVisible(button('Stop'));
    await page.keyboard.press('Enter');
    // While the stopped model is tested no button works: the focus waits on the status line,
    // and lands on Train once the run has ended.
    await expect(button('Train')).toBeEnabled({ timeout: 90_000 });
    await expect(button('Train')).toBeFocused();
    await expect(lab.getByRole('status', { name: 'Training status' })).toHaveText('Stopped early; results below are for the model as it was.');
    await expect(lab.getByRole('table', { name: /Confusion matrix/ })).toBeVisible({ timeout: 30_000 });

    // The chart's toggle: the numbers behind the loss chart, opened with Enter.
    const toggle = lab.getByText('The numbers behind the chart').first();
    await tabTo(page, toggle);
    await expectFocusVisible(toggle);
    await page.keyboard.press('Enter');
    const table = lab.getByRole('table', { name: /^Loss per training step/ });
    await expect(table).toBeVisible();
    const cells = table.getByRole('row', { name: /: training / }).getByRole('cell');
    expect(Number(await cells.nth(0).textContent())).toBeGreaterThan(0);
    await expect(cells.nth(2)).toHaveText(/^\d+(\.\d+)?$/);

    expect(await seriousViolationsInBothThemes(page, 'resnet-training-lab')).toEqual([]);
  });
});

test.describe('every chart has a name, a caption and a text alternative with its current figures', () => {
  test('every drawing on every page is named, or hidden as decoration', async ({ page }) => {
    test.setTimeout(75_000);
    for (const { path } of PAGES) {
      await page.goto(path);
      await renderLiveComponents(page);
      const drawings = page.locator('main svg:not([aria-hidden="true"], [aria-hidden="true"] *)').filter({ visible: true });
      for (let i = 0; i < (await drawings.count()); i++) await expect(drawings.nth(i), `drawing ${i} on ${path}`).toHaveAccessibleName(/\w{3}/);
      const charts = page.locator('main :is(svg.dg-svg, svg.block-diagram, svg.stage-overview, svg.line-chart)');
      for (let i = 0; i < (await charts.count()); i++) {
        const caption = await charts.nth(i).evaluate((el) => el.closest('figure')?.querySelector(':scope > figcaption')?.textContent?.trim() ?? '');
        expect(caption, `caption of chart ${i} on ${path}`).toMatch(/\w{3}/);
      }
    }
  });

  test('the block diagram is described by the explorer’s summary and step table, kept current', async ({ page }) => {
    await page.goto('/lessons/identity-block/?H=8');
    await renderLiveComponents(page);
    const diagram = page.getByRole('img', { name: 'Diagram of the identity block, step by step' });
    await expect(diagram).toHaveAccessibleDescription(/^Output \(None, 8, 4, 6\) · [\d,]+ parameters .*res1a_branch2b\s*\(None, 8, 4, 4\)/);
    await page.getByLabel('F2', { exact: true }).fill('5');
    await expect(diagram).toHaveAccessibleDescription(/res1a_branch2b\s*\(None, 8, 4, 5\)/);
  });

  test('the ResNet-50 overview is described by the totals and the stage table, and its bars are links', async ({ page }) => {
    await page.goto('/lessons/resnet50/');
    await renderLiveComponents(page);
    const overview = page.getByRole('group', { name: 'Overview of ResNet-50, part by part' });
    await expect(overview).toHaveAccessibleDescription(/^23,600,006 parameters .*Stage 5\s.*\(None, 2, 2, 2048\)/);
    await expect(overview.getByRole('link', { name: /^Stage 3/ })).toHaveCount(1);
    await page.getByLabel('Height', { exact: true }).fill('224');
    await page.getByLabel('Width', { exact: true }).fill('224');
    await expect(overview).toHaveAccessibleDescription(/Stage 5\s.*\(None, 7, 7, 2048\)/);
  });

  test('the gradient demo’s charts read out their latest gradient norms', async ({ page }) => {
    await page.goto('/lessons/deep-networks/');
    await renderLiveComponents(page);
    const plain = page.getByRole('img', { name: /^Plain network: gradient norm/ });
    await expect(plain).toHaveAccessibleDescription('No data yet.');
    await page.getByLabel('depth', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Train side by side' }).click();
    await expect(page.locator('resnet-gradient-demo').getByRole('status')).toContainText(/^Depth 3:/, { timeout: 50_000 });
    for (const name of [/^Plain network: gradient norm/, /^Residual network: gradient norm/]) {
      const chart = page.getByRole('img', { name });
      await expect(chart).toHaveAccessibleDescription(
        /^early layer: 40 points, training step 1 to 40; latest [\d.e+-]+ .*middle layer: 40 points.*late layer: 40 points/,
      );
      const figure = page.locator('figure').filter({ has: chart });
      await figure.getByText('The numbers behind the chart').click();
      const rows = figure.getByRole('table').getByRole('row');
      await expect(rows.filter({ hasText: 'late layer' }).getByRole('cell').nth(1)).toHaveText('40');
    }
  });

  test('the degradation chart reads out where each network is', async ({ page }) => {
    await page.goto('/lessons/training/');
    await renderLiveComponents(page);
    const chart = page.getByRole('img', { name: 'Training loss of four networks per training step' });
    // Before a run, the reference's medians at the default settings.
    await expect(chart).toHaveAccessibleDescription(
      /^plain, 0 identity blocks per stage: reference median: 120 points, training step 1 to 120; latest \d.*ResNet, 4 identity blocks per stage: reference median: 120 points/,
    );
    await page.getByLabel('deep: identity blocks per stage').fill('1');
    await page.getByLabel('steps per network').fill('2');
    await page.getByRole('button', { name: 'Run the experiment' }).click();
    await expect(page.locator('resnet-degradation').getByText(/^Done:/)).toBeVisible({ timeout: 50_000 });
    await expect(chart).toHaveAccessibleDescription(
      /^plain, 0 identity blocks per stage: 2 points, training step 1 to 2; latest \d.*ResNet, 0 .*plain, 1 identity block per stage: 2 points.*ResNet, 1 identity block per stage: 2 points/,
    );
  });
});

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { reach } from './live';

/** Types values into the explorer's labelled fields, as a reader would. */
async function fill(page: Page, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
}

/** A row of the block explorer's step table (the lesson's own tables are left out). */
const row = (page: Page, text: string | RegExp) => page.locator('resnet-block-explorer').getByRole('row').filter({ hasText: text });
/** A row of the ResNet-50 explorer's stage table. */
const stage = (page: Page, name: string) => page.getByRole('table', { name: /^ResNet-50 stage by stage/ }).getByRole('row', { name: new RegExp(`^${name}`) });
/** A box of the block explorer's drawing, found by the layer name written in it. */
const box = (page: Page, layer: string) => page.locator('resnet-block-explorer .block-diagram g.step').filter({ hasText: layer });

test.describe('the identity block explorer', () => {
  test('shows the shape after every step as the fields change', async ({ page }) => {
    await page.goto('/lessons/identity-block/?H=9&W=7&C=12&F3=12&f=3');
    await reach(page, 'resnet-block-explorer');
    await expect(row(page, 'res1a_branch2a').first()).toContainText('(None, 9, 7, 2)');
    await fill(page, { Height: '4', Width: '4', Channels: '6', f: '2', F1: '2', F2: '4', F3: '6' });
    await expect(row(page, 'res1a_branch2a').first()).toContainText('(None, 4, 4, 2)');
    await expect(row(page, 'res1a_branch2b').first()).toContainText('(None, 4, 4, 4)');
    await expect(row(page, 'ReLU after the add')).toContainText('(None, 4, 4, 6)');
    await expect(box(page, 'res1a_branch2b')).toContainText('(None, 4, 4, 4)');
    await expect(page.getByText('Output (None, 4, 4, 6)')).toBeVisible();
  });

  test('stage and block rename the layers', async ({ page }) => {
    await page.goto('/lessons/identity-block/');
    await fill(page, { stage: '2', block: 'b' });
    await expect(row(page, 'bn2b_branch2c')).toContainText('(None, 4, 4, 6)');
  });

  test('an invalid value gets a message beside its field and the last valid block stays, dimmed', async ({ page }) => {
    await page.goto('/lessons/identity-block/');
    const F3 = page.getByLabel('F3', { exact: true });
    await F3.fill('8');
    await expect(F3).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#identity-explorer-F3-message')).toContainText('F3 is 8 but the input has 6');
    await expect(page.locator('#identity-explorer-F3-message')).toContainText('convolutional block');
    await expect(page.locator('.block-diagram')).toHaveClass(/stale/);
    await expect(row(page, 'ReLU after the add')).toContainText('(None, 4, 4, 6)');
    await expect(page.getByRole('button', { name: 'Run on a real tensor' })).toBeDisabled();
    for (const [label, value, message] of [
      ['Height', '', 'Enter a value for Height.'],
      ['Width', '1.5', 'Width must be a whole number, without decimals.'],
      ['m', '-1', 'm must be at least 1.'],
      ['f', '<script>alert(1)</script>', 'f must be a whole number, such as 2.'],
    ] as const) {
      await page.getByLabel(label, { exact: true }).fill(value);
      await expect(page.getByLabel(label, { exact: true })).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText(message)).toBeVisible();
    }
    await fill(page, { F3: '6', Height: '4', Width: '4', m: '3', f: '2' });
    await expect(page.getByLabel('F3', { exact: true })).toHaveAttribute('aria-invalid', 'false');
    await expect(page.locator('.block-diagram')).not.toHaveClass(/stale/);
  });

  test('sizes past the memory budget are refused before anything is built', async ({ page }) => {
    await page.goto('/lessons/identity-block/');
    await fill(page, { Height: '1024', Width: '1024', Channels: '64', F3: '64', m: '256' });
    await expect(page.getByLabel('m', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#identity-explorer-m-message')).toContainText("over the page's 256 MB budget");
  });

  test('the fields live in the URL: a reload keeps them, back and forward step through edits', async ({ page }) => {
    await page.goto('/lessons/identity-block/');
    await fill(page, { Height: '8' });
    await page.getByLabel('Height', { exact: true }).press('Tab');
    await expect(page).toHaveURL(/\?H=8/);
    await fill(page, { Width: '6' });
    await page.getByLabel('Width', { exact: true }).press('Tab');
    await page.reload();
    await reach(page, 'resnet-block-explorer');
    await expect(page.getByLabel('Height', { exact: true })).toHaveValue('8');
    await expect(page.getByLabel('Width', { exact: true })).toHaveValue('6');
    await expect(row(page, 'ReLU after the add')).toContainText('(None, 8, 6, 6)');
    await page.goBack();
    await expect(page.getByLabel('Width', { exact: true })).toHaveValue('4');
    await expect(row(page, 'ReLU after the add')).toContainText('(None, 8, 4, 6)');
    await page.goForward();
    await expect(page.getByLabel('Width', { exact: true })).toHaveValue('6');
  });

  test('fast typing rewrites the address when typing pauses, not on every keystroke, with one history entry per edit', async ({ page }) => {
    test.setTimeout(180_000); // 301 keystrokes, each a round trip: on a busy machine, up to half a second
    // Browsers limit how often a page may rewrite its address (Firefox and Safari throw past 100 to
    // 200 writes in a few seconds): the writes are counted and timed against the keystrokes' times.
    await page.addInitScript(() => {
      const w = window as unknown as { addressWrites: number; keyTimes: number[]; gaps: number[]; changing: boolean };
      const counted = (write: typeof history.replaceState, pause: boolean) =>
        function (this: History, ...args: Parameters<typeof history.replaceState>) {
          w.addressWrites += 1;
          if (pause && !w.changing) w.gaps.push(performance.now() - (w.keyTimes.at(-1) ?? -Infinity)); // ms since a keystroke
          return write.apply(this, args);
        };
      Object.assign(w, { addressWrites: 0, keyTimes: [], gaps: [], changing: false });
      history.replaceState = counted(history.replaceState, true);
      history.pushState = counted(history.pushState, false);
      document.addEventListener('input', () => w.keyTimes.push(performance.now()), true);
      document.addEventListener('change', () => (w.changing = true), true); // before the form hears it, and after:
      window.addEventListener('change', () => (w.changing = false));
    });
    await page.goto('/lessons/identity-block/');
    await reach(page, 'resnet-block-explorer');
    const height = page.getByLabel('Height', { exact: true });
    await height.fill('8');
    const counts = () =>
      page.evaluate(() => {
        const { addressWrites, keyTimes, gaps } = window as unknown as { addressWrites: number; keyTimes: number[]; gaps: number[] };
        return { addressWrites, keyTimes, gaps };
      });
    const { addressWrites: before, keyTimes: earlier } = await counts();
    for (let i = 0; i < 150; i += 1) {
      await height.press('1');
      await height.press('Backspace');
    }
    await height.press('6');
    await height.press('Tab');
    await expect(page).toHaveURL(/\?H=86$/);
    await expect(row(page, 'ReLU after the add')).toContainText('(None, 86, 4, 6)');
    const { addressWrites, keyTimes, gaps } = await counts();
    const writes = addressWrites - before;
    // 301 keystrokes. The address is written when an edit starts, and again only after a pause in
    // typing (250 ms): so at most once per pause that long, plus the first and the last write.
    // Pauses are counted from 240 ms, as the page's timer and its clock may differ by a little.
    const times = keyTimes.slice(earlier.length);
    const pauses = times.slice(1).filter((t, i) => t - times[i]! >= 240).length;
    expect(times.length).toBe(301);
    expect(writes).toBeGreaterThanOrEqual(1);
    expect(writes, `${pauses} pauses of 240 ms or more between keystrokes`).toBeLessThanOrEqual(pauses + 2);
    // However slow the machine, each rewrite inside the edit (ms after a keystroke) waited for the pause.
    expect(gaps.filter((gap) => gap < 240)).toEqual([]);
    await page.goBack();
    await expect(height).toHaveValue('4');
  });

  test('a pasted link with hostile values shows messages, not markup', async ({ page }) => {
    await page.goto('/lessons/identity-block/?F2=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&H=1e309');
    await reach(page, 'resnet-block-explorer');
    await expect(page.getByLabel('F2', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Height', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('main img[src="x"]')).toHaveCount(0);
  });

  test('runs the block on a real tensor on WebGL, with the same shapes as the trace', async ({ page }, testInfo) => {
    await page.goto('/lessons/identity-block/');
    // The diagram is drawn when the explorer goes live, which moves the button: wait for it first.
    await reach(page, 'resnet-block-explorer');
    await page.getByRole('button', { name: 'Run on a real tensor' }).click();
    const status = page.locator('resnet-block-explorer').getByRole('status');
    await expect(status).toContainText('Every real shape matches the traced shape', { timeout: 50_000 });
    await expect(status).toContainText('on the webgl backend');
    const renderer = (await status.textContent())?.match(/GPU renderer: (.*)\)\./)?.[1] ?? 'unknown';
    testInfo.annotations.push({ type: 'GPU renderer', description: renderer });
    process.stdout.write(`GPU renderer: ${renderer}\n`);
    await expect(row(page, 'res1a_branch2a').first()).toContainText('(3, 4, 4, 2)');
    await expect(row(page, 'ReLU after the add')).toContainText('(3, 4, 4, 6)');
    await expect(page.getByRole('img', { name: /Channel 0 of the first example, 4 × 4/ }).first()).toBeVisible();
    // Training mode by default: every BatchNorm row reads mean 0, and the note says why.
    await expect(status).toContainText('BatchNorm in training mode');
    const meanOf = (layer: string) => row(page, layer).first().getByRole('cell').nth(3);
    for (const bn of ['bn1a_branch2a', 'bn1a_branch2b', 'bn1a_branch2c']) await expect(meanOf(bn)).toHaveText(/^-?0\.000$/);
    await expect(page.getByText(/BatchNorm ran in training mode/)).toBeVisible();
    // Each map carries the range its colours span.
    await expect(row(page, 'res1a_branch2a').first()).toContainText(/−?\d+\.\d\d to −?\d+\.\d\d/);
    await page.getByLabel('BatchNorm in the run').selectOption({ label: 'Inference mode (predict): moving averages' });
    await page.getByRole('button', { name: 'Run on a real tensor' }).click();
    await expect(status).toContainText('BatchNorm in inference mode', { timeout: 50_000 });
    await expect(page.getByText(/BatchNorm ran in inference mode, as predict runs it/)).toBeVisible();
  });

  test('the order switch shows the pre-activation block: BN → ReLU → CONV2D, and nothing after the Add', async ({ page }) => {
    await page.goto('/lessons/identity-block/');
    await reach(page, 'resnet-block-explorer');
    const explorer = page.locator('resnet-block-explorer');
    const steps = explorer
      .getByRole('table', { name: /^Every step of the block/ })
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    await expect(steps.last()).toContainText('ReLU after the add');
    await explorer.getByLabel('Order', { exact: true }).selectOption({ label: 'Pre-activation (He et al. 2016b)' });
    await expect(steps).toHaveCount(11);
    const expected = [
      ['Input', '(None, 4, 4, 6)'],
      ['BatchNorm (first component)bn1a_branch2a', '(None, 4, 4, 6)'],
      ['ReLU (first component)', '(None, 4, 4, 6)'],
      ['CONV2D (first component)res1a_branch2a', '(None, 4, 4, 2)'],
      ['BatchNorm (second component)bn1a_branch2b', '(None, 4, 4, 2)'],
      ['ReLU (second component)', '(None, 4, 4, 2)'],
      ['CONV2D (second component)res1a_branch2b', '(None, 4, 4, 4)'],
      ['BatchNorm (third component)bn1a_branch2c', '(None, 4, 4, 4)'],
      ['ReLU (third component)', '(None, 4, 4, 4)'],
      ['CONV2D (third component)res1a_branch2c', '(None, 4, 4, 6)'],
      ['Add shortcut and main path', '(None, 4, 4, 6)'],
    ];
    for (const [i, [step, shape]] of expected.entries()) {
      await expect(steps.nth(i).getByRole('rowheader')).toHaveText(step!);
      await expect(steps.nth(i).getByRole('cell').first()).toHaveText(shape!);
    }
    await expect(row(page, 'ReLU after the add')).toHaveCount(0);
    await expect(explorer.locator('.block-diagram g.step[data-step="relu_1a"]')).toHaveCount(0);
    await expect(box(page, 'bn1a_branch2a')).toContainText('(None, 4, 4, 6) · 24 params');
    // The order is in the link, and a reload keeps it.
    await expect(page).toHaveURL(/\?order=pre$/);
    await page.reload();
    await reach(page, 'resnet-block-explorer');
    await expect(explorer.getByLabel('Order', { exact: true })).toHaveValue('pre');
    await expect(steps.last()).toContainText('Add shortcut and main path');
    await explorer.getByLabel('Order', { exact: true }).selectOption({ label: 'Post-activation (this course)' });
    await expect(steps.last()).toContainText('ReLU after the add');
    await expect(steps.nth(1)).toContainText('CONV2D (first component)');
  });

  test('the cost table puts the bottleneck beside the basic block and follows the fields', async ({ page }) => {
    await page.goto('/lessons/identity-block/?H=56&W=56&C=256&f=3&F1=64&F2=64&F3=256');
    await reach(page, 'resnet-block-explorer');
    const costs = page.getByRole('table', { name: 'What the block costs, beside the basic block' });
    const costRow = (name: string) => costs.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await expect(costRow('Bottleneck [64, 64, 256] on (56, 56, 256)')).toContainText('69,632');
    await expect(costRow('Bottleneck [64, 64, 256] on (56, 56, 256)')).toContainText('218,365,952');
    await expect(costRow('Basic block, two 3×3 on (56, 56, 64)')).toContainText('73,728');
    await expect(costRow('Basic block, two 3×3 on (56, 56, 64)')).toContainText('1.06×');
    await expect(costRow('Basic block, two 3×3 on (56, 56, 256)')).toContainText('3,699,376,128');
    await expect(costRow('A 1×1 projection shortcut, 256 → 256')).toContainText('65,536');
    await fill(page, { F1: '32' });
    // 1×1×256×32 + 3×3×32×64 + 1×1×64×256 = 8,192 + 18,432 + 16,384
    await expect(costRow('Bottleneck [32, 64, 256] on (56, 56, 256)')).toContainText('43,008');
    await expect(costRow('Basic block, two 3×3 on (56, 56, 32)')).toContainText('18,432');
    await fill(page, { Channels: '128', F3: '128', F2: '16' });
    // 1×1×128×32 + 3×3×32×16 + 1×1×16×128 = 4,096 + 4,608 + 2,048
    await expect(costRow('Bottleneck [32, 16, 128] on (56, 56, 128)')).toContainText('10,752');
    await expect(costRow('A 1×1 projection shortcut, 128 → 128')).toContainText('16,384');
  });
});

test('the convolutional block explorer halves the map with s 2', async ({ page }) => {
  await page.goto('/lessons/convolutional-block/?s=3&H=9&W=9');
  await reach(page, 'resnet-block-explorer');
  await expect(row(page, 'ReLU after the add')).toContainText('(None, 3, 3, 6)');
  await fill(page, { Height: '4', Width: '4', Channels: '6', f: '2', F1: '2', F2: '4', F3: '6', s: '2' });
  await expect(row(page, 'res1a_branch2a').first()).toContainText('(None, 2, 2, 2)');
  await expect(row(page, 'res1a_branch1').first()).toContainText('(None, 2, 2, 6)');
  await expect(row(page, 'ReLU after the add')).toContainText('(None, 2, 2, 6)');
  await page.getByLabel('s', { exact: true }).fill('0');
  await expect(page.getByText('s must be at least 1.')).toBeVisible();
});

test.describe('the ResNet-50 explorer', () => {
  test('has the document totals and grows with a 224 × 224 input', async ({ page }) => {
    await page.goto('/lessons/resnet50/');
    const explorer = page.locator('resnet-resnet50-explorer');
    await expect(explorer.getByText('23,600,006 parameters (trainable 23,546,886, non-trainable 53,120)')).toBeVisible();
    await expect(stage(page, 'Stage 5')).toContainText('(None, 2, 2, 2048)');
    await fill(page, { Height: '224', Width: '224' });
    await expect(stage(page, 'Stage 5')).toContainText('(None, 7, 7, 2048)');
    await page.reload();
    await reach(page, 'resnet-resnet50-explorer');
    await expect(stage(page, 'Stage 5')).toContainText('(None, 7, 7, 2048)');
  });

  test('the full summary lists 177 layers', async ({ page }) => {
    await page.goto('/lessons/resnet50/');
    await page.getByText(/Full summary, layer by layer/).click();
    const rows = page
      .getByRole('table', { name: "Every layer as Keras' model.summary() lists it" })
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    await expect(rows).toHaveCount(177);
    await expect(rows.last()).toContainText('fc6 (Dense)');
    await expect(rows.last()).toContainText('12,294');
  });

  test('stage fields change the network, and a too-small input names the stage that breaks', async ({ page }) => {
    await page.goto('/lessons/resnet50/');
    await page.getByLabel('Stage 4 identity blocks').fill('1');
    await expect(stage(page, 'Stage 4')).toContainText('CONV BLOCK + ID BLOCK ×1');
    await fill(page, { Height: '16', Width: '16' });
    // Both sides are too small, so both fields say so.
    for (const side of ['Height', 'Width']) {
      await expect(page.getByLabel(side, { exact: true })).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByLabel(side, { exact: true })).toHaveAccessibleDescription(/avg_pool \(after stage 5\).*smallest input that works is 37 × 37/);
    }
    await fill(page, { Height: '64' });
    await expect(page.getByLabel('Height', { exact: true })).toHaveAttribute('aria-invalid', 'false');
    await expect(page.getByLabel('Width', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  });

  test('each bar of the overview links to its row', async ({ page }) => {
    await page.goto('/lessons/resnet50/');
    await reach(page, 'resnet-resnet50-explorer');
    await page
      .locator('resnet-resnet50-explorer')
      .getByRole('link', { name: /^Stage 3/ })
      .click();
    await expect(page).toHaveURL(/#r50-row-stage-3$/);
  });
});

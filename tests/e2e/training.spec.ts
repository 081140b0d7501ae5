import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The smallest run: the Tiny preset, a few batches. Real speed is the benchmark's business. */
async function tinyRun(page: Page, settings: Record<string, string> = {}) {
  await page.goto('/lessons/training/');
  await page.getByLabel('model', { exact: true }).selectOption('tiny');
  const values = { 'training images': '48', 'batch size': '16', epochs: '1', ...settings };
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
}

/**
 * Holds the lab's own code (not the page's scripts, which must run to watch for early input)
 * until `release()`. `requested` settles once the page has asked for it, i.e. once the page is
 * watching what the reader does while the lab loads.
 */
async function holdLabCode(page: Page) {
  let release = () => {};
  let asked = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const requested = new Promise<void>((resolve) => (asked = resolve));
  await page.route(/\/_astro\/lab\.[\w-]+\.js$/, async (route) => {
    asked();
    await gate;
    await route.continue();
  });
  return { requested, release };
}

test('trains the Tiny ResNet for a few batches and shows curves, test accuracy, confusion matrix and gallery', async ({ page }) => {
  await tinyRun(page);
  const bar = page.getByRole('progressbar', { name: 'Training progress' });
  await expect(bar).toHaveAttribute('aria-valuenow', '0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Done. Results below.')).toBeVisible({ timeout: 90_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  // Without a GPU, Chromium draws WebGL in software: the lab says so and trains on WASM.
  const engine = page.locator('[data-engine]');
  await expect(engine).toHaveAttribute('data-backend', 'wasm');
  // BatchNorm's SIMD module bound to the threaded build's shared memory (the site is isolated).
  await expect(engine).toContainText(/Backend: wasm \(\d+ threads?, SIMD\)/);
  await expect(engine).toContainText('draws WebGL in software');
  await expect(engine).toContainText(/Tensors held for training: \d+/);
  await expect(page.getByText(/Loss after 3 steps: training \d+\.\d{3}/)).toBeVisible();
  await expect(page.getByText(/^Test accuracy: \d+\.\d % on 500 test images\.$/)).toBeVisible();
  await expect(page.locator('[data-confusion] tbody tr')).toHaveCount(10);
  await expect(page.locator('[data-gallery] figure')).toHaveCount(24);
  await expect(page.locator('svg[role="img"] .series.run-line').first()).toHaveAttribute('d', /^M.+L/);

  // Try your own image: draw a stroke, get class probabilities.
  const canvas = page.getByRole('img', { name: /Drawing area/ });
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 130, { steps: 8 });
  await page.mouse.up();
  await expect(page.locator('[data-probabilities] li')).toHaveCount(5);
  await expect(page.locator('[data-probabilities] li').first()).toHaveText(/^.+: \d+\.\d %$/);

  // Download it, keep it in the browser, and load it back after a reload.
  const downloads: { name: string; path: Promise<string | null> }[] = [];
  page.on('download', (d) => downloads.push({ name: d.suggestedFilename(), path: d.path() }));
  await page.getByRole('button', { name: 'Download the model' }).click();
  await expect.poll(() => downloads.map((d) => d.name).sort()).toEqual(['resnet-live-model.json', 'resnet-live-model.weights.bin']);
  const files = await Promise.all(downloads.map(async (d) => ({ name: d.name, path: (await d.path) as string })));
  await page.getByRole('button', { name: 'Keep in this browser' }).click();
  await expect(page.getByText('Kept in this browser: it will still be here after a reload.')).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Load the kept model' }).click();
  await expect(page.getByText(/Loaded the model saved on .* \(trained on fashion-mnist, [\d,]+ parameters\)\./)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.locator('[data-probabilities] li')).toHaveCount(5);

  // And the downloaded files load back too, even when picked while the lab is still loading:
  // its code is held back until the files are chosen.
  const { readFileSync } = await import('node:fs');
  const lab = await holdLabCode(page);
  await page.reload();
  await lab.requested;
  await expect(page.getByText('Loading the live training lab…')).toBeVisible();
  await page.getByLabel(/Load model files/).setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: readFileSync(f.path) })));
  lab.release();
  await expect(page.getByText(/Loaded the model saved on .* \(trained on fashion-mnist/)).toBeVisible({ timeout: 60_000 });
  await page.unrouteAll({ behavior: 'wait' });
  await page.getByLabel(/Load model files/).setInputFiles([{ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{}') }]);
  await expect(page.getByText(/Choose both files together/)).toBeVisible();
});

test('Train the pair trains the ResNet and its plain twin; the runs can be hidden, renamed and deleted, and a copied link keeps the settings', async ({ page }) => {
  await tinyRun(page, { 'identity blocks per stage': '0', 'training images': '32' });
  const lab = page.locator('resnet-training-lab');
  await lab.getByLabel('backend', { exact: true }).selectOption('wasm');
  await lab.getByRole('button', { name: 'Train the pair' }).click();
  await expect(lab.getByText('Pair, run 2 of 2 (plain twin): Done. Results below.')).toBeVisible({ timeout: 120_000 });

  const legend = lab.getByRole('list', { name: 'Loss per training step: legend' });
  await expect(legend.getByRole('listitem')).toHaveText(['1. ResNet · Tiny, depth 0: training', '2. Plain · Tiny, depth 0: training']);
  const runs = lab.getByRole('table', { name: /Runs of this session/ });
  await expect(runs.getByRole('row')).toHaveCount(3);
  await expect(runs.getByRole('row', { name: /2\. Plain/ })).toContainText(/plain twin · Tiny, depth 0.*done/);
  await expect(runs.getByRole('row', { name: /1\. ResNet/ }).getByRole('cell').nth(6)).toHaveText(/^\d+\.\d %$/);

  await runs.getByRole('checkbox', { name: 'Show 1. ResNet · Tiny, depth 0' }).uncheck();
  await expect(legend.getByRole('listitem')).toHaveText(['2. Plain · Tiny, depth 0: training']);
  await expect(lab.getByRole('img', { name: 'Loss per training step' })).toHaveAccessibleDescription(/^2\. Plain · Tiny, depth 0: training: \d+ points?/);

  await runs.getByRole('button', { name: 'Rename 2. Plain · Tiny, depth 0' }).click();
  const name = runs.getByRole('textbox', { name: 'New name for 2. Plain · Tiny, depth 0' });
  await expect(name).toBeFocused();
  await name.fill('   ');
  await name.press('Enter');
  await expect(name).toHaveAccessibleDescription('A run needs a name: type a few words.');
  await name.fill('shallow plain');
  await name.press('Enter');
  await expect(legend.getByRole('listitem')).toHaveText(['shallow plain: training']);

  await runs.getByRole('button', { name: 'Delete 1. ResNet · Tiny, depth 0' }).click();
  await expect(runs.getByRole('row')).toHaveCount(2);
  await expect(runs).not.toContainText('1. ResNet');

  // The settings are in the address: a copied link opens the lab as it was set.
  const link = page.url();
  expect(new URL(link).searchParams.get('preset')).toBe('tiny');
  await page.goto('about:blank');
  await page.goto(link);
  await expect(lab.getByLabel('model', { exact: true })).toHaveValue('tiny');
  await expect(lab.getByLabel('backend', { exact: true })).toHaveValue('wasm');
  await expect(lab.getByLabel('identity blocks per stage', { exact: true })).toHaveValue('0');
  await expect(lab.getByLabel('training images', { exact: true })).toHaveValue('32');
});

test('loading with nothing kept says so', async ({ page }) => {
  await page.goto('/lessons/training/');
  await page.getByRole('button', { name: 'Load the kept model' }).click();
  await expect(page.getByText(/No model is kept in this browser yet/)).toBeVisible({ timeout: 30_000 });
});

test('Pause holds training, Resume carries on, Stop ends it early', async ({ page }) => {
  await tinyRun(page, { 'training images': '4000', 'batch size': '8' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const status = page.locator('resnet-training-lab [data-status]');
  await expect(status).toContainText(/Epoch 1 of 1 · batch \d+ of 500/, { timeout: 90_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toHaveText('Paused. Resume carries on from the next batch.');
  const bar = page.getByRole('progressbar', { name: 'Training progress' });
  const paused = await bar.getAttribute('aria-valuenow');
  // The worker has said it waits at a step boundary; sixty frames later (a second at 60 Hz, longer
  // on a busy machine, when steps are slower too) the bar has not moved.
  await page.evaluate(() => new Promise<void>((done) => {
    let frames = 0;
    const tick = () => (++frames < 60 ? requestAnimationFrame(tick) : done());
    requestAnimationFrame(tick);
  }));
  await expect(bar).toHaveAttribute('aria-valuenow', paused ?? '');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeEnabled();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toContainText(/batch \d+ of 500/);
  await page.locator('resnet-training-lab').getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText('Stopped early; results below are for the model as it was.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/training was stopped early/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
});

test('bad settings get a message beside the field and Train waits', async ({ page }) => {
  await page.goto('/lessons/training/');
  await page.getByLabel('learning rate').fill('fast');
  await expect(page.getByLabel('learning rate')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('The learning rate must be a number, such as 0.003.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await page.getByLabel('learning rate').fill('0.003');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
});

test('the degradation experiment draws its reference band behind the live curves, trains four networks, and keeps its settings in the address', async ({ page }) => {
  await page.goto('/lessons/training/');
  const experiment = page.locator('resnet-degradation');
  const chart = experiment.getByRole('img', { name: 'Training loss of four networks per training step' });
  const legend = experiment.getByRole('list', { name: 'Training loss of four networks per training step: legend' });
  const band = legend.getByRole('listitem').filter({ hasText: 'reference: plain, 4 identity blocks per stage (5 seeds, min–max and median)' });
  const note = experiment.getByText(/^Shaded: the reference, these four networks at these settings over 5 seeds/);
  // At the default settings the band is drawn from the start: four bands, four median lines.
  await experiment.scrollIntoViewIfNeeded();
  await expect(band).toBeVisible({ timeout: 90_000 });
  await expect(legend.getByRole('listitem').filter({ hasText: /^reference: / })).toHaveCount(4);
  await expect(chart.locator('.bands path.band.reference')).toHaveCount(4);
  await expect(chart.locator('.bands path.band.reference.plain.deep')).toBeVisible();
  await expect(note).toBeVisible();

  // A run at the defaults draws its curves over the band; Stop ends it early.
  await experiment.getByRole('button', { name: 'Run the experiment' }).click();
  await expect(experiment.getByText(/^Training plain, 0 identity blocks per stage \(seed 1\): step ([3-9]|\d\d+) of 120/)).toBeVisible({ timeout: 90_000 });
  await expect(chart.locator('.lines path.series.plain.shallow:not(.reference)')).toHaveAttribute('d', /^M.+L.+L/);
  await expect(chart.locator('.bands path.band.reference.plain.deep')).toBeVisible();
  await expect(legend.getByRole('listitem').filter({ hasText: /^plain, 0 identity blocks per stage$/ })).toBeVisible();
  await experiment.getByRole('button', { name: 'Stop' }).click();
  await expect(experiment.getByText('Stopped.', { exact: true })).toBeVisible({ timeout: 60_000 });

  // Other settings: the band goes, and the experiment says why.
  await experiment.getByLabel('deep: identity blocks per stage').fill('1');
  await experiment.getByLabel('steps per network').fill('3');
  await experiment.getByLabel('seed', { exact: true }).fill('7');
  await expect(experiment.getByText(/The shaded bands are the reference run at the default settings \(shallow 0, deep 4, 120 steps\): change back to see them\./)).toBeVisible();
  await expect(band).toBeHidden();
  await expect(chart.locator('.bands path.band.reference.plain.deep')).toBeHidden();
  await experiment.getByRole('button', { name: 'Run the experiment' }).click();
  await expect(experiment.getByText('Done: compare the dashed (plain) and solid (ResNet) curves at each depth.')).toBeVisible({ timeout: 120_000 });
  await expect(experiment.locator('tbody tr')).toHaveCount(4);
  await expect(experiment.locator('tbody tr').first()).toContainText('plain, 0 identity blocks per stage');
  await expect(chart.locator('.lines .series')).toHaveCount(4);
  await expect(chart.locator('.bands path')).toHaveCount(0);
  const finalLosses = () => experiment.locator('tbody tr td:nth-child(3)').allTextContents();
  const first = await finalLosses();
  await expect(experiment.locator('tbody tr td:nth-child(4)')).toHaveText(['—', '—', '—', '—']);

  // The settings are in the address: a copied link opens the experiment as it was set.
  const link = new URL(page.url());
  expect(Object.fromEntries(['deep', 'steps', 'seed'].map((key) => [key, link.searchParams.get(key)]))).toEqual({ deep: '1', steps: '3', seed: '7' });
  await page.goto('about:blank');
  await page.goto(link.href);
  // The experiment loads as it nears the screen, and then fills its fields from the address.
  await experiment.scrollIntoViewIfNeeded();
  await expect(experiment.getByLabel('deep: identity blocks per stage')).toHaveValue('1', { timeout: 90_000 });
  await expect(experiment.getByLabel('steps per network')).toHaveValue('3');
  await expect(experiment.getByLabel('seed', { exact: true })).toHaveValue('7');
  await expect(experiment.getByLabel('shallow: identity blocks per stage')).toHaveValue('0');
  await expect(experiment.getByText(/change back to see them/)).toBeVisible();
  // The same seed trains the same four curves again.
  await experiment.getByRole('button', { name: 'Run the experiment' }).click();
  await expect(experiment.getByText(/^Done:/)).toBeVisible({ timeout: 120_000 });
  expect(await finalLosses()).toEqual(first);

  await experiment.getByLabel('steps per network').fill('1');
  await expect(experiment.getByText('steps per network must be at least 2.')).toBeVisible();
  await experiment.getByLabel('shallow: identity blocks per stage').fill('1');
  await expect(experiment.getByText('The deep networks need more identity blocks per stage than the shallow ones (now 1 and 1).')).toBeVisible();
  await expect(experiment.getByRole('button', { name: 'Run the experiment' })).toBeDisabled();
});

test('the ResNet-50 preset says it needs a real GPU', async ({ page }) => {
  await page.goto('/lessons/training/');
  await page.getByLabel('model', { exact: true }).selectOption('resnet50');
  await expect(page.getByText(/ResNet-50: the lesson's model, 23\.6 million parameters, on the images resized to 64 × 64 × 3/)).toBeVisible();
  await expect(page.getByText(/It needs a real GPU/)).toBeVisible();
  await page.getByLabel('network', { exact: true }).selectOption('plain');
  await expect(page.getByText(/ResNet-50’s plain twin/)).toBeVisible();
});

test('on the WebGL backend, Tiny trains, holds the same tensors after each epoch, and stops on Stop', async ({ page }) => {
  await tinyRun(page, { 'training images': '48', 'batch size': '16', epochs: '4' });
  await page.getByLabel('backend', { exact: true }).selectOption('webgl');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const engine = page.locator('[data-engine]');
  const bar = page.getByRole('progressbar', { name: 'Training progress' });
  // Two epochs of three batches; then Stop, before the last two.
  await expect(engine).toContainText(/Tensors after each epoch: \d+, \d+\./, { timeout: 110_000 });
  await page.locator('resnet-training-lab').getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText('Stopped early; results below are for the model as it was.')).toBeVisible({ timeout: 60_000 });
  await expect(engine).toHaveAttribute('data-backend', 'webgl');
  await expect(engine).toContainText('in a background thread');
  const counts = (await engine.textContent())?.match(/Tensors after each epoch: (\d+), (\d+)(, (\d+))?\./);
  expect(counts?.[1]).toBeDefined();
  expect(counts?.[2]).toBe(counts?.[1]);
  expect(counts?.[4] ?? counts?.[1]).toBe(counts?.[1]);
  await expect(page.getByText(/Loss after \d+ steps/)).toBeVisible();
  const steps = Number((await page.getByText(/Loss after \d+ steps/).textContent())?.match(/after (\d+) steps/)?.[1]);
  expect(steps).toBeGreaterThanOrEqual(6);
  expect(steps).toBeLessThan(12);
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(100);
  await expect(page.locator('svg[role="img"] .series.run-line').first()).toHaveAttribute('d', /^M.+L.+L/);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
});

test('when the browser takes the WebGL context away, training stops with a message and can start again', async ({ page }) => {
  await tinyRun(page, { 'training images': '4000', 'batch size': '8' });
  await page.getByLabel('backend', { exact: true }).selectOption('webgl');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const status = page.locator('resnet-training-lab [data-status]');
  await expect(status).toContainText(/Epoch 1 of 1 · batch \d+ of 500/, { timeout: 110_000 });
  const trainer = page.workers().find((w) => w.url().includes('trainer'));
  expect(trainer, 'the training worker').toBeDefined();
  // What WEBGL_lose_context does is what the browser does when it reclaims the GPU.
  await trainer!.evaluate(() => self.dispatchEvent(new MessageEvent('message', { data: { type: 'lose-context' } })));
  await expect(status).toHaveText(/The browser took the GPU away \(the WebGL context was lost\), so training stopped\./, { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeDisabled();
  // A fresh worker takes the next run.
  await page.getByLabel('backend', { exact: true }).selectOption('wasm');
  await page.getByLabel('training images', { exact: true }).fill('32');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Done. Results below.')).toBeVisible({ timeout: 90_000 });
});

test('WebGPU is offered only where the browser has it', async ({ page }) => {
  await page.goto('/lessons/training/');
  const hasGpu = await page.evaluate(() => 'gpu' in navigator);
  const option = page.getByLabel('backend', { exact: true }).locator('option[value="webgpu"]');
  if (hasGpu) await expect(option).toBeEnabled();
  else await expect(option).toHaveText('WebGPU (not offered by this browser)');
  if (!hasGpu) await expect(option).toBeDisabled();
});

/**
 * The training lab on WebAssembly, as a reader uses it: train, read the results, try an image,
 * keep the model and load it back; train the pair and manage the runs; pause, resume and stop.
 * Backends (WebGL, WebGPU, a lost GPU) are in training-backends.spec.ts, the degradation
 * experiment in degradation.spec.ts.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { tinyRun, trainingLab, UNTIL_STOPPED } from './training-lab';

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

/** Waits for `count` animation frames of the page, and at least `ms` of its clock. */
async function frames(page: Page, count: number, ms = 0) {
  await page.evaluate(
    ([n, wait]) =>
      new Promise<void>((done) => {
        let left = n;
        const until = performance.now() + wait;
        const tick = () => (--left > 0 || performance.now() < until ? requestAnimationFrame(tick) : done());
        requestAnimationFrame(tick);
      }),
    [count, ms] as const,
  );
}

test('trains the Tiny ResNet for a few batches and shows curves, test accuracy, confusion matrix and gallery', async ({ page }) => {
  test.setTimeout(60_000);
  await tinyRun(page);
  const { lab, train, progress, engine, loss } = trainingLab(page);
  await expect(progress).toHaveAttribute('aria-valuenow', '0');
  await train.click();
  await expect(page.getByText('Done. Results below.')).toBeVisible({ timeout: 50_000 });
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  // Without a GPU, Chromium draws WebGL in software: the lab says so and trains on WASM, with
  // BatchNorm's SIMD module bound to the threaded build's shared memory (the site is isolated).
  await expect(engine).toContainText(/^Backend: wasm \(\d+ threads?, SIMD\), in a background thread\./);
  await expect(engine).toContainText('draws WebGL in software');
  await expect(engine).toContainText(/Tensors held for training: \d+/);
  await expect(page.getByText(/Loss after 3 steps: training \d+\.\d{3}/)).toBeVisible();
  await expect(page.getByText(/^Test accuracy: \d+\.\d % on 500 test images\.$/)).toBeVisible();
  // Ten true classes down the side, ten predictions across.
  const confusion = lab.getByRole('table', { name: /^Confusion matrix on the test set/ });
  await expect(confusion.getByRole('rowheader')).toHaveCount(10);
  await expect(confusion.getByRole('columnheader')).toHaveCount(11);
  await expect(confusion.getByRole('rowheader', { name: 'Sneaker', exact: true })).toBeVisible();
  await expect(lab.getByRole('img', { name: /^Test image \d+: / })).toHaveCount(24);
  // The drawn curve itself: a path with more than one point (its text alternative is in accessibility.spec.ts).
  await expect(loss.locator('.series.run-line').first()).toHaveAttribute('d', /^M.+L/);

  // Try your own image: draw a stroke, get class probabilities.
  const canvas = page.getByRole('img', { name: /Drawing area/ });
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 130, { steps: 8 });
  await page.mouse.up();
  const probabilities = lab.getByRole('list', { name: /^Class probabilities for your image/ }).getByRole('listitem');
  await expect(probabilities).toHaveCount(5);
  await expect(probabilities.first()).toHaveText(/^.+: \d+\.\d %$/);

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
  await expect(page.getByText(/Loaded the model saved on .* \(trained on fashion-mnist, [\d,]+ parameters\)\./)).toBeVisible();
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(probabilities).toHaveCount(5);

  // And the downloaded files load back too, even when picked while the lab is still loading:
  // its code is held back until the files are chosen.
  const { readFileSync } = await import('node:fs');
  const code = await holdLabCode(page);
  await page.reload();
  await code.requested;
  await expect(page.getByText('Loading the live training lab…')).toBeVisible();
  await page
    .getByLabel(/Load model files/)
    .setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: readFileSync(f.path) })));
  code.release();
  await expect(page.getByText(/Loaded the model saved on .* \(trained on fashion-mnist/)).toBeVisible();
  await page.unrouteAll({ behavior: 'wait' });
  await page.getByLabel(/Load model files/).setInputFiles([{ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{}') }]);
  await expect(page.getByText(/Choose both files together/)).toBeVisible();
});

test('Train the pair trains the ResNet and its plain twin; the runs can be hidden, renamed and deleted, and a copied link keeps the settings', async ({
  page,
}) => {
  test.setTimeout(45_000);
  await tinyRun(page, { 'identity blocks per stage': '0', 'training images': '32' });
  const { lab } = trainingLab(page);
  await lab.getByLabel('backend', { exact: true }).selectOption('wasm');
  await lab.getByRole('button', { name: 'Train the pair' }).click();
  await expect(lab.getByText('Pair, run 2 of 2 (plain twin): Done. Results below.')).toBeVisible({ timeout: 40_000 });

  const legend = lab.getByRole('list', { name: 'Loss per training step: legend' });
  await expect(legend.getByRole('listitem')).toHaveText([
    '1. ResNet · Tiny, depth 0: training',
    '1. ResNet · Tiny, depth 0: validation',
    '2. Plain · Tiny, depth 0: training',
    '2. Plain · Tiny, depth 0: validation',
  ]);
  const runs = lab.getByRole('table', { name: /Runs of this session/ });
  await expect(runs.getByRole('row')).toHaveCount(3);
  await expect(runs.getByRole('row', { name: /2\. Plain/ })).toContainText(/plain twin · Tiny, depth 0.*done/);
  await expect(
    runs
      .getByRole('row', { name: /1\. ResNet/ })
      .getByRole('cell')
      .nth(6),
  ).toHaveText(/^\d+\.\d %$/);

  await runs.getByRole('checkbox', { name: 'Show 1. ResNet · Tiny, depth 0' }).uncheck();
  await expect(legend.getByRole('listitem')).toHaveText(['2. Plain · Tiny, depth 0: training', '2. Plain · Tiny, depth 0: validation']);
  await expect(lab.getByRole('img', { name: 'Loss per training step' })).toHaveAccessibleDescription(/^2\. Plain · Tiny, depth 0: training: \d+ points?/);

  await runs.getByRole('button', { name: 'Rename 2. Plain · Tiny, depth 0' }).click();
  const name = runs.getByRole('textbox', { name: 'New name for 2. Plain · Tiny, depth 0' });
  await expect(name).toBeFocused();
  await name.fill('   ');
  await name.press('Enter');
  await expect(name).toHaveAccessibleDescription('A run needs a name: type a few words.');
  await name.fill('shallow plain');
  await name.press('Enter');
  await expect(legend.getByRole('listitem')).toHaveText(['shallow plain: training', 'shallow plain: validation']);

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
  await expect(trainingLab(page).lab.getByRole('status', { name: 'Kept model' })).toHaveText(/^No model is kept in this browser yet/);
});

test('Pause holds training, Resume carries on, Stop ends it early', async ({ page }) => {
  test.setTimeout(45_000);
  await tinyRun(page, { 'training images': '4000', 'batch size': '8', ...UNTIL_STOPPED });
  const { lab, train, stop, status } = trainingLab(page);
  const steps = lab.getByText(/^Loss after \d+ steps:/);
  await train.click();
  await expect(status).toContainText(/Epoch 1 of 50 · batch \d+ of 500 · [\d.]+ images\/s/, { timeout: 40_000 });
  // The run's own pace (8 images a step): while paused, the test waits as long as five steps take
  // (at most 15 s, within the test's time).
  const stepMs = Math.min((8 / Number((await status.textContent())?.match(/([\d.]+) images\/s/)?.[1])) * 1000, 3_000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toHaveText('Paused. Resume carries on from the next batch.');
  // The worker has said it waits at a step boundary, after the messages of the steps before it;
  // the charts draw those at the next frame. Then, for sixty frames and five steps' time
  // (both longer on a busy machine), no step is added.
  await frames(page, 2);
  const paused = await steps.textContent();
  expect(paused).toMatch(/^Loss after [1-9]\d* steps:/);
  await frames(page, 60, 5 * stepMs);
  await expect(steps).toHaveText(paused ?? '');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeEnabled();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toContainText(/batch \d+ of 500/);
  await stop.click();
  await expect(status).toHaveText('Stopped early; results below are for the model as it was.');
  await expect(page.getByText(/training was stopped early/)).toBeVisible();
  await expect(train).toBeEnabled();
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

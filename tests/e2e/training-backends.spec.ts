/**
 * The training lab's backends: which are offered, training on WebGL (here SwiftShader, in
 * software), and what happens when the browser takes the GPU away in the middle of a run.
 */
import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { tinyRun, trainingLab, UNTIL_STOPPED } from './training-lab';

/**
 * Runs in the training worker before its own code: keeps every WebGL context made on an
 * OffscreenCanvas (where TF.js draws in a worker) in `self.webglContexts`, so that the test can
 * take them away.
 */
function keepWebGLContexts() {
  const made: WebGLRenderingContext[] = [];
  const getContext = OffscreenCanvas.prototype.getContext as (this: OffscreenCanvas, ...args: unknown[]) => unknown;
  OffscreenCanvas.prototype.getContext = function (this: OffscreenCanvas, ...args: unknown[]) {
    const context = getContext.apply(this, args);
    if (context && String(args[0]).startsWith('webgl')) made.push(context as WebGLRenderingContext);
    return context;
  } as typeof OffscreenCanvas.prototype.getContext;
  (self as unknown as { webglContexts: WebGLRenderingContext[] }).webglContexts = made;
}

/**
 * Serves the training worker's script with `keepWebGLContexts` in front: the site ships nothing
 * for this test. Everything else about the response (its isolation headers) stays as served.
 */
async function watchWorkerWebGL(page: Page) {
  await page.route(/\/_astro\/trainer\.worker[-.][\w-]+\.js$/, async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    // The body changes, so its length does; Playwright hands it over decoded.
    delete headers['content-length'];
    delete headers['content-encoding'];
    await route.fulfill({ response, headers, body: `(${keepWebGLContexts.toString()})();\n${await response.text()}` });
  });
}

/** What Chromium does when it reclaims the GPU: WEBGL_lose_context on every context the worker holds. */
async function loseWebGL(worker: Worker): Promise<number> {
  return worker.evaluate(() => {
    const contexts = (self as unknown as { webglContexts: WebGLRenderingContext[] }).webglContexts;
    for (const context of contexts) context.getExtension('WEBGL_lose_context')?.loseContext();
    return contexts.length;
  });
}

test('the ResNet-50 preset says it needs a real GPU', async ({ page }) => {
  await page.goto('/lessons/training/');
  await page.getByLabel('model', { exact: true }).selectOption('resnet50');
  await expect(page.getByText(/ResNet-50: the lesson's model, 23\.6 million parameters, on the images resized to 64 × 64 × 3/)).toBeVisible();
  await expect(page.getByText(/It needs a real GPU/)).toBeVisible();
  await page.getByLabel('network', { exact: true }).selectOption('plain');
  await expect(page.getByText(/ResNet-50’s plain twin/)).toBeVisible();
});

test('WebGPU is offered only where the browser has it', async ({ page }) => {
  await page.goto('/lessons/training/');
  const hasGpu = await page.evaluate(() => 'gpu' in navigator);
  const option = page.getByLabel('backend', { exact: true }).getByRole('option', { name: /^WebGPU/ });
  if (hasGpu) await expect(option).toBeEnabled();
  else await expect(option).toHaveText('WebGPU (not offered by this browser)');
  if (!hasGpu) await expect(option).toBeDisabled();
});

test('on the WebGL backend, Tiny trains, holds the same tensors after each epoch, and stops on Stop', async ({ page }) => {
  test.setTimeout(120_000);
  await tinyRun(page, { 'training images': '48', 'batch size': '16', ...UNTIL_STOPPED });
  const { train, stop, status, progress, engine, loss } = trainingLab(page);
  await page.getByLabel('backend', { exact: true }).selectOption('webgl');
  await train.click();
  // Three batches an epoch, for more epochs than the test waits for: Stop once two are in.
  await expect(engine).toContainText(/Tensors after each epoch: \d+, \d+\./, { timeout: 110_000 });
  await stop.click();
  await expect(status).toHaveText('Stopped early; results below are for the model as it was.');
  await expect(engine).toContainText(/^Backend: webgl, in a background thread\./);
  const counts = (await engine.textContent())?.match(/Tensors after each epoch: ([\d, ]+)\./)?.[1]?.split(', ') ?? [];
  expect(counts.length).toBeGreaterThanOrEqual(2);
  expect(new Set(counts).size, `tensors after each epoch: ${counts.join(', ')}`).toBe(1);
  await expect(page.getByText(/Loss after \d+ steps/)).toBeVisible();
  const steps = Number((await page.getByText(/Loss after \d+ steps/).textContent())?.match(/after (\d+) steps/)?.[1]);
  expect(steps).toBeGreaterThanOrEqual(6);
  expect(steps).toBeLessThan(150);
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  await expect(loss.locator('.series.run-line').first()).toHaveAttribute('d', /^M.+L.+L/);
  await expect(train).toBeEnabled();
});

test('when the browser takes the WebGL context away, training stops with a message and can start again', async ({ page }) => {
  test.setTimeout(75_000);
  await watchWorkerWebGL(page);
  // A run that only its end, here the lost context, can stop, however fast the GPU.
  await tinyRun(page, { 'training images': '4000', 'batch size': '8', ...UNTIL_STOPPED });
  const { train, status } = trainingLab(page);
  await page.getByLabel('backend', { exact: true }).selectOption('webgl');
  await train.click();
  await expect(status).toContainText(/Epoch 1 of 50 · batch \d+ of 500/, { timeout: 60_000 });
  const trainer = page.workers().find((w) => w.url().includes('trainer'));
  expect(trainer, 'the training worker').toBeDefined();
  expect(await loseWebGL(trainer!), 'WebGL contexts the worker made').toBeGreaterThan(0);
  await expect(status).toHaveText(
    'The browser took the GPU away (the WebGL context was lost), so training stopped. Press Train to start again, or choose WebAssembly or CPU.',
  );
  await expect(train).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeDisabled();
  // A fresh worker takes the next run.
  await page.getByLabel('backend', { exact: true }).selectOption('wasm');
  await page.getByLabel('training images', { exact: true }).fill('32');
  await page.getByLabel('epochs', { exact: true }).fill('1');
  await train.click();
  await expect(status).toHaveText('Done. Results below.', { timeout: 60_000 });
});

/**
 * The fused optimizer kernels on WebGL, which only a browser has (here SwiftShader, in software).
 * No page of the site trains on WebGL here (the lab picks WASM without a GPU), so the check runs
 * its own bundle (fused-webgl.page.ts) in an empty page: the same optimizers, against TF.js's own.
 */
import type { Comparison } from './fused-webgl.page';
import { expect, test } from './fixtures';
import { bundlePage } from './page-bundle';

// About three times what each takes on two busy cores: up to 7 s a comparison, 23 s the Tiny step.
test.describe.configure({ timeout: 20_000 });

let bundle = '';

test.beforeAll(async () => {
  bundle = await bundlePage(new URL('./fused-webgl.page.ts', import.meta.url));
});

for (const packed of [true, false]) {
  test(`fused Adam and momentum train as the stock optimizers on WebGL (${packed ? 'packed' : 'unpacked'} programs)`, async ({ page }) => {
    await page.setContent('<!doctype html><title>fused optimizers on WebGL</title>');
    await page.addScriptTag({ content: bundle });
    type Compare = (p: boolean) => Promise<{ backend: string; results: Record<string, Comparison> }>;
    const { backend, results } = await page.evaluate((p) => (window as unknown as { compareOnWebGL: Compare }).compareOnWebGL(p), packed);
    expect(backend).toBe('webgl');
    for (const kind of ['adam', 'momentum']) {
      const r = results[kind]!;
      test.info().annotations.push({ type: kind, description: JSON.stringify(r) });
      expect(r.lossDiff, `${kind} losses`).toBeLessThanOrEqual(1e-5);
      expect(r.weightDiff, `${kind} weights`).toBeLessThanOrEqual(1e-5);
      expect(r.kernels.fused, `${kind} kernels`).toBeLessThan(r.kernels.stock);
      expect(r.programs.fused, `${kind} GPU programs`).toBeLessThan(r.programs.stock);
      expect(new Set(r.tensors.slice(1)).size, `${kind} tensors per step`).toBe(1);
      expect(r.freed, `${kind} freed`).toBe(true);
    }
  });
}

test('a Tiny ResNet step on WebGL: fewer kernels and GPU programs with fused Adam, same losses', async ({ page }) => {
  test.setTimeout(75_000);
  await page.setContent('<!doctype html><title>fused optimizers on WebGL</title>');
  await page.addScriptTag({ content: bundle });
  type Step = { kernels: { stock: number; fused: number }; programs: { stock: number; fused: number }; lossDiff: number };
  const r = await page.evaluate(() => (window as unknown as { tinyStepOnWebGL: () => Promise<Step> }).tinyStepOnWebGL());
  test.info().annotations.push({ type: 'tiny', description: JSON.stringify(r) });
  expect(r.kernels.fused).toBeLessThan(r.kernels.stock);
  expect(r.programs.fused).toBeLessThan(r.programs.stock);
  expect(r.lossDiff).toBeLessThanOrEqual(1e-4);
});

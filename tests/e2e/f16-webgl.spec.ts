/**
 * Tiny on WebGL as a GPU with only 16-bit float textures runs it (many phones, some laptops):
 * TF.js is told to render to half floats (WEBGL_FORCE_F16_TEXTURES), here on SwiftShader. Its own
 * bundle (f16-webgl.page.ts) in an empty page, a fresh page per run, since TF.js reads the
 * texture flags when the backend makes its textures.
 */
import type { Browser } from '@playwright/test';
import type { TinyOptions, TinyRun } from './f16-webgl.page';
import { expect, test } from './fixtures';
import { bundlePage } from './page-bundle';

// Each page: a first step of about 8 s (shader compiles), then about 1 s a step, on two busy cores.
test.describe.configure({ timeout: 150_000 });

let bundle = '';

test.beforeAll(async () => {
  bundle = await bundlePage(new URL('./f16-webgl.page.ts', import.meta.url));
});

type Train = (f16: boolean, options?: TinyOptions) => Promise<TinyRun>;

async function trainTiny(browser: Browser, f16: boolean, options: TinyOptions): Promise<TinyRun> {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>Tiny on 16-bit WebGL</title>');
  await page.addScriptTag({ content: bundle });
  const run = await page.evaluate(([h, o]) => (window as unknown as { trainTinyOnWebGL: Train }).trainTinyOnWebGL(h, o), [f16, options] as const);
  await page.close();
  return run;
}

const STEPS = 5;
/**
 * The largest step-by-step loss difference allowed between 16- and 32-bit textures. A loss near
 * 2.5 read back through a half-float texture is rounded to 2⁻⁹ ≈ 0.002; measured here, ours
 * differed by at most 0.0035 over these five steps and 0.008 over twenty. 0.02 leaves room for
 * another GPU's rounding and is still well under a step's own change of the loss (0.05 to 0.1).
 */
const TOLERANCE = 0.02;

test('Tiny trains on a GPU with only 16-bit float textures: our kernels track the 32-bit run', async ({ browser }) => {
  const f32 = await trainTiny(browser, false, { steps: STEPS });
  const f16 = await trainTiny(browser, true, { steps: STEPS });
  // TF.js's own BatchNorm and Adam, for comparison: what is f16's own error and what is ours.
  const stock = await trainTiny(browser, true, { steps: STEPS, bn: 'stock', adam: 'stock' });
  test.info().annotations.push({ type: 'losses', description: JSON.stringify({ f32, f16, stock }) });
  expect([f32.backend, f16.backend]).toEqual(['webgl', 'webgl']);
  expect(f32.float32, '32-bit run renders to float32').toBe(true);
  expect(f16.float32, '16-bit run renders to float16').toBe(false);
  expect(f16.finite, 'every weight finite after the 16-bit run').toBe(true);
  expect(f16.losses).toHaveLength(STEPS);
  const diffs = f16.losses.map((loss, i) => Math.abs(loss - f32.losses[i]!));
  expect(Math.max(...diffs), `loss differences ${diffs.join(', ')}`).toBeLessThanOrEqual(TOLERANCE);
  // Half floats do round: the second moments of the smallest gradients are stored as 0.
  expect(f16.secondMoments.zeros).toBeGreaterThan(0);
  expect(f32.secondMoments.zeros).toBe(0);
});

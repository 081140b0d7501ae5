import type { BnWebGL } from './bn-webgl-page';
import { expect, test } from './fixtures';
import { bundlePage } from './page-bundle';

/**
 * The fused BatchNorm on WebGL, which only a browser has. The checks the unit tests run on cpu
 * and wasm (tests/unit/bn-cases.ts) are bundled with TF.js at test time (esbuild, as Vite uses it)
 * and added to a page of the built site: the same sources the site ships, on the same TF.js and
 * Chromium's WebGL, without a test-only entry in the site. On these machines WebGL runs on
 * SwiftShader, in software, so the run is small: a table of layer shapes and five Tiny steps.
 */

const TOL = 1e-4;

declare global {
  var bnWebGL: BnWebGL;
}

test('fused BatchNorm on WebGL matches TF.js’s own path: outputs, moving statistics, gradients, training', async ({ page }, testInfo) => {
  // About 35 s on two busy cores (bundling, the table of shapes, training, counting): three times that.
  test.setTimeout(120_000);
  const bundle = await bundlePage(new URL('./bn-webgl-page.ts', import.meta.url));
  await page.goto('/');
  await page.addScriptTag({ content: bundle });
  expect(await page.evaluate(() => bnWebGL.start())).toEqual({ backend: 'webgl', fused: true });

  const cases = await page.evaluate(() => bnWebGL.cases);
  for (const [index, name] of cases.entries()) {
    await test.step(name, async () => {
      const result = await page.evaluate((i) => bnWebGL.compare(i), index);
      expect(result.referenceKernels).toEqual(['FusedBatchNorm']);
      expect(result.fusedKernels).toEqual(['ResNetBatchNormTrain', 'ResNetBatchNormTrainGrad']);
      expect(result.leaked).toBe(0);
      for (const [key, diff] of Object.entries(result.diffs)) expect(diff, `${name}: ${key}`).toBeLessThanOrEqual(TOL);
    });
  }

  await test.step('five steps of the Tiny preset, fused and unfused', async () => {
    const { fused, unfused, leaked } = await page.evaluate(() => bnWebGL.train(5));
    expect(leaked).toBe(0);
    expect(fused.losses.every(Number.isFinite)).toBe(true);
    fused.losses.forEach((loss, i) => expect(Math.abs(loss - unfused.losses[i]!), `step ${i + 1}`).toBeLessThanOrEqual(TOL));
    expect(new Set(fused.tensors.slice(1)).size).toBe(1);
    expect(fused.tensors[1]).toBe(fused.tensors[0]);
  });

  await test.step('kernel calls per Tiny step', async () => {
    const counts = await page.evaluate(() => bnWebGL.count('tiny', 2));
    expect(counts.fused).toBeLessThanOrEqual(counts.unfused - 70 * counts.norms);
    testInfo.annotations.push({
      type: 'kernels',
      description: `Tiny on WebGL: ${counts.unfused} → ${counts.fused} per step; top: ${JSON.stringify(counts.top)}`,
    });
  });
});

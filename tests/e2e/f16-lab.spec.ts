/**
 * The training lab on a GPU that renders only 16-bit floats, as many phones' do. The lab trains
 * in a worker, and links cannot set TF.js's flags (the page drops `tfjsflags`: see
 * src/lib/state/page-query.ts), so this test serves the worker's script with two lines in front
 * that tell TF.js, as the worker first asks for a WebGL context, to render to half floats. The
 * site ships nothing for this. Here the renderer is SwiftShader, where 'auto' picks WASM anyway
 * (src/lib/engine/policy.ts, unit-tested with a 16-bit GPU), so the test picks WebGL.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { tinyRun, trainingLab } from './training-lab';

/** Runs in the worker before its own code: half-float textures from the first WebGL context on. */
function forceHalfFloats() {
  const getContext = OffscreenCanvas.prototype.getContext as (this: OffscreenCanvas, ...args: unknown[]) => unknown;
  OffscreenCanvas.prototype.getContext = function (this: OffscreenCanvas, ...args: unknown[]) {
    const env = (globalThis as unknown as { _tfengine?: { ENV: { set(name: string, value: boolean): void } } })._tfengine?.ENV;
    if (env && String(args[0]).startsWith('webgl')) {
      env.set('WEBGL_FORCE_F16_TEXTURES', true);
      env.set('WEBGL_RENDER_FLOAT32_ENABLED', false);
    }
    return getContext.apply(this, args);
  } as typeof OffscreenCanvas.prototype.getContext;
}

async function halfFloatWorker(page: Page) {
  await page.route(/\/_astro\/trainer\.worker[-.][\w-]+\.js$/, async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['content-length'];
    delete headers['content-encoding'];
    await route.fulfill({ response, headers, body: `(${forceHalfFloats.toString()})();\n${await response.text()}` });
  });
}

test('on a GPU with only 16-bit floats, a reader who picks WebGL is warned, and Tiny trains with finite losses', async ({ page }) => {
  // About 10 s of shader compiles and three steps on SwiftShader, on two busy cores.
  test.setTimeout(120_000);
  await halfFloatWorker(page);
  await tinyRun(page);
  const { train, status, engine } = trainingLab(page);
  await page.getByLabel('backend', { exact: true }).selectOption('webgl');
  await train.click();
  await expect(status).toHaveText('Done. Results below.', { timeout: 110_000 });
  await expect(engine).toContainText(/^Backend: webgl, in a background thread\. You chose webgl\. Beware: this GPU renders only 16-bit floats/);
  await expect(engine).toContainText('WebAssembly (WASM) keeps 32-bit floats.');
  const trainer = page.workers().find((w) => w.url().includes('trainer'));
  expect(
    await trainer!.evaluate(() =>
      (globalThis as unknown as { _tfengine: { ENV: { getBool(n: string): boolean } } })._tfengine.ENV.getBool('WEBGL_RENDER_FLOAT32_ENABLED'),
    ),
  ).toBe(false);
  const caption = (await page.getByText(/Loss after \d+ steps/).textContent()) ?? '';
  const loss = Number(caption.match(/training ([\d.]+)/)?.[1]);
  // Ten classes: an untrained model's loss is about ln 10 ≈ 2.3; three steps leave it near there.
  expect(loss, caption).toBeGreaterThan(1);
  expect(loss, caption).toBeLessThan(4);
});

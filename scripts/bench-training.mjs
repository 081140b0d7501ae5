/**
 * The training part of the benchmark: the lab trains a preset on a backend for a few batches of
 * 32, as a reader would start it. The lab reports the first step's time (backend warm-up, shader
 * compiles), images per second after it, and its loop's overhead: the wall time of the steps
 * after the first, against the time spent preparing batches and in `trainOnBatch` — all a bare
 * `trainOnBatch` loop on the same model and backend would spend.
 *
 * While it trains (in its worker), the page's animation frames are timed: the longest gap between
 * two frames says whether the charts and buttons stayed smooth.
 */

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const round = (x) => (x === null ? null : Math.round(x * 100) / 100);

export async function benchTraining(page, baseURL, { preset, backend, batches }) {
  await page.goto(`${baseURL}/lessons/training/`);
  const lab = page.locator('resnet-training-lab');
  await lab.scrollIntoViewIfNeeded();
  await lab.getByLabel('model', { exact: true }).selectOption(preset);
  await lab.getByLabel('backend', { exact: true }).selectOption(backend);
  await lab.getByLabel('batch size', { exact: true }).fill('32');
  await lab.getByLabel('epochs', { exact: true }).fill('1');
  await lab.getByLabel('training images', { exact: true }).fill(String(32 * batches));
  await page.evaluate(() => {
    const gaps = [];
    let last = performance.now();
    const tick = (now) => {
      gaps.push(now - last);
      last = now;
      if (!(/** @type {any} */ (window).stopFrameTimer)) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    /** @type {any} */ (window).frameGaps = gaps;
  });
  await lab.getByRole('button', { name: 'Train' }).click();
  // The figures are known once training ends; testing (slow on a slow backend) is not measured.
  await page.waitForFunction(() => {
    const status = document.querySelector('resnet-training-lab [data-status]');
    return status?.hasAttribute('data-images-per-second') || /could not go on|stopped/i.test(status?.textContent ?? '');
  }, undefined, { timeout: 30 * 60_000, polling: 500 });
  const gaps = await page.evaluate(() => {
    /** @type {any} */ (window).stopFrameTimer = true;
    return /** @type {any} */ (window).frameGaps;
  });
  const status = lab.locator('[data-status]');
  const engine = lab.locator('[data-engine]');
  const threads = await engine.getAttribute('data-threads');
  const number = async (name) => {
    const value = await status.getAttribute(name);
    return value === null ? null : Number(value);
  };
  return {
    preset,
    backend: await engine.getAttribute('data-backend'),
    threads: threads === null ? null : Number(threads),
    batches,
    batchSize: 32,
    firstStepMs: await number('data-first-step-ms'),
    imagesPerSecond: await number('data-images-per-second'),
    labOverheadPercent: await number('data-overhead-percent'),
    pageFrames: { count: gaps.length, medianGapMs: round(percentile(gaps, 0.5)), p99GapMs: round(percentile(gaps, 0.99)), longestGapMs: round(Math.max(0, ...gaps)) },
    outcome: (await status.textContent())?.trim(),
  };
}

#!/usr/bin/env node
/**
 * Benchmarks, in headless Chromium against the built site (run `npm run bench`, which builds first).
 * Prints JSON: each figure with its median over many runs, the machine, the browser and the backend.
 *
 * resnet50Edit: an edit of the ResNet-50 explorer's Height field. `editMedianMs` is the work one
 * edit costs the page: the input event's handlers (re-trace, DOM updates, URL update) plus the
 * style and layout they cause, forced with a read of offsetHeight. That is what must fit in a
 * frame (16 ms). `untilNextFrameMedianMs` also includes waiting for the next vsync, for reference.
 */
import { spawn } from 'node:child_process';
import { cpus, platform, release } from 'node:os';
import { chromium } from '@playwright/test';
import { findChromium } from './chromium.mjs';
import { SOLUTIONS } from './bench-solutions.mjs';

const PORT = 4390;
const RUNS = 100;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x) => Math.round(x * 100) / 100;

async function benchResNet50Edit(page, { summaryOpen }) {
  await page.goto(`http://localhost:${PORT}/lessons/resnet50/`);
  await page.waitForFunction(() => customElements.get('resnet-resnet50-explorer') !== undefined);
  if (summaryOpen) await page.locator('[data-full] summary').click();
  const samples = await page.evaluate(async (runs) => {
    const input = document.querySelector('resnet-resnet50-explorer input[name="H"]');
    const out = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      input.value = String(64 + (i % 32));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = performance.now();
      void document.body.offsetHeight; // style and layout, now rather than at the next frame
      const t2 = performance.now();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      out.push({ handlers: t1 - t0, edit: t2 - t0, frame: performance.now() - t0 });
    }
    return out;
  }, RUNS);
  const warm = samples.slice(10); // the first edits include JIT warm-up
  const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
  return {
    runs: warm.length,
    editMedianMs: round(median(warm.map((s) => s.edit))),
    editP90Ms: round(p90(warm.map((s) => s.edit))),
    handlersMedianMs: round(median(warm.map((s) => s.handlers))),
    untilNextFrameMedianMs: round(median(warm.map((s) => s.frame))),
    withinOneFrame: median(warm.map((s) => s.edit)) <= 16,
  };
}

/**
 * gradeExercise: the reference solution pasted into each code cell and graded, several times.
 * The worker reports its own grading time (TF.js CPU backend in a Web Worker); the round trip
 * adds messaging and rendering.
 */
async function benchGrading(page, id, solution, runs = 3) {
  await page.goto(`http://localhost:${PORT}/lessons/${id}/`);
  await page.locator('resnet-code-cell').scrollIntoViewIfNeeded();
  const editor = page.getByRole('textbox', { name: /^Code cell/ });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(solution);
  const worker = [];
  const roundTrip = [];
  for (let i = 0; i < runs; i++) {
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Run checks' }).click();
    await page.getByText('All checks passed').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Run checks' }).waitFor({ state: 'visible' });
    await page.waitForFunction(() => !document.querySelector('resnet-code-cell [data-run]')?.hasAttribute('disabled'));
    roundTrip.push(Date.now() - t0);
    worker.push(Number(await page.locator('resnet-code-cell [data-status]').getAttribute('data-ms')));
  }
  return { runs, firstRunMs: worker[0], workerMedianMs: round(median(worker)), roundTripMedianMs: round(median(roundTrip)), backend: await page.locator('resnet-code-cell [data-status]').getAttribute('data-backend') };
}

/**
 * training: the lab trains a preset on a backend for a few batches of 32; the lab reports the
 * first step's time (backend warm-up, shader compiles), images per second after it, and its
 * loop's overhead over the time a bare trainOnBatch loop spends (batch preparation + trainOnBatch).
 */
async function benchTraining(page, preset, backend, batches) {
  await page.goto(`http://localhost:${PORT}/lessons/training/`);
  const lab = page.locator('resnet-training-lab');
  await lab.getByLabel('model', { exact: true }).selectOption(preset);
  await lab.getByLabel('backend', { exact: true }).selectOption(backend);
  await lab.getByLabel('batch size', { exact: true }).fill('32');
  await lab.getByLabel('epochs', { exact: true }).fill('1');
  await lab.getByLabel('training images', { exact: true }).fill(String(32 * batches));
  await lab.getByRole('button', { name: 'Train' }).click();
  await lab.getByText(/Done\. Results below\.|could not go on|stopped/).waitFor({ timeout: 30 * 60_000 });
  const status = lab.locator('[data-status]');
  const used = await lab.locator('[data-engine]').getAttribute('data-backend');
  return {
    preset,
    backend: used,
    batches,
    batchSize: 32,
    firstStepMs: Number(await status.getAttribute('data-first-step-ms')),
    imagesPerSecond: Number(await status.getAttribute('data-images-per-second')),
    labOverheadPercent: Number(await status.getAttribute('data-overhead-percent')),
  };
}

/** Which runs to make: BENCH_TRAINING="tiny:wasm:8,small:wasm:4" (preset:backend:batches). */
const TRAINING = (process.env.BENCH_TRAINING ?? 'tiny:wasm:10,tiny:webgl:6,tiny:cpu:4,small:wasm:4')
  .split(',')
  .map((run) => run.split(':'))
  .map(([preset, backend, batches]) => ({ preset, backend, batches: Number(batches) }));

const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(PORT)], { stdio: 'ignore' });
await new Promise((resolve) => setTimeout(resolve, 500));
const executablePath = findChromium();
const browser = await chromium.launch({
  executablePath: executablePath ?? undefined,
  args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--ignore-gpu-blocklist', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage();
  const report = {
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, os: `${platform()} ${release()}` },
    browser: `Chromium ${browser.version()} (headless)`,
    resnet50Edit: { backend: 'none: the shape trace is plain arithmetic, TF.js is not loaded', ...(await benchResNet50Edit(page, { summaryOpen: false })) },
    resnet50EditWithFullSummaryOpen: await benchResNet50Edit(page, { summaryOpen: true }),
    grading: {},
  };
  for (const id of ['identity-block', 'convolutional-block', 'resnet50']) report.grading[id] = await benchGrading(page, id, SOLUTIONS[id]);
  report.training = [];
  for (const run of TRAINING) report.training.push(await benchTraining(page, run.preset, run.backend, run.batches));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  await browser.close();
  server.kill();
}

#!/usr/bin/env node
/**
 * The performance report: `npm run bench` (which builds first) measures the built site in
 * headless Chromium and writes bench/report.json and a readable bench/report.md. CI does not run
 * it: its figures are timings, which belong to the machine they were taken on, and each names it.
 *
 *   BENCH_ONLY=pages,explorer,grading,keras,notebook,threads,versus,profile,anchor,labrun,degradation,landscape,recipe,training   which sections (default: all)
 *   BENCH_TRAINING="tiny:wasm:60,small:wasm:20"          training runs, preset:backend:batches
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { chromium } from '@playwright/test';
import { findChromium, QUIET_FLAGS, SOFTWARE_GL_FLAGS } from './chromium.mjs';
import { SOLUTIONS } from './bench-solutions.mjs';
import { benchGrading, benchKeras, benchResNet50Edit } from './bench-components.mjs';
import { benchDefaultRun, benchRecipe, benchTraining } from './bench-training.mjs';
import { benchNotebookFit } from './bench-notebook.mjs';
import { benchDegradation, benchLandscape } from './bench-landscape.mjs';
import { ratioToTorch, torchAnchor } from './bench-anchor.mjs';
import { benchVersusTorch, profileStep } from './bench-versus.mjs';
import { toMarkdown } from './bench-report.mjs';

const PORT = 4390;
const SECTIONS = new Set(
  (process.env.BENCH_ONLY ?? 'pages,explorer,grading,keras,notebook,threads,versus,profile,anchor,labrun,degradation,landscape,recipe,training').split(','),
);
const TRAINING = (process.env.BENCH_TRAINING ?? 'tiny:wasm:60,tiny:cpu:4,small:wasm:20,small:cpu:2,tiny:webgl:6,small:webgl:3')
  .split(',')
  .map((run) => run.split(':'))
  .map(([preset, backend, batches]) => ({ preset, backend, batches: Number(batches) }));

/** Serves dist/ on `port`; `isolated: false` leaves out COOP/COEP, as a plain static host would. */
async function serve(port, isolated) {
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(port), ...(isolated ? [] : ['--no-isolation'])], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    if (
      await fetch(`http://localhost:${port}/`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return server;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error(`the site server did not start on port ${port}`);
}

const log = (text) => process.stderr.write(`bench: ${text}\n`);
const servers = [await serve(PORT, true), await serve(PORT + 1, false)];
const isolatedURL = `http://localhost:${PORT}`;
const plainURL = `http://localhost:${PORT + 1}`;
// Two browsers. Without a GPU, Chromium as it starts composites pages on the CPU and offers no
// WebGL; the flags that turn SwiftShader on give WebGL, but also draw the page itself through
// software GL, which on two cores took up to a third of the WASM lab's speed. So WebGL runs get
// the flags and everything else runs in Chromium as a reader without a GPU has it.
const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: QUIET_FLAGS });
const swiftShader = await chromium.launch({
  executablePath: findChromium() ?? undefined,
  args: [...QUIET_FLAGS, ...SOFTWARE_GL_FLAGS],
});
try {
  const report = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      os: `${platform()} ${release()}`,
      node: process.version,
    },
    browser: `Chromium ${browser.version()} (headless, as it starts without a GPU: pages composited on the CPU; for the WebGL runs, WebGL on SwiftShader, in software)`,
  };
  const page = await browser.newPage();
  const webglPage = await swiftShader.newPage();
  if (SECTIONS.has('pages')) {
    log('page weight and time to the first live component');
    const { measurePages, PAGES } = await import('./page-weight.mjs');
    report.pages = await measurePages(browser, isolatedURL, PAGES);
  }
  if (SECTIONS.has('explorer')) {
    log('ResNet-50 explorer edits');
    report.resnet50Edit = {
      backend: 'none: the shape trace is plain arithmetic, TF.js is not loaded',
      ...(await benchResNet50Edit(page, isolatedURL, { summaryOpen: false })),
    };
    report.resnet50EditWithFullSummaryOpen = await benchResNet50Edit(page, isolatedURL, { summaryOpen: true });
  }
  if (SECTIONS.has('grading')) {
    report.grading = {};
    for (const id of ['identity-block', 'convolutional-block', 'resnet50']) {
      log(`grading ${id}`);
      report.grading[id] = await benchGrading(page, isolatedURL, id, SOLUTIONS[id]);
    }
  }
  if (SECTIONS.has('keras')) {
    // One browser context for the three pages: the first downloads Python, the others find it cached.
    const context = await browser.newContext();
    report.keras = {};
    for (const id of ['identity-block', 'convolutional-block', 'resnet50']) {
      log(`Keras grading ${id}`);
      report.keras[id] = await benchKeras(context, isolatedURL, id);
    }
    await context.close();
  }
  if (SECTIONS.has('notebook')) {
    // Keras's fit and TF.js's model.fit in a cell, then the lab, on the same model, data and backend:
    // the order alternates twice, so a machine that slows down mid-run weighs on both alike.
    const batches = 40;
    const context = await browser.newContext();
    const runs = { keras: [], tfjs: [], lab: [] };
    for (let round = 0; round < 2; round++) {
      for (const language of ['keras', 'tfjs']) {
        log(`fit in a ${language} notebook cell, Tiny, ${batches} batches (round ${round + 1})`);
        runs[language].push(await benchNotebookFit(context, isolatedURL, { language, batches }));
      }
      log(`the lab, Tiny on WASM, ${batches} batches (round ${round + 1})`);
      runs.lab.push(await benchTraining(page, isolatedURL, { preset: 'tiny', backend: 'wasm', batches }));
    }
    await context.close();
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
    const lab = median(runs.lab.map((r) => r.imagesPerSecond));
    report.notebook = {
      batches,
      backend: runs.lab[0]?.backend,
      labImagesPerSecond: lab,
      ...Object.fromEntries(
        ['keras', 'tfjs'].map((language) => {
          const rate = median(runs[language].map((r) => r.imagesPerSecond));
          return [language, { imagesPerSecond: rate, runs: runs[language].map((r) => r.imagesPerSecond), ratioToLab: Math.round((100 * rate) / lab) / 100 }];
        }),
      ),
    };
  }
  if (SECTIONS.has('threads')) {
    // The same run with and without cross-origin isolation: WebAssembly's threads need it.
    // Enough batches for the JIT to settle: Small's first five ran some 20 % slower than later ones.
    const run = { preset: 'small', backend: 'wasm', batches: 20 };
    log('WebAssembly with and without threads');
    const withThreads = await benchTraining(page, isolatedURL, run);
    // Service workers blocked: the site's own would isolate this page too (see isolation-worker.ts).
    const plainContext = await browser.newContext({ serviceWorkers: 'block' });
    const withoutThreads = await benchTraining(await plainContext.newPage(), plainURL, run);
    await plainContext.close();
    report.threads = { withThreads, withoutThreads, speedup: Math.round((100 * withThreads.imagesPerSecond) / withoutThreads.imagesPerSecond) / 100 };
  }
  if (SECTIONS.has('versus')) report.versus = await benchVersusTorch(page, isolatedURL, { threads: Math.min(2, cpus().length), log });
  if (SECTIONS.has('profile')) {
    log('kernel families of a WASM step (npm run profile)');
    report.profile = profileStep();
  }
  if (SECTIONS.has('labrun')) {
    log("the lab's default run, Train to test accuracy");
    report.defaultRun = await benchDefaultRun(page, isolatedURL);
  }
  if (SECTIONS.has('degradation')) {
    log('the degradation experiment at its defaults');
    report.degradation = await benchDegradation(page, isolatedURL);
  }
  if (SECTIONS.has('landscape')) {
    log('the loss-landscape figure at its defaults');
    report.landscape = await benchLandscape(page, isolatedURL);
  }
  if (SECTIONS.has('recipe')) {
    log('the drawing recipe, click to test accuracy');
    report.recipe = await benchRecipe(page, isolatedURL);
  }
  // PyTorch on the same CPU, right before the lab's own runs, so their ratio is taken together.
  if (SECTIONS.has('anchor')) {
    log('PyTorch anchor (scripts/anchors/torch_presets.py)');
    report.anchor = torchAnchor(Math.min(2, cpus().length));
  }
  // WebGL runs last: work a WebGL page leaves queued on the (software) GPU can outlive the page.
  if (SECTIONS.has('training')) {
    report.training = [];
    for (const run of TRAINING) {
      log(`training ${run.preset} on ${run.backend}, ${run.batches} batches`);
      const result = await benchTraining(run.backend === 'webgl' ? webglPage : page, isolatedURL, run);
      report.training.push({ ...result, ratioToTorch: ratioToTorch(report.anchor, run.preset, result.imagesPerSecond) });
    }
  }
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/report.json', `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync('bench/report.md', toMarkdown(report));
  process.stdout.write(toMarkdown(report));
  log('wrote bench/report.json and bench/report.md');
} finally {
  await Promise.all([browser.close(), swiftShader.close()]);
  for (const server of servers) server.kill();
}

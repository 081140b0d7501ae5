/** Turns the benchmark's JSON into bench/report.md: the same figures, as tables a person reads. */
import { versusMarkdown } from './bench-versus.mjs';

const n = (x, digits = 1) =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : Number(x).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const kb = (bytes) => (bytes === null || bytes === undefined ? '—' : `${n(bytes / 1024)} KB`);
const table = (head, rows) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function pages(report) {
  if (!report.pages) return [];
  const libraries = (w) => (w?.libraries?.length ? ` (${w.libraries.join(', ')})` : '');
  const rows = report.pages.map((p) => [
    `\`${p.path}\``,
    `${kb(p.initial?.gzipBytes)}${libraries(p.initial)}`,
    `${kb(p.scrolled?.gzipBytes)}${libraries(p.scrolled)}`,
    p.firstLive ? `${n(p.firstLive.readyMs, 0)} ms (\`${p.firstLive.tag}\`)` : 'no live component',
  ]);
  return [
    '## Pages',
    'JavaScript each page downloads (gzip, with the heavy libraries among it): on load, before the reader scrolls — all a reader of the text needs — and after scrolling through the whole page, when every live component has loaded TF.js, D3 or the editor (workers included). Then the time from navigation until the first live component is ready, scrolled to at once. Budget for a text-only page: 100 KB.',
    '',
    table(['page', 'JS on load', 'JS after scrolling', 'first live component interactive'], rows),
  ];
}

function explorer(report) {
  if (!report.resnet50Edit) return [];
  const e = report.resnet50Edit;
  const s = report.resnet50EditWithFullSummaryOpen;
  return [
    '## ResNet-50 explorer: one edit of Height',
    `Event handlers, re-trace, DOM and URL updates, style and layout; median of ${e.runs} edits. Backend: ${e.backend}. Budget: 16 ms.`,
    '',
    table(
      ['', 'median', 'p90', 'until the next frame'],
      [
        ['summary closed', `${n(e.editMedianMs)} ms`, `${n(e.editP90Ms)} ms`, `${n(e.untilNextFrameMedianMs)} ms`],
        ...(s ? [['177-row summary open', `${n(s.editMedianMs)} ms`, `${n(s.editP90Ms)} ms`, `${n(s.untilNextFrameMedianMs)} ms`]] : []),
      ],
    ),
  ];
}

function grading(report) {
  if (!report.grading) return [];
  const rows = Object.entries(report.grading).map(([id, g]) => [
    id,
    g.backend ?? '—',
    `${n(g.firstRunMs, 0)} ms`,
    `${n(g.workerMedianMs, 0)} ms`,
    `${n(g.roundTripMedianMs, 0)} ms`,
  ]);
  return [
    '## Grading an exercise (reference solution, in the grader worker)',
    'Budget: under 2 s.',
    '',
    table(['exercise', 'backend', 'first run', 'median', 'median, click to result'], rows),
  ];
}

function keras(report) {
  if (!report.keras) return [];
  const rows = Object.entries(report.keras).map(([id, k], i) => [
    id,
    i === 0 ? `${n(k.pythonReadyMs / 1000, 1)} s (${n(k.pyodideMB, 1)} MB, empty cache)` : `${n(k.pythonReadyMs / 1000, 1)} s (browser cache)`,
    `${n(k.firstRunMs, 0)} ms`,
    `${n(k.laterMedianMs, 0)} ms`,
    `${n(k.roundTripMedianMs, 0)} ms`,
  ]);
  return [
    '## Grading a Keras cell (Python in Pyodide, building TF.js layers, in its own worker)',
    `From picking Keras to Python ready, then the reference solution graded ${report.keras['identity-block']?.runs ?? 4} times. Backend: ${Object.values(report.keras)[0]?.backend ?? '—'}. Budget for later runs: under 2 s.`,
    '',
    table(['exercise', 'Python ready', 'first run', 'later runs, median', 'median, click to result'], rows),
  ];
}

function notebook(report) {
  const nb = report.notebook;
  if (!nb) return [];
  const row = (name, r) => [name, `${n(r.imagesPerSecond, 1)}`, r.runs.map((x) => n(x, 1)).join(', '), `${n(r.ratioToLab, 2)}×`];
  return [
    '## fit in a notebook cell, against the training lab',
    `The Tiny preset, ${nb.batches} batches of 32 after a warm-up batch, on the backend the lab picks (${nb.backend ?? '—'}); the lab trains the same in the same run, ${n(nb.labImagesPerSecond, 1)} images/s (median of 2). Goal: within 10 % of the lab.`,
    '',
    table(['cell', 'images/s (median)', 'runs', 'vs the lab'], [row('Keras model.fit', nb.keras), row('TF.js model.fit + course.fitCallbacks()', nb.tfjs)]),
  ];
}

const trainingRow = (t) => [
  t.preset,
  `${t.backend ?? '—'}${t.threads ? ` (${t.threads} thread${t.threads === 1 ? '' : 's'})` : ''}`,
  String(t.batches),
  `${n(t.firstStepMs / 1000, 2)} s`,
  n(t.imagesPerSecond),
  `${n(t.labOverheadPercent)} %`,
  n(t.kernelsPerStep, 0),
  t.ratioToTorch === null || t.ratioToTorch === undefined ? '—' : `${n(t.ratioToTorch, 3)}×`,
  `${n(t.pageFrames?.medianGapMs)} / ${n(t.pageFrames?.longestGapMs, 0)} ms`,
  `${n(t.pageThreadLongestStallMs, 0)} ms`,
];
const TRAINING_HEAD = [
  'preset',
  'backend',
  'batches of 32',
  'first step',
  'images/s',
  'lab overhead',
  'kernels per step',
  'vs PyTorch',
  'frame gap, median / longest',
  "page thread's longest stall",
];

function training(report) {
  const out = [];
  if (report.training) {
    out.push(
      '## Training in the lab',
      "Images per second after the first step (which includes backend start-up and shader compiles). Lab overhead: wall time of the steps after the first, against the time spent preparing batches and in `trainOnBatch`, which a bare loop on the same model and backend also spends (budget 5 %). Training runs in a worker; the page's frame gaps (16.7 ms is every frame) and the longest stall of its own thread (a 10 ms timer) show whether it stayed smooth meanwhile, from Train until training ends. Those two clocks come from a second run of the same settings: they make headless Chromium draw every frame, in software, which on two cores slowed training by up to a third, so the speed comes from a run without them. On software WebGL the browser draws the page and runs the worker's WebGL on the same GPU thread, so frames can wait for a step while the page's thread is free; with a real GPU they do not.",
      '',
      table(TRAINING_HEAD, report.training.map(trainingRow)),
      '',
      anchorLine(report.anchor),
      'Kernels per step: the kernels TF.js ran for the second training step (each is a dispatch; budget 650 for Tiny and 1,500 for Small). Tiny has no identity blocks here, Small one per stage, as in the presets and in PyTorch.',
    );
  }
  if (report.defaultRun) {
    const d = report.defaultRun;
    out.push(
      '',
      "## The lab's default run",
      `${d.settings}, on ${d.backend}: ${n(d.trainToTestAccuracyMs / 1000)} s from Train until the test accuracy shows (data, training and testing), ${n(d.testAccuracyPercent)} % on the test images. Budget: 25 s on a 2-core machine.`,
    );
  }
  if (report.recipe) {
    const r = report.recipe;
    out.push(
      '',
      '## The drawing recipe',
      `"Train a model for drawing" on ${r.backend} (${r.threads} thread${r.threads === 1 ? '' : 's'}): ${r.settings} ${n(r.clickToTestAccuracyMs / 1000)} s from the click until the test accuracy shows (data, training and testing), ${n(r.imagesPerSecond, 0)} images/s after a first step of ${n(r.firstStepMs)} ms; **${n(r.testAccuracyPercent)} %** on the 1,000 MNIST test digits. Goal: at least 97 % in about 30 s on two cores.`,
    );
  }
  if (report.threads) {
    const t = report.threads;
    out.push(
      '',
      '## WebAssembly threads',
      `The same run served with and without the cross-origin isolation headers (COOP/COEP), which WebAssembly's threads need: ${n(t.speedup, 2)}× the images per second with them.` +
        (t.withThreads.threads === 1
          ? ` TF.js's WebAssembly backend uses half the logical cores (it assumes two per physical core), so with ${report.machine.cpus} here it runs one thread either way: the headers pay off on machines with four or more.`
          : ''),
      '',
      table(TRAINING_HEAD, [trainingRow(t.withThreads), trainingRow(t.withoutThreads)]),
    );
  }
  return out;
}

/** The loss-landscape figure (scripts/bench-landscape.mjs): its wall time and roughness ratio. */
function landscape(report) {
  const d = report.degradation;
  const degradation = d
    ? [
        '## The degradation experiment',
        `Four networks at ${d.settings}: ${n(d.wallMs / 1000)} s from pressing Run until done. Goal: 12 s on a 2-core machine.`,
        '',
      ]
    : [];
  const l = report.landscape;
  if (!l) return degradation;
  return [
    ...degradation,
    '## The loss landscape',
    `${l.titles.join(' and ')}, ${l.settings}: ${n(l.wallMs / 1000)} s from pressing the button until both maps are drawn (${n(l.workerSeconds)} s in the worker). ` +
      `Roughness ${n(l.roughness.plain, 4)} (plain) and ${n(l.roughness.resnet, 4)} (ResNet): a ratio of ${n(l.ratio, 2)}. Budget: 30 s on a 2-core machine.`,
  ];
}

function anchorLine(anchor) {
  if (!anchor) return 'vs PyTorch: not measured in this run.';
  const figures = Object.entries(anchor.presets)
    .map(([preset, p]) => `${preset} ${n(p.msPerStep)} ms/step (${n(p.imagesPerSecond, 0)} images/s)`)
    .join(', ');
  const when = anchor.measured ? `the median of ${anchor.runs} runs of it, measured in this run, just before the lab` : anchor.why;
  return `vs PyTorch: the lab's images/s over PyTorch ${anchor.torch}'s on the same CPU with ${anchor.threads} threads, batch 32, Adam (\`scripts/anchors/torch_presets.py\`): ${figures}; ${when}. Goal: 0.6× on WASM (stretch 0.75×); the interleaved section above gives the ratio with its spread.`;
}

export function toMarkdown(report) {
  const m = report.machine;
  return [
    '# Performance report',
    '',
    `Measured ${report.generatedAt.slice(0, 10)} with \`npm run bench\` on ${m.cpus} × ${m.cpu}, ${m.memoryGB} GB, ${m.os}, Node ${m.node}; ${report.browser}. There is no GPU here: WebGL runs in software, about a hundred times slower than a real GPU.`,
    '',
    ...[pages, explorer, grading, keras, notebook, versusMarkdown, training, landscape].flatMap((section) => {
      const lines = section(report);
      return lines.length ? [...lines, ''] : [];
    }),
  ].join('\n');
}

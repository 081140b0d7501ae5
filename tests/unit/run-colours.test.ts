import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { pickColour, RUN_PALETTE } from '../../src/lib/charts/run-colours';
import { datasetName, runSeries } from '../../src/lib/train/run-series';
import { contrastRatio, deltaE } from '../../src/lib/color/contrast';
import type { LabParams } from '../../src/lib/train/lab-params';
import { MAX_RUNS, RunLog } from '../../src/lib/train/runs';

/** Starlight 0.37's backgrounds and panels (style/props.css), in each theme. */
const BACKGROUNDS = {
  'dark bg': 'hsl(224, 10%, 10%)',
  'dark panel': 'hsl(224, 14%, 16%)',
  'light bg': 'hsl(0, 0%, 100%)',
  'light panel': 'hsl(224, 19%, 97%)',
};

const params = (over: Partial<LabParams> = {}): LabParams => ({
  dataset: 'fashion-mnist',
  preset: 'tiny',
  residual: true,
  optimizer: 'adam',
  lr: 0.003,
  batch: 32,
  epochs: 1,
  trainSize: 96,
  depth: 1,
  width: 1,
  backend: 'wasm',
  ...over,
});

describe.each(RUN_PALETTE.map((c, i) => [i, c.name, c.css] as const))('colour %i (%s, %s)', (_, __, css) => {
  test.each(Object.entries(BACKGROUNDS))('stands 3:1 against the %s', (___, bg) => {
    expect(contrastRatio(css, bg)).toBeGreaterThanOrEqual(3);
  });
});

test('any two colours are distinct hues, at least 25 apart in CIELAB', () => {
  const pairs = RUN_PALETTE.flatMap((a, i) => RUN_PALETTE.slice(i + 1).map((b) => [a, b] as const));
  expect(pairs).toHaveLength(28);
  for (const [a, b] of pairs) expect(deltaE(a.css, b.css), `${a.name} and ${b.name}`).toBeGreaterThanOrEqual(25);
});

test('ΔE*ab: hand-checked values', () => {
  // Black to white is the whole lightness range; pure red to black is red's own L*a*b* length.
  expect(deltaE('#000000', '#ffffff')).toBeCloseTo(100, 1);
  expect(deltaE('#ff0000', '#000000')).toBeCloseTo(Math.hypot(53.24, 80.09, 67.2), 0);
  expect(deltaE('#3b6fe8', '#3b6fe8')).toBe(0);
});

test("the lab's stylesheet gives class run-<i> the palette's colour i", () => {
  const css = readFileSync(new URL('../../src/components/train/lab.css', import.meta.url), 'utf8');
  const rules = [...css.matchAll(/\.line-chart \.run-(\d+) \{\s*--run: (#[0-9a-f]{6});/g)].map((m) => [Number(m[1]), m[2]]);
  expect(rules).toEqual(RUN_PALETTE.map((c, i) => [i, c.css]));
});

test('a new run takes the first colour no kept run holds', () => {
  expect(pickColour([])).toBe(0);
  expect(pickColour([0, 1, 3])).toBe(2);
  expect(pickColour([7, 6, 5, 4, 3, 2, 1, 0])).toBeUndefined();
});

test('kept runs never share a colour; a colour comes back only once its run is deleted or dropped', () => {
  const log = new RunLog();
  const runs = Array.from({ length: 3 }, () => log.add(params()));
  for (const r of runs) log.finish(r.id, 'done');
  expect(runs.map((r) => r.colour)).toEqual([0, 1, 2]);
  // Hiding a run keeps its colour held.
  log.setVisible(runs[0]!.id, false);
  expect(log.add(params()).colour).toBe(3);
  log.remove(runs[1]!.id);
  expect(log.add(params()).colour).toBe(1);
  // Filling the log: past MAX_RUNS the oldest finished run (id 1, colour 0) makes room.
  for (const r of log.list()) log.finish(r.id, 'done');
  while (log.list().length < MAX_RUNS) log.finish(log.add(params()).id, 'done');
  const colours = log.list().map((r) => r.colour);
  expect(new Set(colours).size).toBe(MAX_RUNS);
  const next = log.add(params());
  expect(log.get(1)).toBeUndefined();
  expect(next.colour).toBe(0);
  expect(new Set(log.list().map((r) => r.colour)).size).toBe(MAX_RUNS);
});

test('each run draws a training line and validation dots, both named in the legend', () => {
  const log = new RunLog();
  const a = log.add(params());
  const b = log.add(params({ residual: false }));
  a.curves.trainLoss.push({ x: 1, y: 2 });
  b.curves.validationLoss.push({ x: 3, y: 1.5 });
  const series = runSeries(log.list(), (c) => [c.trainLoss, c.validationLoss]);
  expect(series.map((s) => [s.key, s.label, s.className, s.markers ?? false, s.legend ?? true])).toEqual([
    ['1-train', '1. ResNet · Tiny, depth 1: training', 'run run-0 residual run-line', false, true],
    ['1-validation', '1. ResNet · Tiny, depth 1: validation', 'run run-0 residual run-points', true, true],
    ['2-train', '2. Plain · Tiny, depth 1: training', 'run run-1 plain run-line', false, true],
    ['2-validation', '2. Plain · Tiny, depth 1: validation', 'run run-1 plain run-points', true, true],
  ]);
  expect(series[0]!.points).toBe(a.curves.trainLoss);
  expect(series[3]!.points).toBe(b.curves.validationLoss);
});

test('runs on different datasets are named by dataset, and MNIST runs draw their own dash', () => {
  const log = new RunLog();
  log.add(params());
  log.add(params({ dataset: 'mnist' }));
  const labels = runSeries(log.list(), (c) => [c.trainLoss, c.validationLoss]).map((s) => `${s.label} | ${s.className}`);
  expect(labels).toEqual([
    '1. ResNet · Tiny, depth 1 (Fashion-MNIST): training | run run-0 residual run-line',
    '1. ResNet · Tiny, depth 1 (Fashion-MNIST): validation | run run-0 residual run-points',
    '2. ResNet · Tiny, depth 1 (MNIST): training | run run-1 residual digits run-line',
    '2. ResNet · Tiny, depth 1 (MNIST): validation | run run-1 residual digits run-points',
  ]);
  expect(datasetName('fashion-mnist-large')).toBe('Fashion-MNIST, large');
  expect(datasetName('cifar')).toBe('cifar');
});

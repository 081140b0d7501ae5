import { describe, expect, test } from 'vitest';
import type { LabParams } from '../../src/lib/train/lab-params';
import { decodeRuns, encodeRuns, MAX_STORED_CHARS, packCurve, RUN_STORE_VERSION } from '../../src/lib/train/run-store';
import { MAX_RUNS, RunLog, type Point } from '../../src/lib/train/runs';

const params = (residual: boolean, extra: Partial<LabParams> = {}): LabParams => ({
  dataset: 'mnist',
  preset: 'tiny',
  residual,
  optimizer: 'sgd',
  lr: 0.01,
  batch: 16,
  epochs: 1,
  trainSize: 64,
  depth: 2,
  width: 1,
  backend: 'wasm',
  ...extra,
});

const line = (n: number, y = (i: number) => 2.3 - i / 100): Point[] => Array.from({ length: n }, (_, i) => ({ x: i + 1, y: y(i) }));

/** Two runs as the lab leaves them: one finished and renamed, hidden; one still training. */
function session() {
  const log = new RunLog();
  const done = log.add(params(true, { seed: 7 }));
  done.curves.trainLoss.push(...line(4));
  done.curves.validationAccuracy.push({ x: 4, y: 0.625 });
  log.finish(done.id, 'done', 0.8125);
  log.rename(done.id, 'first try');
  log.setVisible(done.id, false);
  const running = log.add(params(false));
  running.curves.trainLoss.push({ x: 1, y: 2.302585093 }, { x: 2, y: Number.NaN });
  return log;
}

test('runs round-trip: names, settings, curves, results and shown or hidden', () => {
  const log = session();
  const back = decodeRuns(encodeRuns({ runs: log.list(), next: log.nextId() }));
  expect(back?.next).toBe(3);
  const [done, left] = back!.runs;
  // The settings come back through the form's own checks, which fill in the schedule's default.
  expect(done).toEqual({ ...log.get(1), params: { ...log.get(1)!.params, schedule: 'constant' }, curves: { ...log.get(1)!.curves } });
  expect(done).toMatchObject({ name: 'first try', visible: false, status: 'done', testAccuracy: 0.8125, params: { seed: 7, optimizer: 'sgd', depth: 2 } });
  expect(done!.curves.trainLoss).toEqual([
    { x: 1, y: 2.3 },
    { x: 2, y: 2.29 },
    { x: 3, y: 2.28 },
    { x: 4, y: 2.27 },
  ]);
  expect(done!.left).toBeUndefined();
  // The run that was training is stopped where it was, its numbers rounded to six digits, NaN kept.
  expect(left).toMatchObject({ id: 2, name: '2. Plain · Tiny, depth 2', status: 'stopped', left: true, visible: true });
  expect(left!.params.residual).toBe(false);
  expect(left!.curves.trainLoss[0]).toEqual({ x: 1, y: 2.30259 });
  expect(left!.curves.trainLoss[1]!.y).toBeNaN();
});

test('a restored log numbers its next run after the stored ones', () => {
  const back = decodeRuns(encodeRuns({ runs: session().list(), next: 3 }))!;
  const log = new RunLog();
  log.restore(back.runs, back.next);
  expect(log.add(params(true)).name).toBe('3. ResNet · Tiny, depth 2');
  expect(log.list().map((r) => r.id)).toEqual([1, 2, 3]);
});

test('long curves are thinned to at most a thousand points, keeping the first and the last', () => {
  const packed = packCurve(line(2501));
  // Every third point (2,501 / 1,000 rounded up): indices 0, 3, …, 2,499 (834 points), then the last, 2,500.
  expect(packed.length).toBe(2 * 835);
  expect(packed.slice(0, 2)).toEqual([1, 2.3]);
  expect(packed.slice(-4)).toEqual([2500, -22.69, 2501, -22.7]);
  expect(() => packCurve(line(3), 1)).toThrow(/max must be a whole number of at least 2, got 1/);
});

test('past the size cap, curves thin further, then the oldest runs make room', () => {
  const log = new RunLog();
  for (let i = 0; i < MAX_RUNS; i++) {
    const run = log.add(params(i % 2 === 0));
    for (const key of ['trainLoss', 'trainAccuracy', 'validationLoss', 'validationAccuracy'] as const)
      run.curves[key].push(...line(20_000, (j) => 1 + Math.sin(j) / 3));
    log.finish(run.id, 'done');
  }
  const stored = { runs: log.list(), next: log.nextId() };
  // Eight long runs fit under the cap at 1,000 points a curve.
  expect(MAX_RUNS).toBe(8);
  const whole = decodeRuns(encodeRuns(stored)!)!;
  expect(whole.runs[0]!.curves.trainLoss).toHaveLength(1000);
  // Under a cap of 300,000 they fit at 500.
  const text = encodeRuns(stored, 300_000)!;
  expect(text.length).toBeLessThanOrEqual(300_000);
  expect(MAX_STORED_CHARS).toBeGreaterThan(300_000);
  const back = decodeRuns(text)!;
  expect(back.runs.map((r) => r.id)).toEqual(log.list().map((r) => r.id));
  expect(back.runs[0]!.curves.trainLoss).toHaveLength(500);
  expect(back.runs[0]!.curves.trainLoss.at(-1)!.x).toBe(20_000);
  // Under a cap that holds only two runs at 100 points a curve, the newest two are kept.
  const two = decodeRuns(encodeRuns(stored, 15_000))!;
  expect(two.runs.map((r) => r.id)).toEqual([7, 8]);
  expect(two.runs[0]!.curves.validationLoss).toHaveLength(100);
  expect(encodeRuns(stored, 100)).toBeUndefined();
});

describe('bad or old records read as no runs, without an exception', () => {
  const good = JSON.parse(encodeRuns({ runs: session().list(), next: 3 })!);
  const edit = (change: (record: typeof good) => void) => {
    const copy = structuredClone(good);
    change(copy);
    return JSON.stringify(copy);
  };
  test.each([
    ['nothing stored', null],
    ['empty text', ''],
    ['not JSON', '{"version": 1, "runs": ['],
    ['JSON of another kind', '[1, 2, 3]'],
    ['an older version', edit((r) => (r.version = RUN_STORE_VERSION - 1))],
    ['a newer version', edit((r) => (r.version = RUN_STORE_VERSION + 1))],
    ['settings that no longer parse', edit((r) => (r.runs[0].params.lr = '7'))],
    ['a dataset the lab no longer has', edit((r) => (r.runs[0].params.dataset = 'cifar'))],
    ['a status the lab does not know', edit((r) => (r.runs[1].status = 'paused'))],
    ['an empty name', edit((r) => (r.runs[0].name = '   '))],
    ['a test accuracy above 1', edit((r) => (r.runs[0].testAccuracy = 81.25))],
    ['a curve with a missing value', edit((r) => r.runs[0].curves.trainLoss.pop())],
    ['a curve holding text', edit((r) => (r.runs[0].curves.trainLoss[1] = '2.3'))],
    ['two runs with one id', edit((r) => (r.runs[1].id = 1))],
    ['a run numbered past next', edit((r) => (r.next = 2))],
    ['more runs than the lab keeps', edit((r) => (r.runs = Array.from({ length: MAX_RUNS + 1 }, (_, i) => ({ ...r.runs[0], id: i + 1 }))))],
    ['too long to be ours', `${JSON.stringify(good)}${' '.repeat(MAX_STORED_CHARS)}`],
  ])('%s', (_, text) => {
    expect(decodeRuns(text)).toBeUndefined();
  });

  test('while the untouched record reads back', () => {
    expect(decodeRuns(JSON.stringify(good))?.runs).toHaveLength(2);
  });
});

test('a run keeps its colour and its learning-rate schedule; two runs claiming one colour are not read', () => {
  const log = new RunLog();
  const first = log.add(params(true, { schedule: 'one-cycle', lr: 0.02 }));
  log.finish(first.id, 'done', 0.98);
  const second = log.add(params(false));
  log.finish(second.id, 'stopped');
  const text = encodeRuns({ runs: log.list(), next: log.nextId() })!;
  const back = decodeRuns(text)!;
  expect(back.runs.map((r) => r.colour)).toEqual([first.colour, second.colour]);
  expect(first.colour).not.toBe(second.colour);
  expect(back.runs[0]!.params).toMatchObject({ schedule: 'one-cycle', lr: 0.02 });
  const clash = JSON.parse(text) as { runs: { colour: number }[] };
  clash.runs[1]!.colour = clash.runs[0]!.colour;
  expect(decodeRuns(JSON.stringify(clash))).toBeUndefined();
});

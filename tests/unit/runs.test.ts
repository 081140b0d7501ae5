import { expect, test } from 'vitest';
import type { LabParams } from '../../src/lib/train/lab-params';
import { checkName, last, MAX_NAME_CHARS, MAX_RUNS, RunLog } from '../../src/lib/train/runs';

const params = (residual: boolean, depth = 1): LabParams => ({
  dataset: 'fashion-mnist',
  preset: 'tiny',
  residual,
  optimizer: 'adam',
  lr: 0.003,
  batch: 32,
  epochs: 1,
  trainSize: 96,
  depth,
  width: 1,
  backend: 'wasm',
});

test('runs get numbered names that say what trained', () => {
  const log = new RunLog();
  expect(log.add(params(true, 3)).name).toBe('1. ResNet · Tiny, depth 3');
  expect(log.add(params(false, 3)).name).toBe('2. Plain · Tiny, depth 3');
  expect(log.add({ ...params(true), preset: 'resnet50' }).name).toBe('3. ResNet · ResNet-50');
});

test('rename, show, hide and delete', () => {
  const log = new RunLog();
  const a = log.add(params(true));
  const b = log.add(params(false));
  expect(log.rename(a.id, '  deep   ResNet ')).toEqual({ ok: true });
  expect(log.get(a.id)?.name).toBe('deep ResNet');
  expect(log.rename(a.id, '   ')).toEqual({ ok: false, message: 'A run needs a name: type a few words.' });
  expect(log.rename(a.id, 'x'.repeat(MAX_NAME_CHARS + 1)).ok).toBe(false);
  expect(log.get(a.id)?.name).toBe('deep ResNet');
  log.setVisible(b.id, false);
  expect(log.list().map((r) => r.visible)).toEqual([true, false]);
  // A run still training stays until it ends.
  expect(log.remove(b.id)).toBe(false);
  log.finish(b.id, 'done', 0.8);
  expect(log.get(b.id)).toMatchObject({ status: 'done', testAccuracy: 0.8 });
  expect(log.remove(b.id)).toBe(true);
  expect(log.list().map((r) => r.id)).toEqual([a.id]);
});

test(`a session keeps its last ${MAX_RUNS} runs, dropping the oldest finished one`, () => {
  const log = new RunLog();
  for (let i = 0; i < MAX_RUNS + 3; i++) log.finish(log.add(params(i % 2 === 0)).id, 'done');
  const running = log.add(params(true));
  expect(log.list()).toHaveLength(MAX_RUNS);
  expect(log.list()[0]!.id).toBe(5);
  expect(log.list().at(-1)).toBe(running);
});

test('names are checked, and the last finite value of a curve is found', () => {
  expect(checkName('a\n\tb')).toEqual({ ok: true, name: 'a b' });
  expect(
    last([
      { x: 1, y: 2 },
      { x: 2, y: NaN },
    ]),
  ).toBe(2);
  expect(last([])).toBeUndefined();
});

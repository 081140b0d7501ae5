import { describe, expect, test } from 'vitest';
import { describeSeries, figureRows, formatValue, seriesFigures } from '../../src/lib/charts/describe';
import type { Series } from '../../src/lib/charts/series';

const series = (label: string, ys: number[], xs = ys.map((_, i) => i + 1)): Series => ({
  key: label,
  label,
  className: label,
  points: ys.map((y, i) => ({ x: xs[i]!, y })),
});

describe.each([
  [0, '0'],
  [0.5321, '0.532'],
  [2.30258, '2.3'],
  [123.456, '123'],
  [0.00123, '0.00123'],
  [0.000012, '1.2e-5'],
  [250000, '2.5e+5'],
  [-0.75, '-0.75'],
  [NaN, 'not a number'],
  [Infinity, 'infinite'],
])('formatValue(%s)', (value, text) => {
  test(`is ${text}`, () => expect(formatValue(value)).toBe(text));
});

test('figures: count, first, latest, and the extremes over finite values only', () => {
  const [loss] = seriesFigures([series('loss', [2.3, 1.1, NaN, 0.4, 0.9])]);
  expect(loss).toEqual({
    label: 'loss',
    count: 5,
    first: { x: 1, y: 2.3 },
    latest: { x: 5, y: 0.9 },
    lowest: { x: 4, y: 0.4 },
    highest: { x: 1, y: 2.3 },
  });
  expect(seriesFigures([series('empty', [])])[0]).toEqual({
    label: 'empty',
    count: 0,
    first: undefined,
    latest: undefined,
    lowest: undefined,
    highest: undefined,
  });
});

describe('describeSeries', () => {
  test('a sentence per series with the latest figures', () => {
    const text = describeSeries([series('training', [2.31, 1.2, 0.498, 0.532]), series('validation', [0.61], [4])], { xLabel: 'training step' });
    expect(text).toBe(
      'training: 4 points, training step 1 to 4; latest 0.532 (first 2.31, lowest 0.498 at training step 3, highest 2.31 at training step 1). ' +
        'validation: 1 point, at training step 4; latest 0.61.',
    );
  });

  test('says when there is nothing to read yet', () => {
    expect(describeSeries([], { xLabel: 'step' })).toBe('No data yet.');
    expect(describeSeries([series('training', [])], { xLabel: 'step' })).toBe('training: no data yet.');
  });

  test('writes values with the chart’s own format', () => {
    const percent = (v: number) => `${(100 * v).toFixed(1)} %`;
    expect(describeSeries([series('accuracy', [0.1, 0.25])], { xLabel: 'step', format: percent })).toBe(
      'accuracy: 2 points, step 1 to 2; latest 25.0 % (first 10.0 %, lowest 10.0 % at step 1, highest 25.0 % at step 2).',
    );
  });

  test('a diverged run reads as such, its extremes from the finite values', () => {
    expect(describeSeries([series('loss', [1.5, 0.9, NaN])], { xLabel: 'step' })).toBe(
      'loss: 3 points, step 1 to 3; latest not a number (first 1.5, lowest 0.9 at step 2, highest 1.5 at step 1).',
    );
  });
});

test('figure rows match the table’s columns, with a dash where there is no figure', () => {
  expect(figureRows([series('early layer', [0.02, 0.000031]), series('late layer', [])])).toEqual([
    ['early layer', '2', '2', '3.1e-5', '3.1e-5', '0.02'],
    ['late layer', '0', '—', '—', '—', '—'],
  ]);
});

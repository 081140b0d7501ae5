import { describe, expect, test } from 'vitest';
import { legendEntries } from '../../src/lib/charts/legend';
import type { Band, Series } from '../../src/lib/charts/series';

const series = (key: string, extra: Partial<Series> = {}): Series => ({ key, label: `${key} label`, className: key, points: [], ...extra });
const band = (key: string): Band => ({ key, label: `${key} label`, className: `reference ${key}`, points: [] });

describe.each([
  ['no series', [], [], []],
  ['a plain line', [series('train')], [], [['train', 'line', false]]],
  ['a line with dots', [series('validation', { markers: true })], [], [['validation markers', 'line', true]]],
  ['a series kept out of the legend', [series('median', { legend: false })], [], []],
  [
    'bands first, then lines',
    [series('train')],
    [band('deep')],
    [
      ['band reference deep', 'band', false],
      ['train', 'line', false],
    ],
  ],
] as const)('the legend of %s', (_, lines, bands, expected) => {
  test('lists each entry with its sample', () => {
    expect(legendEntries([...lines], [...bands]).map((e) => [e.key, e.kind, e.markers])).toEqual(expected.map((e) => [...e]));
  });
});

test('an entry keeps its label and the classes its sample is drawn with', () => {
  expect(legendEntries([series('train')], [band('deep')])).toEqual([
    { key: 'band reference deep', label: 'deep label', kind: 'band', className: 'reference deep', markers: false },
    { key: 'train', label: 'train label', kind: 'line', className: 'train', markers: false },
  ]);
});

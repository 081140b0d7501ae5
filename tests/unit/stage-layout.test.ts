import { expect, test } from 'vitest';
import { HEIGHT, stageLayout } from '../../src/lib/charts/stage-layout';
import { traceResNet50 } from '../../src/lib/resnet';
import { stageRows } from '../../src/lib/resnet/summary';

const rows = stageRows(traceResNet50());
const { bars, width } = stageLayout(rows);
const byPart = new Map(bars.map((b) => [b.row.key, b]));

test('one bar per part of the network, in order, each inside the drawing', () => {
  expect(bars.map((b) => b.row.key)).toEqual(rows.map((r) => r.key));
  for (const b of bars) {
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.w).toBeLessThanOrEqual(width);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.y + b.h).toBeLessThanOrEqual(HEIGHT);
  }
});

test('bars stand side by side, left to right, on one baseline', () => {
  bars.slice(1).forEach((b, i) => expect(b.x).toBeGreaterThan(bars[i]!.x + bars[i]!.w));
  expect(new Set(bars.map((b) => b.y + b.h)).size).toBe(1);
});

test('a bar is as wide as its channels (log scale) and as tall as its feature map', () => {
  const bar = (key: string) => byPart.get(key)!;
  const [input, stage2, stage5] = [bar('input'), bar('stage-2'), bar('stage-5')];
  expect(stage5.w).toBeGreaterThan(stage2.w);
  expect(stage2.w).toBeGreaterThan(input.w);
  expect(input.h).toBeGreaterThan(stage2.h);
  expect(stage2.h).toBeGreaterThan(stage5.h);
});

test('labels are short, and the tooltip says the whole shape', () => {
  const stage2 = byPart.get('stage-2')!;
  expect(stage2).toMatchObject({ part: 'Stage 2', shape: '15×15×256', title: 'Stage 2: (None, 15, 15, 256)' });
  expect(byPart.get('zero-padding')?.part).toBe('Pad');
});

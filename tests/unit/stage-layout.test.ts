import { expect, test } from 'vitest';
import { COLUMNS, stageLayout, WIDTH } from '../../src/lib/charts/stage-layout';
import { traceResNet50 } from '../../src/lib/resnet';
import { stageRows } from '../../src/lib/resnet/summary';

const rows = stageRows(traceResNet50());
const { bars, width, height } = stageLayout(rows);
const byPart = new Map(bars.map((b) => [b.row.key, b]));

test('one bar per part of the network, in order, each inside the drawing', () => {
  expect(bars.map((b) => b.row.key)).toEqual(rows.map((r) => r.key));
  for (const b of bars) {
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.w).toBeLessThanOrEqual(width);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.y + b.h).toBeLessThanOrEqual(height);
  }
});

test('one row per part, top to bottom, bars starting at one edge', () => {
  bars.slice(1).forEach((b, i) => expect(b.y).toBeGreaterThan(bars[i]!.y + bars[i]!.h));
  expect(new Set(bars.map((b) => b.x))).toEqual(new Set([COLUMNS.bars]));
  // Each row's labels sit on the bar's row: the baseline within the bar's height, or its 18 px row.
  for (const b of bars) expect(Math.abs(b.labelY - 4 - (b.y + b.h / 2))).toBeLessThan(0.001);
});

test('the drawing fits a 320 px phone: 284 px wide, the widest bar reaching the edge', () => {
  expect(width).toBe(WIDTH);
  expect(WIDTH).toBe(284);
  expect(Math.max(...bars.map((b) => b.x + b.w))).toBeCloseTo(284, 6);
  // Ten rows: the tallest two are 48 px (Pad, 70×70) and 44.2 px (Input, 64×64).
  expect(byPart.get('zero-padding')!.h).toBeCloseTo(48, 6);
  expect(byPart.get('input')!.h).toBeCloseTo(4 + (44 * 64) / 70, 6);
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

test("each row's band, the link's hit area, holds its bar and its labels and overlaps no other row", () => {
  for (const b of bars) {
    expect(b.bandY).toBeLessThanOrEqual(b.y);
    expect(b.bandY + b.bandH).toBeGreaterThanOrEqual(b.y + b.h);
    // The labels' 12 px line: from about 8 px above the baseline to 4 px below it.
    expect(b.bandY).toBeLessThanOrEqual(b.labelY - 8);
    expect(b.bandY + b.bandH).toBeGreaterThanOrEqual(b.labelY + 3);
  }
  bars.slice(1).forEach((b, i) => expect(b.bandY).toBeGreaterThanOrEqual(bars[i]!.bandY + bars[i]!.bandH));
});

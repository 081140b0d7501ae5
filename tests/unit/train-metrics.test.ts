import { expect, test } from 'vitest';
import { accuracyOf, confusionMatrix, formatDuration, Pace, Smoother } from '../../src/lib/train/metrics';

test('the smoother starts at the first value and follows a step', () => {
  const s = new Smoother(0.9);
  expect(s.add(2)).toBeCloseTo(2);
  let last = 0;
  for (let i = 0; i < 100; i++) last = s.add(1);
  expect(last).toBeCloseTo(1, 3);
});

test('confusion matrix and accuracy', () => {
  const m = confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0], 3);
  expect(m).toEqual([
    [1, 1, 0],
    [0, 1, 0],
    [1, 0, 2],
  ]);
  expect(accuracyOf(m)).toBeCloseTo(4 / 6);
  expect(accuracyOf(confusionMatrix([], [], 3))).toBe(0);
});

test('pace in images per second and time left', () => {
  const pace = new Pace(3);
  for (const ms of [1000, 1000, 500, 500]) pace.add(100, ms);
  expect(pace.imagesPerSecond()).toBeCloseTo(300 / 2);
  expect(pace.secondsLeft(300)).toBeCloseTo(2);
  expect(new Pace().secondsLeft(10)).toBeNull();
});

test.each([
  [null, '—'],
  [42.4, '42 s'],
  [65, '1 min 05 s'],
  [3 * 3600 + 61, '3 h 01 min'],
])('formatDuration(%s) is %s', (s, text) => expect(formatDuration(s)).toBe(text));

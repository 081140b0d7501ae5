import { describe, expect, test } from 'vitest';
import { fitRange } from '../../src/lib/charts/fit-range';

const pts = (ys: number[], x0 = 1) => ys.map((y, i) => ({ x: x0 + i, y }));

describe('fitRange', () => {
  test('fits the points from `from` on, with a 5 % margin, and says earlier ones are clipped', () => {
    // Steps 1–3 high (4.5, 3, 2.6), from step 20 on between 1.1 and 2.5.
    const points = [...pts([4.5, 3, 2.6]), ...pts([2.5, 1.8, 1.1], 20)];
    const { domain, clipped } = fitRange(points, { from: 20 });
    expect(domain[0]).toBeCloseTo(1.1 - 0.07, 10);
    expect(domain[1]).toBeCloseTo(2.5 + 0.07, 10);
    expect(clipped).toBe(true);
  });

  test('before any point reaches `from`, fits them all', () => {
    expect(fitRange(pts([3, 2]), { from: 20, margin: 0 })).toEqual({ domain: [2, 3], clipped: false });
  });

  test.each([
    ['no points', [], { domain: [0, 1], clipped: false }],
    ['one value', pts([2, 2]), { domain: [1.5, 2.5], clipped: false }],
    ['non-finite values are left out', pts([NaN, Infinity, 1, 3]), { domain: [1, 3], clipped: false }],
  ] as const)('%s', (_, points, expected) => {
    expect(fitRange(points, { margin: 0 })).toEqual(expected);
  });

  test('zero: starts at 0 when every fitted point is positive', () => {
    expect(fitRange(pts([0.4, 0.8]), { zero: true, margin: 0 }).domain).toEqual([0, 0.8]);
    expect(fitRange(pts([-0.4, 0.8]), { zero: true, margin: 0 }).domain).toEqual([-0.4, 0.8]);
  });

  test('a negative margin is refused, by name', () => {
    expect(() => fitRange(pts([1, 2]), { margin: -1 })).toThrow(/margin must be 0 or more, got -1/);
  });
});

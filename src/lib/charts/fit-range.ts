/**
 * A linear chart's y range, fitted to what matters. Training curves start high and fall fast: a
 * range that holds the first steps squeezes everything after them into a thin strip (the
 * degradation chart ran 0 to 4.5 while every point after step 20 lay between 1.1 and 2.5). So the
 * range can be fitted to the points from a given x on, with a margin; earlier points above it are
 * drawn clipped at the top, and `clipped` says there are some, for the chart to say so.
 */

export interface Point {
  x: number;
  y: number;
}

export interface FitOptions {
  /** Fit to the points with x ≥ `from` (default: all); when none reach it yet, to all of them. */
  from?: number;
  /** The share of the range added above and below (default 0.05). */
  margin?: number;
  /** Start the range at 0 when every point is positive (accuracy, a loss from the start). */
  zero?: boolean;
}

/**
 * The range [lo, hi] for the finite y values of `points` as `options` ask, never empty (a single
 * value v gets [v − 0.5, v + 0.5]; no points, [0, 1]), and whether any point lies above or below it.
 */
export function fitRange(points: readonly Point[], options: FitOptions = {}): { domain: [number, number]; clipped: boolean } {
  const { from = -Infinity, margin = 0.05, zero = false } = options;
  if (!(margin >= 0)) throw new Error(`fitRange: margin must be 0 or more, got ${margin}; pass a share such as 0.05.`);
  const finite = points.filter((p) => Number.isFinite(p.y) && Number.isFinite(p.x));
  const late = finite.filter((p) => p.x >= from);
  const fitted = late.length > 0 ? late : finite;
  if (fitted.length === 0) return { domain: [0, 1], clipped: false };
  let lo = Math.min(...fitted.map((p) => p.y));
  let hi = Math.max(...fitted.map((p) => p.y));
  if (hi === lo) [lo, hi] = [lo - 0.5, hi + 0.5];
  else [lo, hi] = [lo - margin * (hi - lo), hi + margin * (hi - lo)];
  if (zero && lo > 0 && fitted.every((p) => p.y >= 0)) lo = 0;
  const clipped = finite.some((p) => p.y > hi || p.y < lo);
  return { domain: [lo, hi], clipped };
}

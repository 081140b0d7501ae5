/**
 * Helpers for charts on a logarithmic axis: one range for charts meant to be compared at a glance,
 * and tick labels written as powers of ten (10 with a raised exponent), as the lessons write them.
 */

/**
 * The smallest range of whole powers of ten that holds every positive, finite value: e.g. values
 * from 3e-12 to 0.2 give [1e-12, 1]. Zeros (a gradient below the smallest float), negatives and
 * non-finite values cannot sit on a log axis and are left out; undefined when nothing is left.
 * A single power of ten gets the decade above it too, so the range is never empty.
 */
export function sharedLogDomain(values: Iterable<number>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo === Infinity) return undefined;
  const bottom = Math.floor(Math.log10(lo) + 1e-9);
  let top = Math.ceil(Math.log10(hi) - 1e-9);
  if (top <= bottom) top = bottom + 1;
  return [10 ** bottom, 10 ** top];
}

/**
 * The exponent of `value` when it is a whole power of ten (1e-12 → -12, 1 → 0), else undefined:
 * a log axis labels only those of its ticks, so the 2, 3, … 9 between them stay unlabelled.
 */
export function powerOfTen(value: number): number | undefined {
  if (!(value > 0) || !Number.isFinite(value)) return undefined;
  const exponent = Math.round(Math.log10(value));
  return Math.abs(value / 10 ** exponent - 1) < 1e-6 ? exponent : undefined;
}

/** An exponent as it is printed raised after the 10: a true minus sign, not a hyphen (-12 → "−12"). */
export function exponentText(exponent: number): string {
  return exponent < 0 ? `\u2212${-exponent}` : String(exponent);
}

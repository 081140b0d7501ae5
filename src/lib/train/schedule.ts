/**
 * Learning-rate schedules: the rate for each training step, as a pure function of the step.
 *
 * `constant` is the lab's default and what every old link means: the optimizer keeps the rate it
 * was built with and the loop never touches it, so such runs are bit for bit what they were.
 *
 * `one-cycle` (Smith and Topin, 2017, as PyTorch's OneCycleLR with cosine annealing) starts low,
 * warms up to the peak over the first 30 % of the steps, then anneals along a cosine to a small
 * fraction of the peak. The high middle lets a few epochs go far; the low end settles the weights,
 * which is why a short run can reach a test accuracy a constant rate only reaches in more epochs.
 */

export const SCHEDULES = ['constant', 'one-cycle'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

/** The share of the steps spent warming up to the peak (PyTorch's `pct_start`). */
export const WARMUP_SHARE = 0.3;
/** The rate at the first step, as a fraction of the peak (PyTorch's 1 / `div_factor`). */
export const START_FRACTION = 1 / 25;
/** The rate at the last step, as a fraction of the peak. */
export const END_FRACTION = 1 / 100;

const cosineBetween = (from: number, to: number, t: number) => to + ((from - to) * (1 + Math.cos(Math.PI * t))) / 2;

/**
 * The learning rate of step `step` (0-based) of `totalSteps`, for a schedule whose highest rate
 * is `peak` (the lab's learning-rate field).
 *
 * @throws RangeError when `totalSteps` is not a positive whole number or `step` is outside it.
 */
export function learningRateAt(schedule: ScheduleName, peak: number, step: number, totalSteps: number): number {
  if (!Number.isInteger(totalSteps) || totalSteps < 1) throw new RangeError(`totalSteps must be a whole number of at least 1, got ${totalSteps}.`);
  if (!Number.isInteger(step) || step < 0 || step >= totalSteps) {
    throw new RangeError(`step must be a whole number from 0 to totalSteps − 1 (${totalSteps - 1}), got ${step}.`);
  }
  if (!(peak > 0)) throw new RangeError(`peak must be a learning rate above 0, got ${peak}.`);
  if (schedule === 'constant') return peak;
  // Both phases share the peak step, as PyTorch's does: a run of one step just uses the peak.
  const peakStep = Math.max(0, Math.floor(WARMUP_SHARE * totalSteps) - 1);
  const last = totalSteps - 1;
  if (step <= peakStep) {
    return peakStep === 0 ? peak : cosineBetween(peak * START_FRACTION, peak, step / peakStep);
  }
  return cosineBetween(peak, peak * END_FRACTION, (step - peakStep) / (last - peakStep));
}

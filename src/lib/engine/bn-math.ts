/**
 * BatchNorm for training as plain loops over channels-last float32 arrays: the arithmetic that
 * our CPU and WASM kernels share (bn-kernels.ts runs it on the CPU backend's arrays and on the
 * WASM heap).
 *
 * A tensor [N, H, W, C] is seen as `rows` = N·H·W rows of `channels` = C values. Sums are
 * accumulated in float64, as TF.js's CPU backend does, and the variance is computed in two
 * passes (mean first, then the mean of squared deviations) as `tf.moments` does, so large inputs
 * lose no precision.
 */

/**
 * What the backward pass needs from the forward, one row of C each: the batch mean, 1/√(var + ε)
 * and γ as the forward saw it. One [3, C] tensor rather than three: TF.js clones every tensor it
 * keeps for the backward pass, one kernel call each.
 */
export const SAVED_ROWS = 3;

export interface BatchNormTrainOutputs {
  /** [rows·C] normalised, scaled and shifted input. */
  y: Float32Array;
  /** [C] the moving mean after this batch. */
  movingMean: Float32Array;
  /** [C] the moving variance after this batch. */
  movingVariance: Float32Array;
  /** [3·C] batch mean, 1/√(var + ε), γ (see SAVED_ROWS). */
  saved: Float32Array;
}

/**
 * One training-mode BatchNorm step, as TF.js's layer does it with `moments`, `batchNorm` and its
 * moving-average update:
 * - mean and biased variance (divided by N·H·W) of each channel;
 * - y = (x − mean) / √(var + ε) · γ + β;
 * - moving ← moving − (moving − batch) · (1 − momentum), in float32 step by step as TF.js's
 *   tensors are, with the biased variance, as `tf.layers.batchNormalization` uses.
 *
 * @param x [rows·C] input; gamma, beta, movingMean, movingVariance [C].
 */
export function batchNormTrainForward(
  x: Float32Array,
  rows: number,
  channels: number,
  params: { gamma: Float32Array; beta: Float32Array; movingMean: Float32Array; movingVariance: Float32Array },
  epsilon: number,
  momentum: number,
  out: BatchNormTrainOutputs,
): void {
  const C = channels;
  const sum = new Float64Array(C);
  for (let r = 0, o = 0; r < rows; r++, o += C) {
    for (let c = 0; c < C; c++) sum[c] = sum[c]! + x[o + c]!;
  }
  const mean = new Float64Array(C);
  // Rounded to float32 as TF.js's mean tensor is; the forward and backward then see the same mean.
  for (let c = 0; c < C; c++) mean[c] = Math.fround(sum[c]! / rows);
  const squares = new Float64Array(C);
  for (let r = 0, o = 0; r < rows; r++, o += C) {
    for (let c = 0; c < C; c++) {
      const d = x[o + c]! - mean[c]!;
      squares[c] = squares[c]! + d * d;
    }
  }
  const scale = new Float64Array(C);
  finishForwardChannels(squares, mean, rows, params, epsilon, momentum, out, scale);
  const { beta } = params;
  const { y } = out;
  for (let r = 0, o = 0; r < rows; r++, o += C) {
    for (let c = 0; c < C; c++) y[o + c] = (x[o + c]! - mean[c]!) * scale[c]! + beta[c]!;
  }
}

export interface BatchNormTrainGrads {
  /** [rows·C] gradient of the input. */
  dx: Float32Array;
  /** [C] gradient of γ: Σ dy · x̂. */
  dGamma: Float32Array;
  /** [C] gradient of β: Σ dy. */
  dBeta: Float32Array;
}

/**
 * The analytic gradient of training-mode BatchNorm, with x̂ = (x − mean) / √(var + ε) and
 * M = rows: dβ = Σ dy, dγ = Σ dy · x̂, dx = γ / √(var + ε) · (dy − dβ / M − x̂ · dγ / M).
 * It includes the paths through the batch mean and variance, as TF.js's gradient of
 * `moments` does.
 *
 * @param dy, x [rows·C]; saved [3·C] from the forward (see SAVED_ROWS).
 */
export function batchNormTrainBackward(dy: Float32Array, x: Float32Array, saved: Float32Array, rows: number, channels: number, out: BatchNormTrainGrads): void {
  const C = channels;
  const sumDy = new Float64Array(C);
  const sumDyCentred = new Float64Array(C);
  for (let r = 0, o = 0; r < rows; r++, o += C) {
    for (let c = 0; c < C; c++) {
      const g = dy[o + c]!;
      sumDy[c] = sumDy[c]! + g;
      sumDyCentred[c] = sumDyCentred[c]! + g * (x[o + c]! - saved[c]!);
    }
  }
  const meanDy = new Float64Array(C);
  const meanDyXhat = new Float64Array(C);
  const scale = new Float64Array(C);
  finishBackwardChannels(sumDy, sumDyCentred, saved, rows, out, { scale, meanDy, meanDyXhat });
  const { dx } = out;
  for (let r = 0, o = 0; r < rows; r++, o += C) {
    for (let c = 0; c < C; c++) {
      const xhat = (x[o + c]! - saved[c]!) * saved[C + c]!;
      dx[o + c] = scale[c]! * (dy[o + c]! - meanDy[c]! - xhat * meanDyXhat[c]!);
    }
  }
}

type Channels = Float32Array | Float64Array;

/**
 * The forward's per-channel arithmetic, once the sums of squared deviations are known: 1/√(var + ε),
 * the saved statistics, the moving averages and the scale γ/√(var + ε) that y is made with.
 * Shared by the plain loops above and the SIMD passes (bn-simd.ts).
 */
export function finishForwardChannels(
  squares: Float64Array,
  mean: Channels,
  rows: number,
  params: { gamma: Float32Array; movingMean: Float32Array; movingVariance: Float32Array },
  epsilon: number,
  momentum: number,
  out: Omit<BatchNormTrainOutputs, 'y'>,
  scale: Channels,
): void {
  const C = squares.length;
  const { gamma, movingMean, movingVariance } = params;
  const decay = Math.fround(1 - momentum);
  const { saved } = out;
  for (let c = 0; c < C; c++) {
    const variance = squares[c]! / rows;
    const invStd = Math.fround(1 / Math.sqrt(variance + epsilon));
    scale[c] = invStd * gamma[c]!;
    saved[c] = mean[c]!;
    saved[C + c] = invStd;
    saved[2 * C + c] = gamma[c]!;
    // Math.fround at each step: TF.js stores every intermediate as a float32 tensor.
    const v = Math.fround(variance);
    out.movingMean[c] = movingMean[c]! - Math.fround(Math.fround(movingMean[c]! - mean[c]!) * decay);
    out.movingVariance[c] = movingVariance[c]! - Math.fround(Math.fround(movingVariance[c]! - v) * decay);
  }
}

/**
 * The backward's per-channel arithmetic, once Σdy and Σdy·(x − mean) are known: dγ, dβ and the
 * coefficients dx is made with. Shared as finishForwardChannels is.
 */
export function finishBackwardChannels(
  sumDy: Float64Array,
  sumDyCentred: Float64Array,
  saved: Float32Array,
  rows: number,
  out: Omit<BatchNormTrainGrads, 'dx'>,
  coefficients: { scale: Channels; meanDy: Channels; meanDyXhat: Channels },
): void {
  const C = sumDy.length;
  const { scale, meanDy, meanDyXhat } = coefficients;
  for (let c = 0; c < C; c++) {
    const invStd = saved[C + c]!;
    const dGamma = sumDyCentred[c]! * invStd;
    out.dBeta[c] = sumDy[c]!;
    out.dGamma[c] = dGamma;
    meanDy[c] = sumDy[c]! / rows;
    meanDyXhat[c] = dGamma / rows;
    scale[c] = saved[2 * C + c]! * invStd;
  }
}

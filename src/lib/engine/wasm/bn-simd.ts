/**
 * BatchNorm for training on TF.js's WASM backend, with the passes over the tensor in WebAssembly
 * SIMD (bn-simd.wat) and the per-channel arithmetic in TypeScript, as in bn-math.ts.
 *
 * The plain loops of bn-math.ts cost about 2 ns per element per pass in JavaScript, and a step
 * makes five passes over every BatchNorm's input: over half of the Small preset's step. The SIMD
 * module makes the same passes four channels at a time, on the backend's own memory.
 *
 * `batchNormSimd` answers null where the module cannot run: a backend whose memory it cannot
 * find, a browser without SIMD, or channels that are not a multiple of four. The caller then
 * runs the plain loops, which give the same results.
 */
import { finishBackwardChannels, finishForwardChannels, type BatchNormTrainGrads, type BatchNormTrainOutputs } from '../bn-math';
import { plain, shared } from './bn-simd-wasm';
import { simdBinder } from './simd-module';

/** The module's exports; a type literal, so that WebAssembly's `Exports` converts to it directly. */
export type BatchNormExports = {
  sum(x: number, rows: number, c: number, acc: number): void;
  sumSquaredDeviations(x: number, rows: number, c: number, mean: number, acc: number): void;
  normalize(x: number, rows: number, c: number, mean: number, scale: number, beta: number, y: number): void;
  gradientSums(dy: number, x: number, rows: number, c: number, mean: number, sumDy: number, sumDyCentred: number): void;
  inputGradient(dy: number, x: number, rows: number, c: number, params: number, dx: number): void;
};

const bind = simdBinder<BatchNormExports>({ plain, shared });
let allowed = true;

/** Turns the SIMD passes off (or on again), to compare them with the plain loops (tests, scripts/step-ab.ts). */
export function allowBatchNormSimd(allow: boolean): void {
  allowed = allow;
}

/**
 * The SIMD passes bound to a backend's memory, or null where they cannot run (see simdBinder),
 * or for channels that are not a multiple of four.
 */
export function batchNormSimd(backend: unknown, channels: number): BatchNormExports | null {
  if (!allowed || channels % 4 !== 0) return null;
  return bind(backend);
}

/** Floats of scratch memory the passes below need for `channels` channels (see their layout). */
export function scratchFloats(channels: number): number {
  return 9 * channels + 2;
}

/** The first 8-byte aligned offset at or after a scratch view's start (float64 accumulators). */
function aligned(scratch: Float32Array): number {
  return (scratch.byteOffset + 7) & ~7;
}

/**
 * bn-math.ts's batchNormTrainForward with the passes in SIMD. Every array is a view of the
 * memory `simd` is bound to; scratch holds scratchFloats(channels) floats.
 * Scratch: f64 sums [C], then f32 mean [C] and scale [C].
 */
export function batchNormTrainForwardSimd(
  simd: BatchNormExports,
  x: Float32Array,
  rows: number,
  channels: number,
  params: { gamma: Float32Array; beta: Float32Array; movingMean: Float32Array; movingVariance: Float32Array },
  epsilon: number,
  momentum: number,
  out: BatchNormTrainOutputs,
  scratch: Float32Array,
): void {
  const C = channels;
  const at = aligned(scratch);
  const sums = new Float64Array(x.buffer, at, C);
  const mean = new Float32Array(x.buffer, at + 8 * C, C);
  const scale = new Float32Array(x.buffer, at + 12 * C, C);
  sums.fill(0);
  simd.sum(x.byteOffset, rows, C, at);
  // Rounded to float32 on the store, as the plain loops round it.
  for (let c = 0; c < C; c++) mean[c] = sums[c]! / rows;
  sums.fill(0);
  simd.sumSquaredDeviations(x.byteOffset, rows, C, mean.byteOffset, at);
  finishForwardChannels(sums, mean, rows, params, epsilon, momentum, out, scale);
  simd.normalize(x.byteOffset, rows, C, mean.byteOffset, scale.byteOffset, params.beta.byteOffset, out.y.byteOffset);
}

/**
 * bn-math.ts's batchNormTrainBackward with the passes in SIMD, on views as above.
 * Scratch: f64 Σdy [C] and Σdy·(x − mean) [C], then the five f32 rows inputGradient reads.
 */
export function batchNormTrainBackwardSimd(
  simd: BatchNormExports,
  dy: Float32Array,
  x: Float32Array,
  saved: Float32Array,
  rows: number,
  channels: number,
  out: BatchNormTrainGrads,
  scratch: Float32Array,
): void {
  const C = channels;
  const at = aligned(scratch);
  const sumDy = new Float64Array(x.buffer, at, C);
  const sumDyCentred = new Float64Array(x.buffer, at + 8 * C, C);
  const rowsAt = at + 16 * C;
  const row = (i: number) => new Float32Array(x.buffer, rowsAt + 4 * C * i, C);
  sumDy.fill(0);
  sumDyCentred.fill(0);
  simd.gradientSums(dy.byteOffset, x.byteOffset, rows, C, saved.byteOffset, at, at + 8 * C);
  // Rows 0 and 1, mean and 1/√(var + ε), are the first two rows of saved.
  row(0).set(saved.subarray(0, C));
  row(1).set(saved.subarray(C, 2 * C));
  finishBackwardChannels(sumDy, sumDyCentred, saved, rows, out, { scale: row(2), meanDy: row(3), meanDyXhat: row(4) });
  simd.inputGradient(dy.byteOffset, x.byteOffset, rows, C, rowsAt, out.dx.byteOffset);
}

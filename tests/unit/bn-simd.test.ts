import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assembleWat, WASM_SOURCES } from '../../scripts/wasm-sources.mjs';
import { BN_TRAIN, BN_TRAIN_GRAD, registerFusedBatchNorm } from '../../src/lib/engine/bn-kernels';
import { allowBatchNormSimd, batchNormSimd } from '../../src/lib/engine/wasm/bn-simd';
import { backendMemory } from '../../src/lib/engine/tf-internals';
import { registerWasmTrainingKernels } from '../../src/lib/engine/wasm/wasm-kernels';
import { maxScaledDiff, seededFloats } from './helpers';

// BatchNorm's SIMD passes (bn-simd.wat) against the plain loops of bn-math.ts, both run as the
// WASM kernels on the same inputs. The plain loops sum in float64 row by row; SIMD sums each
// block of up to 64 rows in float32, then adds the block's sums in float64, and makes y and dx in
// float32 (the plain loops in float64, then rounded). So the two differ in the last bits only:
// within 1e-5 for the statistics (measured up to 2.8e-6, for dβ, a sum of 1,024 rows) as for y
// and dx, scaled to each array's largest value.
// batch-norm.test.ts checks both paths against TF.js's own layer.

beforeAll(async () => {
  registerWasmTrainingKernels();
  registerFusedBatchNorm();
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterAll(async () => {
  allowBatchNormSimd(true);
  await tf.setBackend('cpu');
});

test('the module binds to the WASM backend’s memory, for channels in fours only', () => {
  expect(backendMemory(tf.backend())).toBeInstanceOf(WebAssembly.Memory);
  expect(batchNormSimd(tf.backend(), 8)).not.toBeNull();
  expect(batchNormSimd(tf.backend(), 6)).toBeNull();
  expect(backendMemory({ wasm: {} })).toBeNull();
  expect(batchNormSimd(null, 8)).toBeNull();
});

interface Outputs {
  y: Float32Array;
  movingMean: Float32Array;
  movingVariance: Float32Array;
  saved: Float32Array;
  dx: Float32Array;
  dGamma: Float32Array;
  dBeta: Float32Array;
}

/** The forward and backward kernels on seeded inputs, with or without SIMD. */
function run(shape: [number, number, number, number], offset: number, scale: number, simd: boolean): Outputs {
  allowBatchNormSimd(simd);
  const rand = seededFloats(shape.reduce((a, b) => a + b, 0));
  const size = shape.reduce((a, b) => a * b, 1);
  const C = shape[3];
  return tf.tidy(() => {
    const x = tf.tensor4d(rand(size, offset - scale, offset + scale), shape);
    const dy = tf.tensor4d(rand(size), shape);
    const [gamma, beta, movingMean, movingVariance] = [rand(C, 0.5, 1.5), rand(C), rand(C), rand(C, 0.5, 2)].map((v) => tf.tensor1d(v));
    const attrs = { epsilon: 1e-3, momentum: 0.99 };
    const [y, mm, mv, saved] = tf
      .engine()
      .runKernel(BN_TRAIN, { x, gamma: gamma!, beta: beta!, movingMean: movingMean!, movingVariance: movingVariance! }, attrs) as tf.Tensor[];
    const [dx, dGamma, dBeta] = tf.engine().runKernel(BN_TRAIN_GRAD, { dy, x, saved: saved! }) as tf.Tensor[];
    const read = (t: tf.Tensor | undefined) => t!.dataSync() as Float32Array;
    return { y: read(y), movingMean: read(mm), movingVariance: read(mv), saved: read(saved), dx: read(dx), dGamma: read(dGamma), dBeta: read(dBeta) };
  });
}

const SHAPES: { what: string; shape: [number, number, number, number]; offset: number; scale: number }[] = [
  { what: 'four channels', shape: [2, 3, 3, 4], offset: 0, scale: 1 },
  { what: 'the Small preset’s first layer', shape: [32, 32, 32, 16], offset: 0, scale: 1 },
  { what: 'a wide layer', shape: [8, 4, 4, 128], offset: 0, scale: 3 },
  { what: 'a large mean', shape: [16, 8, 8, 12], offset: 100, scale: 2 },
];

describe.each(SHAPES)('$what: $shape', ({ shape, offset, scale }) => {
  test('SIMD gives the plain loops’ statistics, y and dx within 1e-5', () => {
    const before = tf.memory().numTensors;
    const plain = run(shape, offset, scale, false);
    const simd = run(shape, offset, scale, true);
    expect(tf.memory().numTensors).toBe(before);
    for (const key of ['movingMean', 'movingVariance', 'saved', 'dGamma', 'dBeta'] as const) {
      expect(maxScaledDiff(simd[key], plain[key]), key).toBeLessThanOrEqual(1e-5);
    }
    for (const key of ['y', 'dx'] as const) expect(maxScaledDiff(simd[key], plain[key]), key).toBeLessThanOrEqual(1e-5);
    // Not trivially equal: the inputs moved the statistics.
    expect(plain.dGamma.some((v) => v !== 0)).toBe(true);
  });
});

test('the committed bytes are the .wat sources assembled', async () => {
  for (const { wat, out } of WASM_SOURCES) {
    const expected = await assembleWat(readFileSync(wat, 'utf8'), wat);
    expect(readFileSync(out, 'utf8'), `${out} is stale: run npm run build:wasm`).toBe(expected);
  }
});

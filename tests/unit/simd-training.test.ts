/**
 * Whole training steps with our SIMD kernels (BatchNorm's passes, both conv2d gradients) against
 * the same steps without them (plain loops and XNNPACK's routes): the lab's presets as it trains
 * them, fused Adam, batch 32, from the same weights and data.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PRESETS, smallResNet, type PresetName } from '../../src/lib/resnet/small';
import { allowBatchNormSimd } from '../../src/lib/engine/wasm/bn-simd';
import { allowConvGradSimd } from '../../src/lib/engine/wasm/conv-grad-simd';
import { FusedAdamOptimizer } from '../../src/lib/engine/fused-optimizers';
import { registerWasmTrainingKernels } from '../../src/lib/engine/wasm/wasm-kernels';
import { randomBatch } from './kernel-count';

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterAll(async () => {
  allowBatchNormSimd(true);
  allowConvGradSimd(true);
  await tf.setBackend('cpu');
});

async function fiveSteps(preset: PresetName, simd: boolean, weights: tf.Tensor[]): Promise<number[]> {
  allowBatchNormSimd(simd);
  allowConvGradSimd(simd);
  const model = smallResNet({ ...PRESETS[preset], residual: true });
  model.setWeights(weights);
  // The lab's default learning rate, a new batch each step, as the lab trains.
  model.compile({ optimizer: new FusedAdamOptimizer(0.003), loss: 'categoricalCrossentropy' });
  const losses: number[] = [];
  for (let step = 0; step < 5; step++) {
    const { xs, ys } = randomBatch(32, 10, step + 1);
    losses.push((await model.trainOnBatch(xs, ys)) as number);
    tf.dispose([xs, ys]);
  }
  model.optimizer.dispose();
  model.dispose();
  return losses;
}

const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));

describe.each(['tiny', 'small'] as const)('the %s preset', (preset) => {
  test('five steps lose as without the SIMD kernels, to within what rounding alone moves them', async () => {
    const reference = smallResNet({ ...PRESETS[preset], residual: true });
    const weights = reference.getWeights().map((w) => w.clone());
    reference.dispose();
    // The same weights one float32 step (2⁻²³) larger: how far rounding alone moves the losses.
    const nudged = weights.map((w) => tf.tidy(() => w.mul(1 + 2 ** -23)));
    const before = tf.memory().numTensors;
    const withSimd = await fiveSteps(preset, true, weights);
    const without = await fiveSteps(preset, false, weights);
    const fromNudged = await fiveSteps(preset, false, nudged);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...weights, ...nudged]);
    // The sums' order differs (blocks of rows, tiles of channels), so the runs part at the level of
    // rounding: within 1e-4 for three steps, and then, as BatchNorm and Adam amplify it (measured on
    // Small: 2.4e-3 by step 5), never further apart than the nudged weights take the plain run
    // (8e-3 by step 4).
    expect(maxDiff(withSimd.slice(0, 3), without.slice(0, 3))).toBeLessThanOrEqual(1e-4);
    expect(maxDiff(withSimd, without)).toBeLessThanOrEqual(maxDiff(fromNudged, without));
    // The steps learn: the loss moves.
    expect(Math.abs(withSimd[4]! - withSimd[0]!)).toBeGreaterThan(1e-2);
  });
});

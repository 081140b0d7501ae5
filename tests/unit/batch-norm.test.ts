import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FusedBatchNormalization } from '../../src/lib/resnet/batch-norm';
import { BN_TRAIN, BN_TRAIN_GRAD, hasFusedBatchNorm } from '../../src/lib/engine/bn-kernels';
import { registerWasmTrainingKernels } from '../../src/lib/engine/wasm/wasm-kernels';
import { CASES, COMPARED, disposeWeights, trainingCall, withoutFusedKernels } from './bn-cases';
import { maxScaledDiff, seededFloats } from './helpers';

// The fused layer against TF.js's own BatchNormalization layer on the same backend: forward
// output, moving statistics and the gradients of x, γ and β, within 1e-4 (relative above 1).
// tests/e2e/bn-webgl.spec.ts runs the same table on WebGL in a browser.

const TOL = 1e-4;

beforeAll(() => {
  registerWasmTrainingKernels();
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(['cpu', 'wasm'])('on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  test('the fused kernels are registered', () => {
    expect(hasFusedBatchNorm()).toBe(true);
  });

  describe.each(CASES.map((c, i) => ({ ...c, seed: 100 + i })))('$what: $shape', (c) => {
    test('forward, moving statistics and gradients match TF.js’s layer, without leaking', async () => {
      const before = tf.memory().numTensors;
      const args = { axis: 3, momentum: c.momentum, epsilon: c.epsilon };
      const reference = await trainingCall(tf.layers.batchNormalization(args), c, c.seed);
      const fused = await trainingCall(new FusedBatchNormalization(args), c, c.seed);
      expect(tf.memory().numTensors).toBe(before);
      expect(reference.kernels).toContain('FusedBatchNorm');
      // One kernel forward, one backward, and none of TF.js's own BatchNorm path.
      expect(fused.kernels.filter((k) => k === BN_TRAIN || k === BN_TRAIN_GRAD)).toEqual([BN_TRAIN, BN_TRAIN_GRAD]);
      expect(fused.kernels).not.toContain('FusedBatchNorm');
      for (const key of COMPARED) expect(maxScaledDiff(fused[key], reference[key]), key).toBeLessThanOrEqual(TOL);
    });
  });

  test('the kernels refuse parameters that do not match x’s channels, naming them', () => {
    const x = tf.zeros([2, 3, 3, 4]);
    const ok = tf.ones([4]);
    const bad = tf.ones([5]);
    const attrs = { epsilon: 1e-3, momentum: 0.9 };
    const run = (gamma: tf.Tensor) => tf.engine().runKernel(BN_TRAIN, { x, gamma, beta: ok, movingMean: ok, movingVariance: ok }, attrs);
    expect(() => run(bad)).toThrow(/'gamma' must have shape \[4\]/);
    expect(() => tf.engine().runKernel(BN_TRAIN, { x, gamma: ok, beta: ok, movingMean: ok, movingVariance: ok }, {})).toThrow(/epsilon and momentum/);
    tf.dispose([x, ok, bad]);
  });

  test('without our kernels the layer takes TF.js’s own path', async () => {
    const c = CASES[2]!;
    const args = { axis: 3, momentum: c.momentum, epsilon: c.epsilon };
    const fused = await trainingCall(new FusedBatchNormalization(args), c, 7);
    const fallback = await withoutFusedKernels(backend, () => trainingCall(new FusedBatchNormalization(args), c, 7));
    expect(fallback.kernels).toContain('FusedBatchNorm');
    expect(fallback.kernels).not.toContain(BN_TRAIN);
    for (const key of COMPARED) expect(maxScaledDiff(fused[key], fallback[key]), key).toBeLessThanOrEqual(TOL);
  });
});

test('inference is TF.js’s: the same kernels, moving statistics, no update', async () => {
  await tf.setBackend('cpu');
  const x = tf.tensor4d(seededFloats(3)(2 * 3 * 3 * 4), [2, 3, 3, 4]);
  const outs: tf.Tensor[] = [];
  const kernels: string[][] = [];
  for (const layer of [tf.layers.batchNormalization({ axis: 3 }), new FusedBatchNormalization({ axis: 3 })]) {
    layer.build(x.shape);
    const weights = [tf.fill([4], 2), tf.fill([4], 1), tf.fill([4], 0.5), tf.fill([4], 3)];
    layer.setWeights(weights);
    const profile = await tf.profile(() => layer.apply(x, { training: false }) as tf.Tensor);
    kernels.push(profile.kernels.map((k) => k.name));
    outs.push(profile.result as tf.Tensor);
    expect(layer.getWeights()[3]!.dataSync()).toEqual(new Float32Array([3, 3, 3, 3]));
    tf.dispose(weights);
    disposeWeights(layer);
  }
  expect(kernels[1]).toEqual(kernels[0]);
  expect(kernels[0]).toContain('FusedBatchNorm');
  expect(maxScaledDiff(outs[0]!.dataSync(), outs[1]!.dataSync())).toBe(0);
  tf.dispose([x, ...outs]);
});

test('other layouts than channels-last 4-D fall back to TF.js’s path', async () => {
  await tf.setBackend('cpu');
  const layer = new FusedBatchNormalization({ axis: 1 });
  const x = tf.tensor4d(seededFloats(4)(2 * 3 * 2 * 2), [2, 3, 2, 2]);
  layer.build(x.shape);
  const profile = await tf.profile(() => layer.apply(x, { training: true }) as tf.Tensor);
  expect(profile.kernels.map((k) => k.name)).not.toContain(BN_TRAIN);
  expect(layer.fuses(x)).toBe(false);
  tf.dispose([x, profile.result as tf.Tensor]);
  disposeWeights(layer);
});

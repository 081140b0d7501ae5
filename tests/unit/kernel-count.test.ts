import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PRESETS, smallResNet, type PresetName } from '../../src/lib/resnet';
import { BN_TRAIN, BN_TRAIN_GRAD } from '../../src/lib/engine/bn-kernels';
import { registerWasmTrainingKernels } from '../../src/lib/engine/wasm/wasm-kernels';
import { withoutFusedKernels } from './bn-cases';
import { stepKernels, topKernels, totalOf } from './kernel-count';

// Kernel calls per training step (deterministic, unlike timings on a shared machine), with the
// fused BatchNorm and without it. Each step's counts are attached to the test as annotations.

beforeAll(() => {
  registerWasmTrainingKernels();
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Kernel calls of the second step (the first also creates Adam's slots) of a preset. */
async function countStep(preset: PresetName): Promise<{ counts: Map<string, number>; norms: number }> {
  const model = smallResNet({ ...PRESETS[preset], residual: true });
  model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const xs = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 1);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 10));
  await model.trainOnBatch(xs, ys);
  const counts = await stepKernels(model, xs, ys);
  const norms = model.layers.filter((l) => l.getClassName() === 'BatchNormalization').length;
  tf.dispose([xs, ys]);
  model.optimizer.dispose();
  model.dispose();
  return { counts, norms };
}

const CASES: { backend: string; preset: PresetName }[] = [
  { backend: 'wasm', preset: 'tiny' },
  { backend: 'wasm', preset: 'small' },
  { backend: 'cpu', preset: 'tiny' },
];

describe.each(CASES)('a $preset training step on $backend', ({ backend, preset }) => {
  test('runs each BatchNorm as two kernel calls, some seventy fewer than TF.js’s path', async ({ annotate }) => {
    expect(await tf.setBackend(backend)).toBe(true);
    const fused = await countStep(preset);
    const unfused = await withoutFusedKernels(backend, () => countStep(preset));
    const { norms } = fused;
    expect(fused.counts.get(BN_TRAIN)).toBe(norms);
    expect(fused.counts.get(BN_TRAIN_GRAD)).toBe(norms);
    for (const name of ['FusedBatchNorm', 'Rsqrt', 'Tile']) expect(fused.counts.has(name), name).toBe(false);
    expect(unfused.counts.get('FusedBatchNorm')).toBe(norms);
    expect(totalOf(fused.counts)).toBeLessThanOrEqual(totalOf(unfused.counts) - 70 * norms);
    const top = topKernels(fused.counts)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ');
    await annotate(`${totalOf(unfused.counts)} → ${totalOf(fused.counts)} kernel calls (${norms} BatchNorm layers); top: ${top}`);
  });
});

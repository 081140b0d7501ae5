/**
 * The browser side of bn-webgl.spec.ts: the unit tests' BatchNorm checks (tests/unit/bn-cases.ts),
 * run on TF.js's WebGL backend. The spec bundles this file with TF.js at test time and adds it to
 * a page of the built site, so the site itself ships nothing for it.
 */
import * as tf from '@tensorflow/tfjs';
import { registerKernels } from '../../src/lib/engine/register';
import { FusedBatchNormalization } from '../../src/lib/resnet/batch-norm';
import { PRESETS, smallResNet, type PresetName } from '../../src/lib/resnet';
import { BN_TRAIN, BN_TRAIN_GRAD, hasFusedBatchNorm } from '../../src/lib/engine/bn-kernels';
import { CASES, COMPARED, trainingCall, trainTiny, withoutFusedKernels } from '../unit/bn-cases';
import { maxScaledDiff } from '../unit/helpers';
import { stepKernels, topKernels, totalOf } from '../unit/kernel-count';

/** Kernel calls of one training step of a preset (after a first step), by name. */
async function countStep(preset: PresetName, batch: number): Promise<Map<string, number>> {
  const model = smallResNet({ ...PRESETS[preset], residual: true });
  model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const xs = tf.randomUniform([batch, 28, 28, 1], 0, 1, 'float32', 1);
  const ys = tf.tidy(() =>
    tf.oneHot(
      tf.tensor1d(
        Array.from({ length: batch }, (_, i) => i % 10),
        'int32',
      ),
      10,
    ),
  );
  await model.trainOnBatch(xs, ys);
  const counts = await stepKernels(model, xs, ys);
  tf.dispose([xs, ys]);
  model.optimizer.dispose();
  model.dispose();
  return counts;
}

const bnWebGL = {
  async start(): Promise<{ backend: string; fused: boolean }> {
    await registerKernels('webgl');
    await tf.setBackend('webgl');
    return { backend: tf.getBackend(), fused: hasFusedBatchNorm() };
  },
  cases: CASES.map((c) => `${c.what} ${JSON.stringify(c.shape)}`),
  /** Largest differences, fused against TF.js's layer, and which kernels each ran. */
  async compare(index: number) {
    const c = CASES[index]!;
    const args = { axis: 3, momentum: c.momentum, epsilon: c.epsilon };
    const before = tf.memory().numTensors;
    const reference = await trainingCall(tf.layers.batchNormalization(args), c, 100 + index);
    const fused = await trainingCall(new FusedBatchNormalization(args), c, 100 + index);
    return {
      diffs: Object.fromEntries(COMPARED.map((key) => [key, maxScaledDiff(fused[key], reference[key])])),
      fusedKernels: fused.kernels.filter((k) => k === BN_TRAIN || k === BN_TRAIN_GRAD || k === 'FusedBatchNorm'),
      referenceKernels: reference.kernels.filter((k) => k === BN_TRAIN || k === 'FusedBatchNorm'),
      leaked: tf.memory().numTensors - before,
    };
  },
  async train(steps: number) {
    const before = tf.memory().numTensors;
    const fused = await trainTiny(steps);
    const unfused = await withoutFusedKernels('webgl', () => trainTiny(steps));
    return { fused, unfused, leaked: tf.memory().numTensors - before };
  },
  async count(preset: PresetName, batch: number) {
    const fused = await countStep(preset, batch);
    const unfused = await withoutFusedKernels('webgl', () => countStep(preset, batch));
    return { fused: totalOf(fused), unfused: totalOf(unfused), top: topKernels(fused), norms: fused.get(BN_TRAIN) ?? 0 };
  },
};

export type BnWebGL = typeof bnWebGL;

(globalThis as unknown as { bnWebGL: BnWebGL }).bnWebGL = bnWebGL;

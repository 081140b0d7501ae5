/**
 * Kernel counts for the tests and scripts, on top of the lab's own counter
 * (src/lib/engine/kernel-calls.ts): a deterministic measure of a training step's cost where
 * timings on a shared machine are noise.
 */
import * as tf from '@tensorflow/tfjs';
import { countKernelCalls, topKernels, totalCalls } from '../../src/lib/engine/kernel-calls';
import { seededFloats } from './helpers';

export { topKernels };
export const totalOf = totalCalls;

/** Kernel calls by name while `work` runs, with their total. */
export async function countKernels(work: () => unknown): Promise<{ total: number; byName: Map<string, number> }> {
  const { calls } = await countKernelCalls(async () => {
    await work();
  });
  return { total: totalCalls(calls), byName: calls };
}

/** Kernel calls one `trainOnBatch` makes, by kernel name. */
export async function stepKernels(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor): Promise<Map<string, number>> {
  return (await countKernelCalls(() => model.trainOnBatch(xs, ys))).calls;
}

/** Random images (batch, 28, 28, 1) in [0, 1) and one-hot labels (batch, classes), seeded. */
export function randomBatch(batch: number, classes: number, seed = 1): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const pixels = seededFloats(seed)(batch * 784, 0, 1);
  const labels = Float32Array.from({ length: batch * classes }, (_, i) => (i % classes === Math.floor(i / classes) % classes ? 1 : 0));
  return { xs: tf.tensor4d(pixels, [batch, 28, 28, 1]), ys: tf.tensor2d(labels, [batch, classes]) };
}

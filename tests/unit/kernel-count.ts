/**
 * Counts the kernels TF.js dispatches, by name: a deterministic measure of a training step's cost
 * where timings on a shared machine are noise. Every op and every gradient reaches the backend
 * through `engine.runKernelFunc`; kernels that call other kernels' functions directly (as some
 * backends do inside one kernel) are one dispatch and count once.
 */
import * as tf from '@tensorflow/tfjs';

type RunKernelFunc = (params: { kernelName?: string }) => unknown;

/** Kernel calls by name while `work` runs, with their total. */
export async function countKernels(work: () => unknown): Promise<{ total: number; byName: Map<string, number> }> {
  const engine = tf.engine() as unknown as { runKernelFunc: RunKernelFunc };
  const original = engine.runKernelFunc;
  const byName = new Map<string, number>();
  let total = 0;
  engine.runKernelFunc = function (this: unknown, params) {
    // Custom-gradient scopes arrive without a kernel name; the kernels inside them are counted.
    if (params.kernelName !== undefined) {
      byName.set(params.kernelName, (byName.get(params.kernelName) ?? 0) + 1);
      total++;
    }
    return original.call(this, params);
  };
  try {
    await work();
  } finally {
    engine.runKernelFunc = original;
  }
  return { total, byName };
}

/** Random images (batch, 28, 28, 1) in [0, 1) and one-hot labels (batch, classes), seeded. */
export function randomBatch(batch: number, classes: number, seed = 1): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pixels = Float32Array.from({ length: batch * 784 }, next);
  const labels = Float32Array.from({ length: batch * classes }, (_, i) => (i % classes === Math.floor(i / classes) % classes ? 1 : 0));
  return { xs: tf.tensor4d(pixels, [batch, 28, 28, 1]), ys: tf.tensor2d(labels, [batch, classes]) };
}

import * as tf from '@tensorflow/tfjs';

/**
 * Kernel calls one `trainOnBatch` makes, by kernel name, from `tf.profile`. The profile also
 * lists `customGrad` wrappers (names ending in `__op`, e.g. `fusedConv2d__op`), which run no
 * kernel of their own (the kernel inside them is listed too), so they are left out: the total
 * equals the calls to `tf.engine().runKernel`.
 */
export async function stepKernels(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor): Promise<Map<string, number>> {
  const info = await tf.profile(async () => {
    await model.trainOnBatch(xs, ys);
    return [];
  });
  const counts = new Map<string, number>();
  for (const { name } of info.kernels) {
    if (!name.endsWith('__op')) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

export const totalOf = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

/** The `n` most frequent kernels, most frequent first (ties by name). */
export function topKernels(counts: Map<string, number>, n = 15): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
}

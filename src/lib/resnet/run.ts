/**
 * Runs a block on a real tensor: builds it with tf.layers on the current backend, pushes a random
 * batch through it and reports, for every step, the actual shape, mean and standard deviation,
 * and one channel of the first example as a small map for a heat-map.
 */
import * as tf from '@tensorflow/tfjs';
import { convolutionalBlockSpec, identityBlockSpec, type BlockKind } from './blocks';
import type { BlockParams } from './block-params';
import { applyBlock } from './build';

export interface StepRun {
  id: string;
  /** The actual tensor shape, batch axis first. */
  shape: number[];
  mean: number;
  std: number;
  /** Channel 0 of the first example, row by row: height × width values. */
  map: Float32Array;
}

export interface BlockRun {
  backend: string;
  steps: StepRun[];
}

/** The block's layers as one model whose outputs are every step, input included. */
function stepModel(kind: BlockKind, p: BlockParams): { model: tf.LayersModel; ids: string[] } {
  const spec =
    kind === 'identity' ? identityBlockSpec(p.f, [p.F1, p.F2, p.F3], p.stage, p.block) : convolutionalBlockSpec(p.f, [p.F1, p.F2, p.F3], p.stage, p.block, p.s);
  const X = tf.input({ shape: [p.H, p.W, p.C] });
  const { tensors } = applyBlock(X, spec);
  return { model: tf.model({ inputs: X, outputs: [...tensors.values()] }), ids: ['input', ...tensors.keys()] };
}

/**
 * Builds the block and runs a seeded random batch of `p.m` inputs through it (inference mode).
 * Every tensor and weight it makes is disposed before it returns.
 */
export async function runBlock(kind: BlockKind, p: BlockParams, seed = 0): Promise<BlockRun> {
  const { model, ids } = stepModel(kind, p);
  try {
    const outputs = tf.tidy(() => {
      const batch = tf.randomNormal([p.m, p.H, p.W, p.C], 0, 1, 'float32', seed);
      const results = [batch, ...(model.predict(batch) as tf.Tensor[])];
      return results.map((t) => {
        const { mean, variance } = tf.moments(t);
        const map = t.slice([0, 0, 0, 0], [1, -1, -1, 1]).reshape([t.shape[1] ?? 1, t.shape[2] ?? 1]);
        return { shape: t.shape, stats: tf.stack([mean, variance.sqrt()]), map };
      });
    });
    try {
      const steps: StepRun[] = [];
      for (const [i, out] of outputs.entries()) {
        const [mean = 0, std = 0] = await out.stats.data();
        steps.push({ id: ids[i] as string, shape: out.shape, mean, std, map: (await out.map.data()) as Float32Array });
      }
      return { backend: tf.getBackend(), steps };
    } finally {
      for (const out of outputs) tf.dispose([out.stats, out.map]);
    }
  } finally {
    model.dispose();
  }
}

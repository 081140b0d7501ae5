/**
 * Runs a block on a real tensor: builds its layers with tf.layers on the current backend, pushes
 * a random batch through them one step at a time and reports, for every step, the actual shape,
 * mean and standard deviation, and one channel of the first example as a small map for a heat-map.
 *
 * The steps are wired by the same code as the models (build.ts), applied to real tensors rather
 * than symbolic ones, because only a layer called directly takes `training`: a LayersModel's
 * predict always runs BatchNorm in inference mode.
 */
import * as tf from '@tensorflow/tfjs';
import type { BlockKind } from './blocks';
import type { BlockParams } from './block-params';
import { wireBlock, type ApplyLayer } from './build';
import { blockSpec } from './preact';

/**
 * How BatchNorm runs. 'inference' is what predict does: it scales by the moving averages, which
 * for a freshly built layer are mean 0 and variance 1, so it is almost the identity,
 * x / √(1 + 0.001). 'training' is what fit does: each channel is normalised by this batch's own
 * mean and variance, so it comes out with mean 0 and standard deviation about 1.
 */
export type BatchNormMode = 'inference' | 'training';

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
  mode: BatchNormMode;
  steps: StepRun[];
}

/**
 * Builds the block and runs a seeded random batch of `p.m` inputs through it, with BatchNorm in
 * `mode`. Every tensor and weight it makes is disposed before it returns. `seed` must not be 0:
 * TF.js's normal sampler reads a seed of 0 as none and draws a different batch every time.
 */
export async function runBlock(kind: BlockKind, p: BlockParams, seed = 1, mode: BatchNormMode = 'inference'): Promise<BlockRun> {
  const spec = blockSpec(kind, p.order ?? 'post', p.f, [p.F1, p.F2, p.F3], p.stage, p.block, p.s);
  const layers: tf.layers.Layer[] = [];
  const kwargs = { training: mode === 'training' };
  const eagerly: ApplyLayer<tf.Tensor> = (layer, input) => {
    layers.push(layer);
    return layer.apply(input, kwargs) as tf.Tensor;
  };
  try {
    const outputs = tf.tidy(() => {
      const batch = tf.randomNormal([p.m, p.H, p.W, p.C], 0, 1, 'float32', seed);
      const tensors = new Map<string, tf.Tensor>([['input', batch]]);
      wireBlock(batch, spec, eagerly, tensors);
      return [...tensors].map(([id, t]) => {
        const { mean, variance } = tf.moments(t);
        const map = t.slice([0, 0, 0, 0], [1, -1, -1, 1]).reshape([t.shape[1] ?? 1, t.shape[2] ?? 1]);
        return { id, shape: t.shape, stats: tf.stack([mean, variance.sqrt()]), map };
      });
    });
    try {
      const steps: StepRun[] = [];
      for (const out of outputs) {
        const [mean = 0, std = 0] = await out.stats.data();
        steps.push({ id: out.id, shape: out.shape, mean, std, map: (await out.map.data()) as Float32Array });
      }
      return { backend: tf.getBackend(), mode, steps };
    } finally {
      for (const out of outputs) tf.dispose([out.stats, out.map]);
    }
  } finally {
    // Weights are variables, which tf.tidy keeps: each layer disposes its own.
    for (const layer of layers) if (layer.built) layer.dispose();
  }
}

/**
 * What the fused BatchNorm is checked on, shared by the unit tests (cpu, wasm in Node) and the
 * browser test (webgl, bundled into a page by tests/e2e/bn-webgl.spec.ts): a table of shapes, one
 * training-mode call of a layer with its gradients, and a few training steps of the Tiny preset.
 * Plain TF.js and our sources only, no test runner, so it runs in either place.
 */
import * as tf from '@tensorflow/tfjs';
import { PRESETS, smallResNet } from '../../src/lib/resnet';
import { BN_TRAIN, BN_TRAIN_GRAD, registerFusedBatchNorm } from '../../src/lib/engine/bn-kernels';
import { seededFloats } from './helpers';

export interface Case {
  what: string;
  shape: [number, number, number, number];
  /** Inputs are uniform in [offset − scale, offset + scale). */
  scale: number;
  offset: number;
  momentum: number;
  epsilon: number;
}

export const CASES: Case[] = [
  { what: 'batch 1, one pixel', shape: [1, 1, 1, 3], scale: 1, offset: 0, momentum: 0.99, epsilon: 1e-3 },
  { what: 'batch 1', shape: [1, 5, 3, 2], scale: 1, offset: 0, momentum: 0.9, epsilon: 1e-3 },
  { what: 'odd sizes', shape: [3, 7, 9, 5], scale: 2, offset: 0.5, momentum: 0.9, epsilon: 1e-3 },
  { what: 'one channel', shape: [4, 4, 4, 1], scale: 1, offset: 0, momentum: 0.5, epsilon: 1e-5 },
  { what: 'large values', shape: [3, 5, 5, 8], scale: 1000, offset: 0, momentum: 0.99, epsilon: 1e-3 },
  { what: 'a large mean', shape: [5, 3, 1, 4], scale: 3, offset: 50, momentum: 0.9, epsilon: 1e-2 },
  { what: 'a wider layer', shape: [8, 6, 6, 16], scale: 1, offset: 0, momentum: 0.9, epsilon: 1e-3 },
];

export const COMPARED = ['y', 'movingMean', 'movingVariance', 'dx', 'dGamma', 'dBeta'] as const;

export type CallResult = Record<(typeof COMPARED)[number], Float32Array> & { kernels: string[] };

/** Frees a layer used eagerly (Layer.dispose only accepts layers applied to symbolic tensors). */
export function disposeWeights(layer: tf.layers.Layer): void {
  for (const w of layer.weights) w.dispose();
}

/**
 * One training-mode call of `layer` (then disposed) on a seeded x, and the gradients of Σ y · w
 * with respect to x, γ and β; `kernels` lists the kernels it ran.
 */
export async function trainingCall(layer: tf.layers.Layer, c: Case, seed: number): Promise<CallResult> {
  const rand = seededFloats(seed);
  const size = c.shape.reduce((a, b) => a * b, 1);
  const C = c.shape[3];
  const x = tf.tidy(() => tf.variable(tf.tensor4d(rand(size, c.offset - c.scale, c.offset + c.scale), c.shape)));
  const w = tf.tensor4d(rand(size), c.shape);
  layer.build(c.shape);
  const params = [rand(C, 0.5, 1.5), rand(C), rand(C), rand(C, 0.5, 2)].map((v) => tf.tensor1d(v));
  layer.setWeights(params);
  tf.dispose(params);
  const [gamma, beta] = layer.trainableWeights.map((v) => v.read() as tf.Variable);
  let y: tf.Tensor | undefined;
  let grads: tf.NamedTensorMap = {};
  const profile = await tf.profile(() => {
    const result = tf.variableGrads(() => {
      y = tf.keep(layer.apply(x, { training: true }) as tf.Tensor);
      return tf.sum(tf.mul(y, w));
    }, [x, gamma!, beta!]);
    result.value.dispose();
    grads = result.grads;
    return [];
  });
  const values = async (t: tf.Tensor) => Float32Array.from(await t.data());
  const [, , mm, mv] = layer.getWeights();
  const out = {
    y: await values(y!),
    movingMean: await values(mm!),
    movingVariance: await values(mv!),
    dx: await values(grads[x.name]!),
    dGamma: await values(grads[gamma!.name]!),
    dBeta: await values(grads[beta!.name]!),
    kernels: profile.kernels.map((k) => k.name),
  };
  tf.dispose([x, w, y!, ...Object.values(grads)]);
  disposeWeights(layer);
  return out;
}

/** Runs `work` with our kernels unregistered for `backend`, so the layer takes TF.js's path. */
export async function withoutFusedKernels<T>(backend: string, work: () => Promise<T>): Promise<T> {
  tf.unregisterKernel(BN_TRAIN, backend);
  tf.unregisterKernel(BN_TRAIN_GRAD, backend);
  try {
    return await work();
  } finally {
    registerFusedBatchNorm();
  }
}

export const TINY_BATCH = 8;

/** The Tiny preset compiled as the lab compiles it (Adam, cross-entropy, accuracy). */
export function tinyModel(): tf.LayersModel {
  const model = smallResNet({ ...PRESETS.tiny, residual: true });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** A fixed batch: seeded pixels in [0, 1] and labels 0, 1, 2, … */
export function tinyBatch(): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const pixels = seededFloats(2016)(TINY_BATCH * 28 * 28, 0, 1);
  return tf.tidy(() => ({
    xs: tf.tensor4d(pixels, [TINY_BATCH, 28, 28, 1]),
    ys: tf.oneHot(
      tf.tensor1d(
        Array.from({ length: TINY_BATCH }, (_, i) => i % 10),
        'int32',
      ),
      10,
    ) as tf.Tensor2D,
  }));
}

/** Losses of `steps` steps of the Tiny preset from its seeded weights, and the tensor count after each. */
export async function trainTiny(steps: number): Promise<{ losses: number[]; tensors: number[] }> {
  const model = tinyModel();
  const { xs, ys } = tinyBatch();
  const losses: number[] = [];
  const tensors: number[] = [];
  for (let step = 0; step < steps; step++) {
    const [loss] = (await model.trainOnBatch(xs, ys)) as number[];
    losses.push(loss!);
    tensors.push(tf.memory().numTensors);
  }
  tf.dispose([xs, ys]);
  model.optimizer.dispose();
  model.dispose();
  return { losses, tensors };
}

/**
 * Runs in the browser (bundled by fused-webgl.spec.ts): the fused optimizers against TF.js's own
 * on the WebGL backend, which Node does not have. Everything it reports is data for the spec.
 */
import * as tf from '@tensorflow/tfjs';
import { registerKernels } from '../../src/lib/engine/register';
import { PRESETS, smallResNet } from '../../src/lib/resnet/small';
import { FusedAdamOptimizer, FusedMomentumOptimizer } from '../../src/lib/engine/fused-optimizers';
import { convBnModel } from '../unit/helpers';
import { countKernels, randomBatch } from '../unit/kernel-count';

const OPTIMIZERS = {
  adam: { stock: () => tf.train.adam(0.01), fused: () => new FusedAdamOptimizer(0.01) },
  momentum: { stock: () => tf.train.momentum(0.05, 0.9), fused: () => new FusedMomentumOptimizer(0.05, 0.9) },
};

/** Counts the GPU programs the WebGL backend runs: its dispatches, packing conversions included. */
async function countPrograms(work: () => Promise<unknown>): Promise<number> {
  const backend = tf.backend() as unknown as { runWebGLProgram: (...args: unknown[]) => unknown };
  const original = backend.runWebGLProgram;
  let programs = 0;
  backend.runWebGLProgram = function (this: unknown, ...args: unknown[]) {
    programs++;
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    backend.runWebGLProgram = original;
  }
  return programs;
}

async function train(model: tf.LayersModel, optimizer: tf.Optimizer, xs: tf.Tensor, ys: tf.Tensor, steps: number) {
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const losses: number[] = [];
  const tensors: number[] = [];
  for (let i = 0; i < steps - 1; i++) {
    losses.push((await model.trainOnBatch(xs, ys)) as number);
    tensors.push(tf.memory().numTensors);
  }
  // The last step is counted: kernels through the engine, programs on the GPU.
  let kernels = 0;
  const programs = await countPrograms(async () => {
    kernels = (await countKernels(async () => losses.push((await model.trainOnBatch(xs, ys)) as number))).total;
  });
  tensors.push(tf.memory().numTensors);
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  model.dispose();
  optimizer.dispose();
  return { losses, weights, kernels, programs, tensors };
}

const maxDiff = (a: number[][], b: number[][]) => Math.max(...a.map((row, i) => Math.max(0, ...row.map((v, j) => Math.abs(v - b[i]![j]!)))));

export interface Comparison {
  lossDiff: number;
  weightDiff: number;
  kernels: { stock: number; fused: number };
  programs: { stock: number; fused: number };
  /** numTensors after each step of the fused run, and whether everything was freed after. */
  tensors: number[];
  freed: boolean;
}

/** Five steps of the small model with each optimizer, stock and fused, in the given packing. */
export async function compareOnWebGL(packed: boolean): Promise<{ backend: string; results: Record<string, Comparison> }> {
  await registerKernels('webgl');
  await tf.setBackend('webgl');
  tf.env().set('WEBGL_PACK_BINARY_OPERATIONS', packed);
  const out: Record<string, Comparison> = {};
  for (const [kind, { stock, fused }] of Object.entries(OPTIMIZERS)) {
    const xs = tf.randomUniform([4, 6, 5, 2], -1, 1, 'float32', 7);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 2, 1, 2], 'int32'), 3));
    const a = await train(convBnModel(), stock(), xs, ys, 5);
    // Counted from here: TF.js's own MomentumOptimizer leaves its learning-rate scalar behind.
    const start = tf.memory().numTensors;
    const b = await train(convBnModel(), fused(), xs, ys, 5);
    const freed = tf.memory().numTensors === start;
    tf.dispose([xs, ys]);
    out[kind] = {
      lossDiff: Math.max(...a.losses.map((l, i) => Math.abs(l - b.losses[i]!))),
      weightDiff: maxDiff(a.weights, b.weights),
      kernels: { stock: a.kernels, fused: b.kernels },
      programs: { stock: a.programs, fused: b.programs },
      tensors: b.tensors,
      freed,
    };
  }
  return { backend: tf.getBackend(), results: out };
}

/** Kernel calls and GPU programs of one Tiny training step (batch 8, after two), stock and fused Adam. */
export async function tinyStepOnWebGL(): Promise<{ kernels: { stock: number; fused: number }; programs: { stock: number; fused: number }; lossDiff: number }> {
  await registerKernels('webgl');
  await tf.setBackend('webgl');
  tf.env().set('WEBGL_PACK_BINARY_OPERATIONS', true);
  const { xs, ys } = randomBatch(8, 10);
  const a = await train(smallResNet({ ...PRESETS.tiny, residual: true }), tf.train.adam(0.001), xs, ys, 3);
  const b = await train(smallResNet({ ...PRESETS.tiny, residual: true }), new FusedAdamOptimizer(0.001), xs, ys, 3);
  tf.dispose([xs, ys]);
  return {
    kernels: { stock: a.kernels, fused: b.kernels },
    programs: { stock: a.programs, fused: b.programs },
    lossDiff: Math.max(...a.losses.map((l, i) => Math.abs(l - b.losses[i]!))),
  };
}

Object.assign(window, { compareOnWebGL, tinyStepOnWebGL });

/**
 * End to end: tiny residual networks train identically on 'wasm', with our training kernels
 * registered, and on 'cpu', the reference the rest of the unit tests trust.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerWasmTrainingKernels } from '../../src/lib/engine/wasm/wasm-kernels';
import { maxAbsDiff, seededFloats } from './helpers';

type Backend = 'cpu' | 'wasm';

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

type Variant = 'residual' | 'stem';

function buildModel(variant: Variant): tf.LayersModel {
  const input = tf.input({ shape: [9, 10, 2] });
  let x: tf.SymbolicTensor = input;
  if (variant === 'stem') {
    // The ResNet stem: zero padding, a 7×7/2 valid conv, BN, ReLU, 3×3/2 max pool.
    x = tf.layers.zeroPadding2d({ padding: 3 }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.conv2d({ filters: 4, kernelSize: 7, strides: 2, padding: 'valid' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ axis: 3 }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.activation({ activation: 'relu' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }).apply(x) as tf.SymbolicTensor;
  }
  let main = tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same' }).apply(x) as tf.SymbolicTensor;
  main = tf.layers.batchNormalization({ axis: 3 }).apply(main) as tf.SymbolicTensor;
  main = tf.layers.activation({ activation: 'relu' }).apply(main) as tf.SymbolicTensor;
  main = tf.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same' }).apply(main) as tf.SymbolicTensor;
  main = tf.layers.batchNormalization({ axis: 3 }).apply(main) as tf.SymbolicTensor;
  let shortcut = tf.layers.conv2d({ filters: 6, kernelSize: 1, strides: 2, padding: 'valid' }).apply(x) as tf.SymbolicTensor;
  shortcut = tf.layers.batchNormalization({ axis: 3 }).apply(shortcut) as tf.SymbolicTensor;
  let y = tf.layers.add().apply([main, shortcut]) as tf.SymbolicTensor;
  y = tf.layers.activation({ activation: 'relu' }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.averagePooling2d({ poolSize: 2, strides: variant === 'stem' ? 1 : 2, padding: 'valid' }).apply(y) as tf.SymbolicTensor;
  y = tf.layers.flatten().apply(y) as tf.SymbolicTensor;
  y = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(y) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: y });
}

const OPTIMIZERS = {
  adam: () => tf.train.adam(0.01),
  momentum: () => tf.train.momentum(0.05, 0.9),
};

describe.each([
  { variant: 'residual' as Variant, optimizer: 'adam' as const },
  { variant: 'stem' as Variant, optimizer: 'momentum' as const },
])('training the $variant model with $optimizer', ({ variant, optimizer }) => {
  test('loses the same on wasm as on cpu, without leaking tensors', async () => {
    const rand = seededFloats(variant === 'stem' ? 77 : 42);
    const batch = 6;
    const xs = rand(batch * 9 * 10 * 2);
    const labels = Array.from({ length: batch }, (_, i) => i % 3);

    // Same initial weights on both backends: take them from a model built on cpu.
    await tf.setBackend('cpu');
    const reference = buildModel(variant);
    const weights = reference.getWeights().map((t) => ({ values: Float32Array.from(t.dataSync()), shape: t.shape }));
    reference.dispose();

    async function train(backend: Backend): Promise<{ losses: number[]; counts: number[]; buffers: number[] }> {
      await tf.setBackend(backend);
      const model = buildModel(variant);
      const init = weights.map((w) => tf.tensor(w.values, w.shape));
      model.setWeights(init);
      tf.dispose(init);
      model.compile({ optimizer: OPTIMIZERS[optimizer](), loss: 'categoricalCrossentropy' });
      const x = tf.tensor4d(xs, [batch, 9, 10, 2]);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 3));
      const losses: number[] = [];
      const counts: number[] = [];
      // The backend's own count also catches scratch buffers a kernel forgot to free.
      const buffers: number[] = [];
      for (let step = 0; step < 3; step++) {
        losses.push((await model.trainOnBatch(x, y)) as number);
        counts.push(tf.memory().numTensors);
        buffers.push(tf.backend().numDataIds());
      }
      tf.dispose([x, y]);
      model.optimizer.dispose();
      model.dispose();
      return { losses, counts, buffers };
    }

    const wasm = await train('wasm');
    const cpu = await train('cpu');
    await tf.setBackend('wasm');
    expect(wasm.losses.every(Number.isFinite)).toBe(true);
    expect(maxAbsDiff(wasm.losses, cpu.losses)).toBeLessThanOrEqual(1e-3);
    // The loss moves, so the weights really were updated.
    expect(Math.abs(wasm.losses[2]! - wasm.losses[0]!)).toBeGreaterThan(1e-3);
    // The optimizer's slots appear in step 1; after that nothing may pile up.
    expect(wasm.counts[2]).toBe(wasm.counts[0]);
    expect(wasm.counts[1]).toBe(wasm.counts[0]);
    expect(wasm.buffers[2]).toBe(wasm.buffers[0]);
    expect(wasm.buffers[1]).toBe(wasm.buffers[0]);
  });
});

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { RELU_GRAD } from '../../src/lib/engine/wasm/relu-grad';
import { countKernelCalls } from '../../src/lib/engine/kernel-calls';
import { registerWasmTrainingKernels } from '../../src/lib/engine/wasm/wasm-kernels';

// ReLU's gradient in one kernel on wasm (relu-grad.ts), and TF.js's own composition elsewhere.

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

// 4 × 2 + 3 values: SIMD for the first eight, plain JavaScript for the last three; zeros, a
// negative zero and values either side of it.
const X = [-2, 0, 3, -0, 1e-30, -1e-30, 5, -4, 7, 0, -1];
const DY = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const EXPECTED = [0, 0, 3, 0, 5, 0, 7, 0, 9, 0, 0];

async function reluGradient(backend: 'wasm' | 'cpu'): Promise<{ dx: number[]; kernels: Map<string, number> }> {
  await tf.setBackend(backend);
  const x = tf.tensor1d(X);
  const dy = tf.tensor1d(DY);
  let dx: tf.Tensor | undefined;
  const { calls } = await countKernelCalls(() => {
    dx = tf.grad((t: tf.Tensor) => tf.relu(t))(x, dy);
  });
  const values = Array.from(await dx!.data());
  tf.dispose([x, dy, dx!]);
  return { dx: values, kernels: calls };
}

test('on wasm one kernel makes dx = dy where x > 0, and 0 elsewhere', async () => {
  const { dx, kernels } = await reluGradient('wasm');
  expect(dx).toEqual(EXPECTED);
  expect(kernels.get(RELU_GRAD)).toBe(1);
  expect(kernels.has('Step')).toBe(false);
  expect(kernels.has('Multiply')).toBe(false);
});

test('elsewhere the gradient is TF.js’s own Step and Multiply, with the same values', async () => {
  const { dx, kernels } = await reluGradient('cpu');
  expect(dx).toEqual(EXPECTED);
  expect(kernels.has(RELU_GRAD)).toBe(false);
  expect(kernels.get('Step')).toBe(1);
  expect(kernels.get('Multiply')).toBe(1);
});

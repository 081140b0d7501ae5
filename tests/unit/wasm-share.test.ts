import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerWasmTrainingKernels } from '../../src/lib/engine/wasm/wasm-kernels';

// Zero-copy Identity and Cast on TF.js's WASM backend in Node.

interface RefCounts {
  refCount(dataId: tf.DataId): number;
  numDataIds(): number;
}
const wasm = () => tf.engine().backend as unknown as RefCounts;

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Numbers and dtypes the WASM heap holds; a string tensor keeps the built-in path. */
const NUMERIC = [
  { dtype: 'float32' as const, values: [1.5, -2, 0, 3.25] },
  { dtype: 'int32' as const, values: [7, -3, 0, 2147483647] },
  { dtype: 'bool' as const, values: [1, 0, 0, 1] },
];

describe.each(NUMERIC)('$dtype', ({ dtype, values }) => {
  test.each([
    ['Identity (tf.clone)', (x: tf.Tensor) => tf.clone(x)],
    ['same-dtype Cast', (x: tf.Tensor) => tf.cast(x, dtype)],
  ] as const)('%s shares the data: no copy, and it outlives the original', (_, op) => {
    const before = { tensors: tf.memory().numTensors, dataIds: wasm().numDataIds() };
    const x = tf.tensor(values, [2, 2], dtype);
    const y = op(x);
    expect(y.dtype).toBe(dtype);
    expect(y.dataId).toBe(x.dataId);
    expect(wasm().refCount(x.dataId)).toBe(2);
    expect(tf.memory().numTensors).toBe(before.tensors + 2);
    expect(wasm().numDataIds()).toBe(before.dataIds + 1);
    x.dispose();
    expect(wasm().refCount(y.dataId)).toBe(1);
    expect(Array.from(y.dataSync())).toEqual(values);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before.tensors);
    expect(wasm().numDataIds()).toBe(before.dataIds);
  });
});

test('many shares disposed in any order free the data once, after the last', () => {
  const dataIds = wasm().numDataIds();
  const x = tf.tensor([1, 2, 3]);
  const shares = [tf.clone(x), tf.cast(x, 'float32'), tf.clone(x), x.clone()];
  expect(wasm().refCount(x.dataId)).toBe(5);
  for (const i of [2, 0, 3]) shares[i]!.dispose();
  x.dispose();
  expect(wasm().refCount(shares[1]!.dataId)).toBe(1);
  expect(Array.from(shares[1]!.dataSync())).toEqual([1, 2, 3]);
  shares[1]!.dispose();
  expect(wasm().numDataIds()).toBe(dataIds);
});

test('a share inside tf.tidy survives when returned, and the original is freed', () => {
  const dataIds = wasm().numDataIds();
  const y = tf.tidy(() => tf.clone(tf.tensor([4, 5])));
  expect(wasm().refCount(y.dataId)).toBe(1);
  expect(Array.from(y.dataSync())).toEqual([4, 5]);
  y.dispose();
  expect(wasm().numDataIds()).toBe(dataIds);
});

test.each([
  { from: 'float32' as const, to: 'int32' as const, values: [1.7, -2.7, 0.2], want: [1, -2, 0] },
  { from: 'int32' as const, to: 'float32' as const, values: [3, -4, 0], want: [3, -4, 0] },
  // TF.js 4.22's own WASM Cast gives [3, 0, 255] and [0, 0, 0, 0] for these two.
  { from: 'int32' as const, to: 'bool' as const, values: [3, 0, -1], want: [1, 0, 1] },
  { from: 'float32' as const, to: 'bool' as const, values: [0.5, 0, -0, NaN], want: [1, 0, 0, 1] },
  { from: 'bool' as const, to: 'float32' as const, values: [1, 0, 1], want: [1, 0, 1] },
])('a Cast from $from to $to still converts, into its own data', ({ from, to, values, want }) => {
  tf.tidy(() => {
    const x = tf.tensor(values, [values.length], from);
    const y = tf.cast(x, to);
    expect(y.dtype).toBe(to);
    expect(y.dataId).not.toBe(x.dataId);
    expect(Array.from(y.dataSync())).toEqual(want);
  });
});

test('a string tensor is cloned by the built-in kernel', () => {
  tf.tidy(() => {
    const y = tf.clone(tf.tensor(['a', 'bc']));
    expect(y.dataSync()).toEqual(['a', 'bc']);
  });
});

test('gradients through clones and casts are unchanged', () => {
  tf.tidy(() => {
    const f = (x: tf.Tensor) => tf.clone(tf.cast(x, 'float32')).square().sum();
    expect(
      Array.from(
        tf
          .grad(f)(tf.tensor([1, -2, 3]))
          .dataSync(),
      ),
    ).toEqual([2, -4, 6]);
  });
});

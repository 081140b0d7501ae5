import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isGlobalPool } from '../../src/lib/engine/wasm/wasm-global-pool-grad';
import { registerWasmTrainingKernels } from '../../src/lib/engine/wasm/wasm-kernels';

// The global average pool's gradient on TF.js's WASM backend in Node, against the CPU backend.
// (Pools that are not global keep the built-in kernel: wasm-kernels.test.ts checks those.)

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('AvgPoolGrad over the whole map', () => {
  const cases: { shape: [number, number, number, number]; pad: 'valid' | 'same' }[] = [
    { shape: [2, 7, 7, 16], pad: 'valid' }, // Small's avg_pool
    { shape: [3, 4, 5, 3], pad: 'valid' },
    { shape: [1, 3, 3, 1], pad: 'same' },
    { shape: [2, 1, 1, 8], pad: 'valid' },
    { shape: [0, 2, 2, 3], pad: 'valid' },
  ];

  test.each(cases)('on $shape (pad $pad) gives the CPU backend’s gradient', async ({ shape, pad }) => {
    const [b, h, w, c] = shape;
    const pool: [number, number] = [h, w];
    expect(isGlobalPool(tf.backend_util.computePool2DInfo(shape, pool, pool, 1, pad))).toBe(true);
    const run = () =>
      tf.tidy(() => {
        const x = tf.randomUniform(shape, -1, 1, 'float32', 1);
        const weights = tf.randomUniform([b, 1, 1, c], -1, 1, 'float32', 2);
        return tf.grad((a: tf.Tensor) =>
          tf
            .avgPool(a as tf.Tensor4D, pool, pool, pad)
            .mul(weights)
            .sum(),
        )(x);
      });
    const onWasm = run();
    await tf.setBackend('cpu');
    const onCpu = run();
    await tf.setBackend('wasm');
    expect(onWasm.shape).toEqual(shape);
    const [a, e] = [onWasm.dataSync(), onCpu.dataSync()];
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - e[i]!)).toBeLessThanOrEqual(1e-6);
    tf.dispose([onWasm, onCpu]);
  });

  test.each([
    { shape: [1, 4, 4, 2], pool: 2, stride: 2 },
    { shape: [1, 4, 4, 2], pool: 4, stride: 1, pad: 'same' as const },
    { shape: [1, 5, 4, 2], pool: 4, stride: 4 },
  ])('is not taken for a pool of $pool over $shape (stride $stride)', ({ shape, pool, stride, pad }) => {
    expect(isGlobalPool(tf.backend_util.computePool2DInfo(shape as [number, number, number, number], pool, stride, 1, pad ?? 'valid'))).toBe(false);
  });
});

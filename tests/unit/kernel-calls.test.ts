import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { countKernelCalls, topKernels, totalCalls } from '../../src/lib/engine/kernel-calls';

describe('countKernelCalls', () => {
  test('counts what tf.profile lists, kernel by kernel, and leaves the engine as it was', async () => {
    const engine = tf.engine();
    const before = engine.runKernel;
    const x = tf.tensor2d([
      [1, -2],
      [3, 4],
    ]);
    const work = () => tf.tidy(() => tf.relu(tf.add(tf.matMul(x, x), 1)).sum());
    const { result, calls } = await countKernelCalls(work);
    const profiled = await tf.profile(() => work());
    const expected = new Map<string, number>();
    for (const { name } of profiled.kernels) expected.set(name, (expected.get(name) ?? 0) + 1);
    expect(calls).toEqual(expected);
    expect(totalCalls(calls)).toBeGreaterThanOrEqual(4);
    expect(await result.data()).toEqual(await work().data());
    expect(engine.runKernel).toBe(before);
    tf.dispose([x, result]);
  });

  test('counts a training step: forward, gradients and optimizer', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 2 })] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const xs = tf.ones([5, 4]);
    const ys = tf.zeros([5, 2]);
    const { calls } = await countKernelCalls(() => model.trainOnBatch(xs, ys));
    expect(calls.get('ReluGrad') ?? calls.get('Step')).toBeGreaterThan(0);
    // The second layer's forward is fused; its gradients, and the first layer's weight gradient, are matmuls.
    expect(calls.get('BatchMatMul')).toBeGreaterThanOrEqual(3);
    expect(topKernels(calls, 1)[0]![1]).toBe(Math.max(...calls.values()));
    tf.dispose([xs, ys]);
    model.dispose();
  });

  test('puts the engine back when the counted work throws', async () => {
    const before = tf.engine().runKernel;
    await expect(countKernelCalls(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(tf.engine().runKernel).toBe(before);
  });
});

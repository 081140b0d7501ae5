import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { deepNetwork, step, task } from '../../src/lib/train/gradient-demo';

test('in a deep plain sigmoid network the early layers get far smaller gradients; shortcuts keep them', () => {
  const before = tf.memory().numTensors;
  const data = task();
  const plain = deepNetwork(20, false);
  const residual = deepNetwork(20, true);
  const optimizers = [tf.train.sgd(0.1), tf.train.sgd(0.1)];
  const samples = [0, 1, 2].map((i) => [step(plain, optimizers[0]!, data, i), step(residual, optimizers[1]!, data, i)]);
  for (const [p, r] of samples) {
    expect(p!.early / p!.late).toBeLessThan(1e-3); // vanished on the way back
    expect(r!.early / r!.late).toBeGreaterThan(0.1); // the shortcuts carry it
    expect(r!.early).toBeGreaterThan(1e3 * p!.early);
    expect(Number.isFinite(p!.loss) && Number.isFinite(r!.loss)).toBe(true);
  }
  plain.model.dispose();
  residual.model.dispose();
  optimizers.forEach((o) => o.dispose());
  tf.dispose([data.xs, data.ys]);
  expect(tf.memory().numTensors).toBe(before);
});

test('depth must be at least 3', () => {
  expect(() => deepNetwork(2, false)).toThrow(/at least 3/);
});

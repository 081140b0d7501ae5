import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { PRESETS, smallResNet } from '../../src/lib/resnet';
import { batchOf, PauseGate, shuffled, trainModel } from '../../src/lib/train/loop';
import { toySplit } from './helpers';

function compiled(residual = true) {
  const model = smallResNet({ ...PRESETS.tiny, classes: 4, residual });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const config = { epochs: 2, batchSize: 16, trainSize: 64, classes: 4, side: 28, seed: 1 };

test('a seeded shuffle is a permutation and repeatable', () => {
  const a = shuffled(100, 5);
  expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  expect(shuffled(100, 5)).toEqual(a);
  expect(shuffled(100, 6)).not.toEqual(a);
});

test('batches are scaled to [0, 1] with one-hot labels', () => {
  const { xs, ys } = batchOf(toySplit(8), [0, 5], 28, 4);
  expect(xs.shape).toEqual([2, 28, 28, 1]);
  expect(xs.max().dataSync()[0]).toBeCloseTo(230 / 255);
  expect(ys.arraySync()).toEqual([
    [1, 0, 0, 0],
    [0, 1, 0, 0],
  ]);
  tf.dispose([xs, ys]);
});

test('a loss that is no longer a number stops training, saying why', async () => {
  const model = compiled();
  // A weight that is already NaN, as a learning rate far too high would leave it.
  const dense = model.getLayer('fc4');
  const [kernel, bias] = dense.getWeights();
  const nan = tf.fill(kernel!.shape, NaN);
  dense.setWeights([nan, bias!]);
  nan.dispose();
  const losses: number[] = [];
  const result = await trainModel(
    model,
    toySplit(64),
    toySplit(16),
    { ...config, epochs: 3 },
    { onBatch: (r) => losses.push(r.loss), yieldToPage: async () => undefined },
  );
  expect(result).toMatchObject({ stopped: true, reason: 'diverged' });
  expect(Number.isFinite(losses.at(-1))).toBe(false);
  expect(losses).toHaveLength(1);
  model.dispose();
});

test('batches for ResNet-50 are resized to (64, 64) and repeated over three channels', () => {
  const { xs } = batchOf(toySplit(4), [0, 1], 28, 4, [64, 64, 3]);
  expect(xs.shape).toEqual([2, 64, 64, 3]);
  const [r, g, b] = tf.split(xs, 3, 3).map((t) => t.dataSync());
  expect(Array.from(r!)).toEqual(Array.from(g!));
  expect(Array.from(g!)).toEqual(Array.from(b!));
  tf.dispose(xs);
});

describe('trainModel', () => {
  test('reports every batch and epoch, learns, and holds the same tensors after every epoch', async () => {
    const model = compiled();
    const batches: number[] = [];
    const epochs: { tensors: number; acc: number }[] = [];
    // The TF.js CPU backend in Node is slow at convolution gradients: a few small steps only.
    const result = await trainModel(
      model,
      toySplit(32),
      toySplit(16),
      { ...config, trainSize: 32, epochs: 3 },
      {
        onBatch: (r) => batches.push(r.loss),
        onEpoch: (r) => epochs.push({ tensors: r.tensors, acc: r.validationAccuracy }),
        yieldToPage: async () => undefined,
      },
    );
    expect(result).toEqual({ stopped: false, epochs: 3 });
    expect(batches).toHaveLength(6);
    expect(batches.at(-1)).toBeLessThan(batches[0]!);
    expect(new Set(epochs.map((e) => e.tensors)).size).toBe(1);
    // After six steps BatchNorm's moving averages have barely moved, so validation accuracy
    // (inference mode) is not yet meaningful; it must still be a proportion.
    for (const e of epochs) expect(e.acc >= 0 && e.acc <= 1).toBe(true);
    model.dispose();
  });

  test('stops at the next step once aborted, and waits while paused', async () => {
    const model = compiled();
    const controller = new AbortController();
    const gate = new PauseGate();
    let seen = 0;
    let waiting = () => {};
    const atGate = new Promise<void>((resolve) => (waiting = resolve));
    const run = trainModel(model, toySplit(64), toySplit(16), config, {
      gate,
      signal: controller.signal,
      yieldToPage: async () => undefined,
      onBatch: () => {
        seen += 1;
        if (seen === 2) gate.pause();
      },
      onPaused: () => waiting(),
    });
    // The loop says it waits at the gate before the third step.
    await atGate;
    expect(seen).toBe(2); // paused: no step runs
    controller.abort();
    gate.resume();
    expect(await run).toEqual({ stopped: true, epochs: 0, reason: 'stopped' });
    expect(seen).toBe(2);
    model.dispose();
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { convolutionalBlock, identityBlock } from '../../src/lib/resnet';
import { expectNoLeak } from './helpers';

/** Builds `block` on a (4, 4, 6) input as a model, runs a (3, 4, 4, 6) batch through it, disposes all. */
function runBlock(block: (X: tf.SymbolicTensor) => tf.SymbolicTensor): { shape: number[]; model: tf.LayersModel } {
  const X = tf.input({ shape: [4, 4, 6] });
  const model = tf.model({ inputs: X, outputs: block(X) });
  const shape = tf.tidy(() => (model.predict(tf.randomNormal([3, 4, 4, 6], 0, 1, 'float32', 1)) as tf.Tensor).shape);
  return { shape, model };
}

function convConfig(model: tf.LayersModel, name: string) {
  const config = model.getLayer(name).getConfig();
  return { filters: config.filters, kernel: config.kernelSize, strides: config.strides, padding: config.padding };
}

/** The layer that reads a layer's output: tells where a ReLU is and is not. */
function consumerTypes(model: tf.LayersModel, name: string): string[] {
  const layer = model.getLayer(name);
  return model.layers.filter((l) => l.inboundNodes.some((n) => n.inboundLayers.includes(layer))).map((l) => l.getClassName());
}

describe('identityBlock', () => {
  test('keeps a (3, 4, 4, 6) batch at (3, 4, 4, 6) with f = 2, filters [2, 4, 6]', async () => {
    await expectNoLeak(() => {
      const { shape, model } = runBlock((X) => identityBlock(X, 2, [2, 4, 6], 1, 'a'));
      expect(shape).toEqual([3, 4, 4, 6]);
      model.dispose();
    });
  });

  test('has the document layers: names, kernels, strides, padding, ReLU placement', () => {
    const { model } = runBlock((X) => identityBlock(X, 2, [2, 4, 6], 1, 'a'));
    expect(convConfig(model, 'res1a_branch2a')).toEqual({ filters: 2, kernel: [1, 1], strides: [1, 1], padding: 'valid' });
    expect(convConfig(model, 'res1a_branch2b')).toEqual({ filters: 4, kernel: [2, 2], strides: [1, 1], padding: 'same' });
    expect(convConfig(model, 'res1a_branch2c')).toEqual({ filters: 6, kernel: [1, 1], strides: [1, 1], padding: 'valid' });
    expect(model.getLayer('bn1a_branch2a').getConfig().axis).toBe(3);
    expect(model.getLayer('bn1a_branch2a').getConfig().momentum).toBe(0.99); // Keras' default, as in the document
    expect(consumerTypes(model, 'bn1a_branch2a')).toEqual(['Activation']);
    expect(consumerTypes(model, 'bn1a_branch2b')).toEqual(['Activation']);
    expect(consumerTypes(model, 'bn1a_branch2c')).toEqual(['Add']); // no ReLU after 2c
    expect(model.layers.map((l) => l.getClassName()).slice(-2)).toEqual(['Add', 'Activation']);
    expect(model.layers.filter((l) => l.getClassName() === 'Conv2D')).toHaveLength(3);
    model.dispose();
  });
});

describe('convolutionalBlock', () => {
  test('takes a (3, 4, 4, 6) batch to (3, 2, 2, 6) with f = 2, filters [2, 4, 6], s = 2', async () => {
    await expectNoLeak(() => {
      const { shape, model } = runBlock((X) => convolutionalBlock(X, 2, [2, 4, 6], 1, 'a', 2));
      expect(shape).toEqual([3, 2, 2, 6]);
      model.dispose();
    });
  });

  test('strides the first conv and the shortcut conv, which has F3 filters and no ReLU', () => {
    const { model } = runBlock((X) => convolutionalBlock(X, 3, [2, 4, 8], 5, 'c', 2));
    expect(convConfig(model, 'res5c_branch2a')).toEqual({ filters: 2, kernel: [1, 1], strides: [2, 2], padding: 'valid' });
    expect(convConfig(model, 'res5c_branch2b')).toEqual({ filters: 4, kernel: [3, 3], strides: [1, 1], padding: 'same' });
    expect(convConfig(model, 'res5c_branch2c')).toEqual({ filters: 8, kernel: [1, 1], strides: [1, 1], padding: 'valid' });
    expect(convConfig(model, 'res5c_branch1')).toEqual({ filters: 8, kernel: [1, 1], strides: [2, 2], padding: 'valid' });
    expect(consumerTypes(model, 'res5c_branch1')).toEqual(['BatchNormalization']);
    expect(consumerTypes(model, 'bn5c_branch1')).toEqual(['Add']);
    expect(consumerTypes(model, 'bn5c_branch2c')).toEqual(['Add']);
    model.dispose();
  });

  test('defaults s to 2', () => {
    const X = tf.input({ shape: [8, 8, 3] });
    expect(convolutionalBlock(X, 3, [4, 4, 16], 3, 'a').shape).toEqual([null, 4, 4, 16]);
  });
});

describe('kernel initializer', () => {
  const weightsOf = (init?: ReturnType<typeof tf.initializers.zeros>) => {
    const X = tf.input({ shape: [4, 4, 6] });
    const model = tf.model({ inputs: X, outputs: identityBlock(X, 2, [2, 4, 6], 1, 'a', init ? { kernelInitializer: init } : {}) });
    const kernel = model.getLayer('res1a_branch2b').getWeights()[0] as tf.Tensor;
    const values = Array.from(kernel.dataSync());
    model.dispose();
    return values;
  };

  test('is Glorot uniform with seed 0 by default, so two builds have the same weights', () => {
    const first = weightsOf();
    expect(first.some((v) => v !== 0)).toBe(true);
    expect(weightsOf()).toEqual(first);
    const limit = Math.sqrt(6 / (2 * 2 * 2 + 2 * 2 * 4)); // Glorot: sqrt(6 / (fan_in + fan_out))
    expect(Math.max(...first.map(Math.abs))).toBeLessThanOrEqual(limit);
  });

  test('options.kernelInitializer replaces it', () => {
    expect(weightsOf(tf.initializers.zeros()).every((v) => v === 0)).toBe(true);
  });
});

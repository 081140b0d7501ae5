import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resNet50 } from '../../src/lib/resnet';

describe('resNet50 with input (64, 64, 3) and 6 classes', () => {
  let model: tf.LayersModel;
  let tensorsBefore: number;
  const weightCount = (weights: tf.LayerVariable[]) => weights.reduce((sum, w) => sum + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);

  beforeAll(() => {
    tensorsBefore = tf.memory().numTensors;
    model = resNet50([64, 64, 3], 6);
  });

  afterAll(() => {
    model.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore); // disposing the model frees every weight
  });

  test('has 177 layers and 23,600,006 parameters: 23,546,886 trainable, 53,120 not', () => {
    expect(model.layers).toHaveLength(177);
    expect(model.countParams()).toBe(23_600_006);
    expect(weightCount(model.trainableWeights)).toBe(23_546_886);
    expect(weightCount(model.nonTrainableWeights)).toBe(53_120);
  });

  test.each([
    ['bn2c_branch2c', 2, [15, 15, 256]],
    ['bn3d_branch2c', 3, [8, 8, 512]],
    ['bn4f_branch2c', 4, [4, 4, 1024]],
    ['bn5c_branch2c', 5, [2, 2, 2048]],
  ])('stage %#: its last block (%s) outputs stage %i shape', (name, _stage, shape) => {
    expect(model.getLayer(name).outputShape).toEqual([null, ...shape]);
  });

  test('names the stem and head as the document does', () => {
    expect(model.getLayer('conv1').getConfig()).toMatchObject({ filters: 64, kernelSize: [7, 7], strides: [2, 2] });
    expect(model.getLayer('bn_conv1').outputShape).toEqual([null, 32, 32, 64]);
    expect(model.layers[1]?.getClassName()).toBe('ZeroPadding2D');
    expect(model.layers[1]?.outputShape).toEqual([null, 70, 70, 3]);
    expect(model.layers[5]?.getConfig()).toMatchObject({ poolSize: [3, 3], strides: [2, 2] });
    expect(model.getLayer('avg_pool').outputShape).toEqual([null, 1, 1, 2048]);
    expect(model.getLayer('fc6').getConfig()).toMatchObject({ units: 6, activation: 'softmax' });
    expect(model.outputs[0]?.shape).toEqual([null, 6]);
  });

  test('has the document blocks: a conv block then 2, 3, 5 and 2 identity blocks', () => {
    const shortcuts = model.layers.map((l) => l.name).filter((n) => /^res\d+a_branch1$/.test(n));
    expect(shortcuts).toEqual(['res2a_branch1', 'res3a_branch1', 'res4a_branch1', 'res5a_branch1']);
    const blocks = model.layers
      .map((l) => l.name.match(/^res(\d)([a-z])_branch2a$/))
      .filter((m) => m !== null)
      .map((m) => m[1]! + m[2]!);
    expect(blocks).toEqual(['2a', '2b', '2c', '3a', '3b', '3c', '3d', '4a', '4b', '4c', '4d', '4e', '4f', '5a', '5b', '5c']);
  });

  test('predicts a probability distribution over the 6 classes without leaking tensors', () => {
    const before = tf.memory().numTensors;
    const sums = tf.tidy(() => (model.predict(tf.randomUniform([2, 64, 64, 3], 0, 1, 'float32', 3)) as tf.Tensor).sum(1).arraySync());
    expect(sums).toHaveLength(2);
    for (const sum of sums as number[]) expect(sum).toBeCloseTo(1, 4);
    expect(tf.memory().numTensors).toBe(before);
  });
});

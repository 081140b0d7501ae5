import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { imagesOf, notebookData, pickExamples, SIGNS_SHAPE } from '../../src/lib/kernel/notebook-data';

/** A split of `labels.length` 28×28 images, image i filled with the value i. */
function split(labels: number[]) {
  const images = new Uint8Array(labels.length * 784);
  labels.forEach((_, i) => images.fill(i, i * 784, (i + 1) * 784));
  return { images, labels: Uint8Array.from(labels), count: labels.length };
}

test('the first examples of the kept classes, in the split’s order', () => {
  expect(pickExamples(split([7, 0, 5, 6, 1, 9, 2]), 6, 3)).toEqual([1, 2, 4]);
  expect(pickExamples(split([7, 8]), 6, 3)).toEqual([]);
});

test('images keep 0–255, scaled to 64×64 and repeated over three channels', () => {
  const before = tf.memory().numTensors;
  const x = imagesOf(tf, split([0, 1, 2]), [2, 1], [64, 64, 3]);
  expect(x.shape).toEqual([2, 64, 64, 3]);
  const values = x.dataSync();
  // A constant image stays constant when resized: image 2 is all 2s, image 1 all 1s.
  expect([values[0], values[64 * 64 * 3 - 1], values[64 * 64 * 3]]).toEqual([2, 2, 1]);
  x.dispose();
  expect(tf.memory().numTensors).toBe(before);
});

test("SIGNS's shapes from a ten-class data set", () => {
  const labels = Array.from({ length: 3000 }, (_, i) => i % 10);
  const data = notebookData(tf, { train: split(labels), test: split(labels.slice(0, 500)), classNames: 'abcdefghij'.split('') }, SIGNS_SHAPE);
  expect(data.xTrain.shape).toEqual([1080, 64, 64, 3]);
  expect(data.xTest.shape).toEqual([120, 64, 64, 3]);
  expect(Math.max(...data.yTrain.dataSync())).toBe(5);
  expect(data.classes).toEqual([0, 1, 2, 3, 4, 5]);
  expect(data.names).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  tf.dispose([data.xTrain, data.yTrain, data.xTest, data.yTest]);
});

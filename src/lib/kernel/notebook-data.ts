/**
 * The data a notebook's `load_dataset()` gives, from the course's own files. The assignment trains
 * on SIGNS (1,080 training and 120 test photos, 64×64×3, six classes), which the course does not
 * serve; by default this gives the same shapes from Fashion-MNIST: the first 1,080 training and
 * 120 test images of its first six classes, in the split's (seeded, shuffled) order, scaled to
 * 64×64 (bilinear) and repeated over three channels, as the lab feeds ResNet-50. Pixel values stay
 * 0–255, as SIGNS's do, so the notebook's own `/ 255.` applies.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Split } from '../train/data';

export interface NotebookDataShape {
  /** Keep the examples of classes 0 … classes−1. */
  classes: number;
  train: number;
  test: number;
  /** Images as the model takes them: (height, width, channels). */
  shape: [number, number, number];
}

/** SIGNS's shapes, the assignment's data set. */
export const SIGNS_SHAPE: NotebookDataShape = { classes: 6, train: 1080, test: 120, shape: [64, 64, 3] };

/** The first `count` examples of `split` whose class is below `classes`, in the split's order. */
export function pickExamples(split: Pick<Split, 'labels' | 'count'>, classes: number, count: number): number[] {
  const picked: number[] = [];
  for (let i = 0; i < split.count && picked.length < count; i++) if ((split.labels[i] ?? classes) < classes) picked.push(i);
  return picked;
}

/** Images `indices` of a split (28×28 grey bytes) as a float tensor of 0–255, at `shape`. */
export function imagesOf(tf: typeof tfjs, split: Pick<Split, 'images'>, indices: readonly number[], shape: [number, number, number]): tfjs.Tensor4D {
  const side = 28;
  const pixels = new Float32Array(indices.length * side * side);
  indices.forEach((index, i) => pixels.set(split.images.subarray(index * side * side, (index + 1) * side * side), i * side * side));
  return tf.tidy(() => {
    const grey = tf.tensor4d(pixels, [indices.length, side, side, 1]);
    const [height, width, channels] = shape;
    const sized = height === side && width === side ? grey : tf.image.resizeBilinear(grey, [height, width]);
    return channels === 1 ? sized : (sized.tile([1, 1, 1, channels]) as tfjs.Tensor4D);
  });
}

/** Labels `indices` of a split, as int32 class indices. */
export function labelsOf(tf: typeof tfjs, split: Pick<Split, 'labels'>, indices: readonly number[]): tfjs.Tensor1D {
  return tf.tensor1d(
    indices.map((i) => split.labels[i] ?? 0),
    'int32',
  );
}

export interface NotebookData {
  xTrain: tfjs.Tensor4D;
  yTrain: tfjs.Tensor1D;
  xTest: tfjs.Tensor4D;
  yTest: tfjs.Tensor1D;
  /** The class indices kept, 0 … classes−1. */
  classes: number[];
  /** The kept classes' names, from the data set's manifest. */
  names: string[];
}

/** The train and test parts at `wanted`'s shapes; `undefined` sizes keep every example. */
export function notebookData(
  tf: typeof tfjs,
  data: { train: Split; test: Split; classNames: readonly string[] },
  wanted: Partial<NotebookDataShape> = SIGNS_SHAPE,
): NotebookData {
  const classes = Math.min(wanted.classes ?? data.classNames.length, data.classNames.length);
  const shape = wanted.shape ?? [28, 28, 1];
  const train = pickExamples(data.train, classes, wanted.train ?? data.train.count);
  const test = pickExamples(data.test, classes, wanted.test ?? data.test.count);
  return {
    xTrain: imagesOf(tf, data.train, train, shape),
    yTrain: labelsOf(tf, data.train, train),
    xTest: imagesOf(tf, data.test, test, shape),
    yTest: labelsOf(tf, data.test, test),
    classes: Array.from({ length: classes }, (_, i) => i),
    names: data.classNames.slice(0, classes),
  };
}

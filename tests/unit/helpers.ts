import * as tf from '@tensorflow/tfjs';
import type { Dataset, Manifest, Split } from '../../src/lib/train/data';
import type { LabParams } from '../../src/lib/train/lab-params';
import { mulberry32 } from '../../src/lib/train/prng.mjs';

/** Seeded integers in [lo, hi] (mulberry32), so "random" hyperparameters are the same on every run. */
export function seeded(seed: number): (lo: number, hi: number) => number {
  const random = mulberry32(seed);
  return (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
}

/** Runs `work` and asserts it leaves no tensor behind. */
export async function expectNoLeak(work: () => void | Promise<void>): Promise<void> {
  const before = tf.memory().numTensors;
  await work();
  const after = tf.memory().numTensors;
  if (after !== before) throw new Error(`tensors leaked: ${before} before, ${after} after`);
}

/** Output shape of a layer as Keras writes it, batch axis dropped. */
export function shapeOf(t: tf.SymbolicTensor): number[] {
  return t.shape.slice(1) as number[];
}

/** Seeded uniform floats in [lo, hi) (mulberry32), so numeric tests reproduce. */
export function seededFloats(seed: number): (n: number, lo?: number, hi?: number) => Float32Array {
  const random = mulberry32(seed);
  return (n, lo = -1, hi = 1) => Float32Array.from({ length: n }, () => lo + random() * (hi - lo));
}

/** Largest |a − b|; NaN where both have NaN (a mean over nothing) counts as equal. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]!) && Number.isNaN(b[i]!)) continue;
    const d = Math.abs(a[i]! - b[i]!);
    m = Number.isNaN(d) ? Infinity : Math.max(m, d);
  }
  return m;
}

/**
 * A split a Tiny model learns in a few steps: `count` 28×28 images of 4 classes. Image i has class
 * c = (i + offset) mod 4, drawn as rows 7c to 7c + 6 bright over a faint fixed pattern.
 */
export function toySplit(count: number, offset = 0): Split {
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const c = (i + offset) % 4;
    labels[i] = c;
    for (let p = 0; p < 784; p++) images[i * 784 + p] = Math.floor(p / 28 / 7) === c ? 230 : (i * 31 + p * 7) % 40;
  }
  return { images, labels, count };
}

/** Largest |a − b| / max(1, |b|): absolute error for values up to 1, relative above. */
export function maxScaledDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!));
    m = Number.isNaN(d) ? Infinity : Math.max(m, d);
  }
  return m;
}

/**
 * Conv → BatchNorm → ReLU → global average pool → dense softmax on [6, 5, 2], seeded: every kind
 * of variable the lab trains, small enough for step-by-step comparisons on any backend.
 */
export function convBnModel(): tf.LayersModel {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const input = tf.input({ shape: [6, 5, 2] });
  let x = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', kernelInitializer: init(1) }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization({ axis: 3 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.activation({ activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.averagePooling2d({ poolSize: [6, 5] }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(2) }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: x });
}

/** A learnable toy data set of four classes (see toySplit), with splits of the sizes given. */
export function toyDataset(train: number, validation: number, test: number): Dataset {
  return {
    manifest: { name: 'toy', classes: ['a', 'b', 'c', 'd'] } as Manifest,
    train: toySplit(train, 0),
    validation: toySplit(validation, 1),
    test: toySplit(test, 2),
  };
}

/** The lab's settings for a two-epoch Adam run of the Tiny ResNet, overridden as given. */
export function toyLabParams(overrides: Partial<LabParams> = {}): LabParams {
  return {
    dataset: 'fashion-mnist',
    preset: 'tiny',
    residual: true,
    optimizer: 'adam',
    lr: 0.01,
    batch: 16,
    epochs: 2,
    trainSize: 64,
    depth: 0,
    width: 1,
    backend: 'cpu',
    ...overrides,
  };
}

/**
 * The JavaScript half of Keras's training in a Python cell: the module `_resnet_live_train` that
 * `Model.compile`, `fit`, `evaluate` and `predict` (keras/models.py) and `resnets_utils` call.
 *
 * Everything here is synchronous, because Python cannot await a promise from the middle of a
 * cell: a training step is the lab's `model.trainOnBatch` (src/lib/train/loop.ts) taken apart —
 * TF.js's own `standardizeUserDataXY` and `makeTrainFunction`, then the losses read with
 * `dataSync` rather than `await data()` — so a step computes exactly what the lab's step does,
 * with the same fused optimizers. The loop over batches stays in Python, so the page's interrupt
 * buffer (Stop) raises KeyboardInterrupt between two steps, never inside one.
 *
 * Python keeps only TF.js objects it got from here (models, tensors, the shuffled order, the
 * optimizer); every tensor a call makes for itself is disposed before it returns.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { notebookData, SIGNS_SHAPE } from '../kernel/notebook-data';
import { PRESETS, smallResNet, type PresetName } from '../resnet/small';
import { readDataset, DATASET_NAMES, type Dataset, type DatasetName, type Split } from '../train/data';
import { shuffled } from '../train/loop';
import { FusedAdamOptimizer, FusedMomentumOptimizer } from '../engine/fused-optimizers';
import type { TF } from './bridge';

export interface TrainBridgeOptions {
  /**
   * The bytes of a file under the site's `data/` folder, synchronously, by its path there
   * (`fashion-mnist/manifest.json`, `mnist/train-images.bin`): for `load_dataset()`. In Node, a
   * file read; in the kernel's worker, a synchronous XMLHttpRequest to the site's own data.
   * Without it, `load_dataset()` says the data cannot be read here.
   */
  readData?: ((path: string) => Uint8Array) | undefined;
  /** The page's interrupt buffer (LoadKerasOptions.interruptBuffer): fit looks at it before every
   * step, since Python itself notices it only every so many instructions, which can be a step late. */
  interruptBuffer?: Int32Array | Uint8Array | undefined;
}

/** What `Model.compile` asks for, from keras/optimizers.py: the lab's two optimizers. */
export interface OptimizerSpec {
  kind: 'adam' | 'sgd';
  learningRate: number;
  beta1?: number;
  beta2?: number;
  /** Left out: TF.js's default, the backend's epsilon (1e-7 on float32 backends), as the lab. */
  epsilon?: number;
  momentum?: number;
  nesterov?: boolean;
}

/** A dataset as `load_dataset()` returns it: int32 pixels 0–255 (m, 28, 28, 1), labels (1, m). */
export interface DatasetTensors {
  xTrain: tfjs.Tensor4D;
  yTrain: tfjs.Tensor2D;
  xTest: tfjs.Tensor4D;
  yTest: tfjs.Tensor2D;
  /** The class indices 0 … classes − 1. */
  classes: tfjs.Tensor1D;
  names: string[];
  title: string;
}

export interface TrainBridgeModule {
  /** `to_js`'s dict_converter: Python dicts arrive as plain objects. */
  fromEntries: (entries: Iterable<readonly [PropertyKey, unknown]>) => Record<string, unknown>;
  isTensor(value: unknown): boolean;
  /** Whether the page asked to stop (the interrupt buffer holds 2, SIGINT); clears the request, as
   * Pyodide does when it raises KeyboardInterrupt for it. */
  stopRequested(): boolean;
  /** Compiles `model` as the lab does (categorical cross-entropy, accuracy) with a fresh fused optimizer. */
  compile(model: tfjs.LayersModel, spec: OptimizerSpec): tfjs.Optimizer;
  disposeOptimizer(optimizer: tfjs.Optimizer): void;
  /** The lab's seeded order of `n` examples (`shuffled(n, seed)`), or 0 … n − 1 when `seed` is null. */
  order(n: number, seed: number | null): Uint32Array;
  /** One training step on the examples `order[start:end]` of x (m, …) and y (m, classes): [loss, accuracy]. */
  trainStep(model: tfjs.LayersModel, x: tfjs.Tensor, y: tfjs.Tensor, order: Uint32Array, start: number, end: number): [number, number];
  /** Mean cross-entropy and accuracy over x and y, in batches, as the lab's predictSplit. */
  evaluate(model: tfjs.LayersModel, x: tfjs.Tensor, y: tfjs.Tensor, batchSize: number): [number, number];
  /** The model's outputs for x, in inference mode: (m, classes). The caller owns the tensor. */
  predict(model: tfjs.LayersModel, x: tfjs.Tensor, batchSize: number): tfjs.Tensor;
  /** Examples `start` to `start + size` of x along its first axis. The caller owns the tensor. */
  slice(x: tfjs.Tensor, start: number, size: number): tfjs.Tensor;
  dispose(tensor: tfjs.Tensor): void;
  /** `np.eye(classes)[labels.reshape(-1)].T`: (classes, m) float32; throws for a label out of range. */
  oneHot(labels: tfjs.Tensor, classes: number): tfjs.Tensor2D;
  /** A data set whole at 28×28×1, or (`signs`) shaped like the assignment's SIGNS (lib/kernel/notebook-data.ts). */
  dataset(name: string, signs?: boolean): DatasetTensors;
  /** The training lab's small ResNet of `preset` ('tiny' or 'small'), or its plain twin. */
  smallResNet(preset: string, residual: boolean): tfjs.LayersModel;
  datasetNames: readonly string[];
  /** The batch fit validates in: the lab's, so val_loss is the lab's to the last bit. */
  validationBatch: number;
}

/** The parts of LayersModel that trainOnBatch uses and TF.js's types leave out. */
interface Trainable {
  standardizeUserDataXY(x: tfjs.Tensor, y: tfjs.Tensor, checkBatchAxis?: boolean): [tfjs.Tensor[], tfjs.Tensor[]];
  makeTrainFunction(): (data: tfjs.Tensor[]) => tfjs.Scalar[];
}

/** The lab's validation batch (predictSplit's default). */
export const VALIDATION_BATCH = 256;

/** Creates the module for one Pyodide instance; `tf` is the instance the layers were built with. */
export function createTrainBridge(tf: TF, options: TrainBridgeOptions = {}): TrainBridgeModule {
  const datasets = new Map<DatasetName, Dataset>();
  const asFloat = (t: tfjs.Tensor) => (t.dtype === 'float32' ? t : t.toFloat());

  return {
    fromEntries: (entries) => Object.fromEntries(entries),
    isTensor: (value) => value instanceof tf.Tensor,
    stopRequested() {
      const buffer = options.interruptBuffer;
      if (buffer?.[0] !== 2) return false;
      buffer[0] = 0;
      return true;
    },
    compile(model, spec) {
      const optimizer =
        spec.kind === 'adam'
          ? new FusedAdamOptimizer(spec.learningRate, spec.beta1, spec.beta2, spec.epsilon)
          : new FusedMomentumOptimizer(spec.learningRate, spec.momentum ?? 0, spec.nesterov ?? false);
      model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      return optimizer;
    },
    disposeOptimizer: (optimizer) => optimizer.dispose(),
    order: (n, seed) => (seed === null || seed === undefined ? Uint32Array.from({ length: n }, (_, i) => i) : shuffled(n, seed)),
    trainStep(model, x, y, order, start, end) {
      const [xs, ys] = tf.tidy(() => {
        const indices = tf.tensor1d(Int32Array.from(order.subarray(start, end)), 'int32');
        return [asFloat(tf.gather(x, indices)), asFloat(tf.gather(y, indices))];
      });
      const trainable = model as unknown as Trainable;
      try {
        // As LayersModel.trainOnBatch, awaiting nothing.
        const [inputs, targets] = trainable.standardizeUserDataXY(xs, ys, true);
        const outputs = trainable.makeTrainFunction()([...inputs, ...targets]);
        const values = outputs.map((t) => t.dataSync()[0] as number);
        tf.dispose(outputs);
        tf.dispose([...inputs, ...targets].filter((t) => t !== xs && t !== ys));
        return [values[0] ?? NaN, values[1] ?? NaN];
      } finally {
        tf.dispose([xs, ys]);
      }
    },
    evaluate(model, x, y, batchSize) {
      const n = x.shape[0] ?? 0;
      const classes = y.shape[1] ?? 1;
      let lossSum = 0;
      let correct = 0;
      for (let start = 0; start < n; start += batchSize) {
        const size = Math.min(batchSize, n - start);
        // predictSplit's loss, to the operation: cross-entropy of the clipped log-probabilities, summed.
        const [probs, labels, loss] = tf.tidy((): [tfjs.Tensor2D, tfjs.Tensor, tfjs.Tensor] => {
          const xs = asFloat(x.slice(start, size));
          const ys = asFloat(y.slice(start, size));
          const p = model.predict(xs) as tfjs.Tensor2D;
          return [p, ys, tf.losses.softmaxCrossEntropy(ys, tf.log(p.clipByValue(1e-7, 1)), undefined, undefined, tf.Reduction.SUM)];
        });
        const p = probs.dataSync();
        const l = labels.dataSync();
        lossSum += loss.dataSync()[0] ?? 0;
        tf.dispose([probs, labels, loss]);
        for (let i = 0; i < size; i++) correct += argmax(p, i * classes, classes) === argmax(l, i * classes, classes) ? 1 : 0;
      }
      return [lossSum / Math.max(1, n), correct / Math.max(1, n)];
    },
    predict: (model, x, batchSize) => tf.tidy(() => model.predict(asFloat(x), { batchSize }) as tfjs.Tensor),
    slice: (x, start, size) => x.slice(start, size),
    dispose: (tensor) => tensor.dispose(),
    oneHot(labels, classes) {
      const flat = labels.dataSync();
      const bad = flat.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= classes);
      if (bad >= 0) throw new RangeError(`label ${flat[bad]} (at position ${bad}) is not a class index below C = ${classes}`);
      return tf.tidy(
        () =>
          tf
            .oneHot(tf.tensor1d(Int32Array.from(flat), 'int32'), classes)
            .toFloat()
            .transpose() as tfjs.Tensor2D,
      );
    },
    smallResNet(preset, residual) {
      if (!(preset in PRESETS))
        throw new RangeError(
          `no preset '${preset}': the lab has ${Object.keys(PRESETS)
            .map((n) => `'${n}'`)
            .join(', ')}`,
        );
      return smallResNet({ ...PRESETS[preset as PresetName], residual });
    },
    dataset(name, signs = false) {
      const { readData } = options;
      if (!(DATASET_NAMES as readonly string[]).includes(name)) {
        throw new RangeError(`no dataset '${name}': the course has ${DATASET_NAMES.map((n) => `'${n}'`).join(', ')}`);
      }
      if (!readData) throw new Error('the course’s data cannot be read in this kernel');
      const key = name as DatasetName;
      const data = datasets.get(key) ?? readDataset(key, (file) => readData(`${key}/${file}`));
      datasets.set(key, data);
      if (signs) {
        const picked = notebookData(tf, { train: data.train, test: data.test, classNames: data.manifest.classes }, SIGNS_SHAPE);
        const row = (labels: tfjs.Tensor1D) => tf.tidy(() => labels.reshape([1, -1]) as tfjs.Tensor2D);
        const out = {
          xTrain: picked.xTrain,
          yTrain: row(picked.yTrain),
          xTest: picked.xTest,
          yTest: row(picked.yTest),
          classes: tf.tensor1d(picked.classes, 'int32'),
          names: picked.names,
          title: data.manifest.title,
        };
        tf.dispose([picked.yTrain, picked.yTest]);
        return out;
      }
      const [h, w, c] = data.manifest.imageShape;
      const images = (split: Split) => tf.tensor4d(Int32Array.from(split.images), [split.count, h, w, c], 'int32');
      const labels = (split: Split) => tf.tensor2d(Int32Array.from(split.labels), [1, split.count], 'int32');
      const count = data.manifest.classes.length;
      return {
        xTrain: images(data.train),
        yTrain: labels(data.train),
        xTest: images(data.test),
        yTest: labels(data.test),
        classes: tf.tensor1d(
          Int32Array.from({ length: count }, (_, i) => i),
          'int32',
        ),
        names: [...data.manifest.classes],
        title: data.manifest.title,
      };
    },
    datasetNames: DATASET_NAMES,
    validationBatch: VALIDATION_BATCH,
  };
}

/** Index of the largest of `count` values from `offset`; the first of equal ones, as predictSplit. */
function argmax(values: ArrayLike<number>, offset: number, count: number): number {
  let best = 0;
  for (let c = 1; c < count; c++) if ((values[offset + c] ?? 0) > (values[offset + best] ?? 0)) best = c;
  return best;
}

/**
 * The training loop. A design note: the lab and the degradation experiment both run it in the
 * training worker (through session.ts), `npm run reference` and the tests in Node, so:
 * - one `trainOnBatch` per step, then a yield (a macrotask), so messages (Pause, Stop) get their
 *   turn between steps;
 * - progress leaves through callbacks, never through the DOM, so this file stays testable in Node;
 * - Pause waits on a gate between steps, Stop aborts through an AbortSignal; both take effect at
 *   the next step boundary, never in the middle of one;
 * - every tensor a step makes is disposed in the step, so the count of tensors is the same after
 *   every epoch (the tests check it);
 * - a learning-rate schedule other than constant sets the optimizer's rate before each step (the
 *   fused optimizers pass it to their kernels as a value, never baked into a shader); a constant
 *   one never touches the optimizer, so such runs are exactly what they were before schedules.
 */
import * as tf from '@tensorflow/tfjs';
import { countKernelCalls, totalCalls } from '../engine/kernel-calls';
import { toBatch, type Split } from './data';
import { accuracyOf, confusionMatrix } from './metrics';
import { mulberry32 } from './prng.mjs';
import { learningRateAt, type ScheduleName } from './schedule';

export type { Split };

export interface TrainConfig {
  epochs: number;
  batchSize: number;
  /** Use only the first n training images (after shuffling), for quick runs. */
  trainSize: number;
  classes: number;
  /** Image side of the data: 28 for (28, 28, 1) images. */
  side: number;
  /**
   * What the model takes, when it differs from the data: ResNet-50 wants (64, 64, 3), so each
   * batch is resized (bilinear) and its grey channel repeated three times.
   */
  modelInput?: [number, number, number];
  seed: number;
  /** How the learning rate moves over the run, up to `peak`; absent or constant leaves the optimizer's own rate alone. */
  schedule?: { name: ScheduleName; peak: number };
}

/** An optimizer whose learning rate can change between steps (ours and TF.js's SGD family). */
interface SettableRate {
  setLearningRate(learningRate: number): void;
}

/** The compiled model's optimizer, able to take a new rate each step, or a message that says why not. */
function settableOptimizer(model: tf.LayersModel): SettableRate {
  const optimizer = model.optimizer as unknown as Partial<SettableRate> | undefined;
  if (typeof optimizer?.setLearningRate !== 'function') {
    throw new TypeError(
      'A learning-rate schedule needs an optimizer with setLearningRate: compile the model with FusedAdamOptimizer, FusedMomentumOptimizer or tf.train.sgd, or use the constant schedule.',
    );
  }
  return optimizer as SettableRate;
}

export interface BatchReport {
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  loss: number;
  accuracy: number;
  images: number;
  ms: number;
  /** Kernels TF.js ran for this step: counted on the run's second step only (the first also sets up). */
  kernels?: number;
}

export interface EpochReport {
  epoch: number;
  validationLoss: number;
  validationAccuracy: number;
  tensors: number;
}

/** A gate the loop waits on between steps: closed while paused. */
export class PauseGate {
  #open: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  get paused(): boolean {
    return this.#release !== undefined;
  }

  pause(): void {
    if (this.#release) return;
    this.#open = new Promise((resolve) => (this.#release = resolve));
  }

  resume(): void {
    this.#release?.();
    this.#release = undefined;
  }

  wait(): Promise<void> {
    return this.#open;
  }
}

/**
 * Lets the browser run its other tasks (input, rendering when a frame is due) and comes back at
 * once. The loop's one way to yield, in training and in validation alike, because a message-channel
 * task is a real task turn wherever the loop runs (page, worker, Node) and costs microseconds;
 * `tf.nextFrame` is neither: where the global scope has animation frames it idles up to 16 ms per
 * step (a large share of a small model's step), and where it has neither them nor `setImmediate`
 * (a worker in a browser without animation frames in workers) it calls back at once, a microtask
 * that lets no message (Stop, Pause) in.
 */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** A seeded shuffle (mulberry32 + Fisher–Yates), so a run can be repeated. */
export function shuffled(n: number, seed: number): Uint32Array {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const random = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** Images `indices` of a split as a batch in [0, 1] (resized for `modelInput`) and one-hot labels. */
export function batchOf(
  split: Split,
  indices: ArrayLike<number>,
  side: number,
  classes: number,
  modelInput?: [number, number, number],
): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const batch = toBatch(split, indices, { oneHot: classes });
  const xs = tf.tidy(() => {
    const grey = tf.tensor4d(batch.pixels, [batch.size, side, side, 1]);
    if (!modelInput || (modelInput[0] === side && modelInput[1] === side && modelInput[2] === 1)) return grey;
    return tf.image.resizeBilinear(grey, [modelInput[0], modelInput[1]]).tile([1, 1, 1, modelInput[2]]) as tf.Tensor4D;
  });
  return { xs, ys: tf.tensor2d(batch.oneHot as Float32Array, [batch.size, classes]) };
}

/**
 * Predicted classes and mean cross-entropy over a whole split, in batches, yielding to the page
 * (`pause`, `yieldToPage` by default) between batches.
 */
export async function predictSplit(
  model: tf.LayersModel,
  split: Split,
  config: Pick<TrainConfig, 'side' | 'classes' | 'modelInput'>,
  batchSize = 256,
  pause: () => Promise<unknown> = yieldToPage,
) {
  const predicted = new Uint8Array(split.count);
  const probabilities = new Float32Array(split.count * config.classes);
  let lossSum = 0;
  for (let start = 0; start < split.count; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, split.count - start) }, (_, i) => start + i);
    const { xs, ys } = batchOf(split, indices, config.side, config.classes, config.modelInput);
    const [probs, loss] = tf.tidy(() => {
      const p = model.predict(xs) as tf.Tensor2D;
      return [p, tf.losses.softmaxCrossEntropy(ys, tf.log(p.clipByValue(1e-7, 1)), undefined, undefined, tf.Reduction.SUM)];
    }) as [tf.Tensor2D, tf.Scalar];
    const values = (await probs.data()) as Float32Array;
    probabilities.set(values, start * config.classes);
    lossSum += (await loss.data())[0] ?? 0;
    for (let i = 0; i < indices.length; i++) {
      let best = 0;
      for (let c = 1; c < config.classes; c++) if ((values[i * config.classes + c] ?? 0) > (values[i * config.classes + best] ?? 0)) best = c;
      predicted[start + i] = best;
    }
    tf.dispose([xs, ys, probs, loss]);
    await pause();
  }
  const matrix = confusionMatrix(split.labels.subarray(0, split.count), predicted, config.classes);
  return { predicted, probabilities, matrix, accuracy: accuracyOf(matrix), loss: lossSum / Math.max(1, split.count) };
}

export interface TrainCallbacks {
  onBatch?: (report: BatchReport) => void;
  onEpoch?: (report: EpochReport) => void;
  signal?: AbortSignal;
  gate?: PauseGate;
  /** Called when the loop stops at a closed gate: the pause has taken effect. */
  onPaused?: () => void;
  /** Yields to the browser between steps; a macrotask by default (see `yieldToPage`). */
  yieldToPage?: () => Promise<unknown>;
}

/** Why training ended early: the reader stopped it, or the loss stopped being a number. */
export type StopReason = 'stopped' | 'diverged';

/**
 * Trains a compiled model (loss categorical cross-entropy, metric accuracy) on `train`, checking
 * `validation` after each epoch. Resolves with how it ended.
 */
export async function trainModel(
  model: tf.LayersModel,
  train: Split,
  validation: Split,
  config: TrainConfig,
  callbacks: TrainCallbacks = {},
): Promise<{ stopped: boolean; epochs: number; reason?: StopReason }> {
  const { onBatch, onEpoch, signal, gate } = callbacks;
  const pause = callbacks.yieldToPage ?? yieldToPage;
  const n = Math.min(config.trainSize, train.count);
  const batchesPerEpoch = Math.ceil(n / config.batchSize);
  const schedule = config.schedule?.name === 'one-cycle' ? config.schedule : undefined;
  const optimizer = schedule ? settableOptimizer(model) : undefined;
  const totalSteps = config.epochs * batchesPerEpoch;
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const order = shuffled(train.count, config.seed + epoch).subarray(0, n);
    for (let batch = 0; batch < batchesPerEpoch; batch++) {
      if (gate?.paused) callbacks.onPaused?.();
      await gate?.wait();
      if (signal?.aborted) return { stopped: true, epochs: epoch - 1, reason: 'stopped' };
      const started = performance.now();
      const indices = order.subarray(batch * config.batchSize, Math.min(n, (batch + 1) * config.batchSize));
      const { xs, ys } = batchOf(train, indices, config.side, config.classes, config.modelInput);
      if (schedule) optimizer?.setLearningRate(learningRateAt(schedule.name, schedule.peak, (epoch - 1) * batchesPerEpoch + batch, totalSteps));
      let result: number | number[];
      let kernels: number | undefined;
      try {
        if (epoch === 1 && batch === 1) {
          const counted = await countKernelCalls(() => model.trainOnBatch(xs, ys));
          result = counted.result;
          kernels = totalCalls(counted.calls);
        } else result = await model.trainOnBatch(xs, ys);
      } finally {
        tf.dispose([xs, ys]);
      }
      const [loss = NaN, accuracy = NaN] = Array.isArray(result) ? result : [result];
      onBatch?.({
        epoch,
        batch: batch + 1,
        batchesPerEpoch,
        loss,
        accuracy,
        images: indices.length,
        ms: performance.now() - started,
        ...(kernels === undefined ? {} : { kernels }),
      });
      // Once the loss is NaN or infinite the weights are too; going on would only waste time.
      if (!Number.isFinite(loss)) return { stopped: true, epochs: epoch - 1, reason: 'diverged' };
      await pause();
    }
    if (signal?.aborted) return { stopped: true, epochs: epoch - 1, reason: 'stopped' };
    const checked = await predictSplit(model, validation, config, undefined, pause);
    onEpoch?.({ epoch, validationLoss: checked.loss, validationAccuracy: checked.accuracy, tensors: tf.memory().numTensors });
  }
  return { stopped: false, epochs: config.epochs };
}

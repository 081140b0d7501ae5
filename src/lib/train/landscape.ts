/**
 * A 2-D slice of a trained network's loss surface, after Li et al. 2018, "Visualizing the Loss
 * Landscape of Neural Nets" (arXiv:1712.09913). Around the trained weights θ the loss is evaluated
 * at θ + α·d1 + β·d2 for α, β on an n × n grid in [-span, span], where d1 and d2 are random
 * directions with filter normalisation: a Gaussian of each kernel's shape whose every filter is
 * rescaled to the norm of the kernel's own filter. Without it, a network whose weights happen to
 * be small would look sharper than one whose weights are large, though both compute the same.
 *
 * Design: the grid's weights are written into the model's own variables point by point (no copy
 * of the model), each point inside tf.tidy, and the trained weights are written back at the end,
 * stopped or not. The count of tensors is the same afterwards. BatchNorm runs in inference mode,
 * its moving statistics fixed, and its scale and offset, like every bias, are not moved (their
 * direction is zero), as in the paper.
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from './prng.mjs';

/** A standard normal sampler over a seeded uniform one (Box–Muller). */
export function gaussian(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = 1 - random(); // in (0, 1]: log(u) is finite
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/**
 * Whether a weight moves along the directions: kernels (rank 2 or more: a dense kernel
 * [in, out], a conv kernel [kh, kw, in, out]) that training changes. Biases, BatchNorm's scale
 * and offset (rank 1) and its moving statistics (not trainable) stay where training left them.
 */
export function isPerturbed(weight: { shape: readonly (number | null)[]; trainable: boolean }): boolean {
  return weight.trainable && weight.shape.length >= 2;
}

/**
 * One filter-normalised random direction for a kernel `weight` (its last axis counts the filters:
 * the output channels of a conv kernel, the output units of a dense one). Each filter of the
 * result has the same Euclidean norm as that filter of `weight`. The caller disposes the tensor.
 */
export function filterNormalised(weight: tf.Tensor, normal: () => number): tf.Tensor {
  if (weight.rank < 2)
    throw new RangeError(
      `filterNormalised: weight must be a kernel of rank 2 or more; got shape [${weight.shape.join(', ')}]. Give biases and BatchNorm parameters a zero direction instead.`,
    );
  const values = new Float32Array(weight.size);
  for (let i = 0; i < values.length; i++) values[i] = normal();
  return tf.tidy(() => {
    const d = tf.tensor(values, weight.shape);
    const axes = weight.shape.slice(0, -1).map((_, i) => i);
    // The 1e-10 keeps a filter of zeros (all weights zero) at zero rather than NaN.
    const norm = (t: tf.Tensor) => t.square().sum(axes, true).sqrt();
    return d.mul(norm(weight).div(norm(d).add(1e-10)));
  });
}

/**
 * A direction for every weight of `model` (in `model.weights` order): filter-normalised where
 * `isPerturbed`, zeros elsewhere. The caller disposes the tensors.
 */
export function modelDirection(model: tf.LayersModel, normal: () => number): tf.Tensor[] {
  return model.weights.map((w) => {
    const value = w.read();
    return isPerturbed(w) ? filterNormalised(value, normal) : tf.zerosLike(value);
  });
}

/** The mean categorical cross-entropy of the model on (xs, ys), in inference mode: Keras's loss, as model.evaluate computes it. */
export function lossOn(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.metrics.categoricalCrossentropy(ys, model.predict(xs, { batchSize: xs.shape[0] }) as tf.Tensor).mean() as tf.Scalar);
}

export interface SliceOptions {
  /** Grid points per side, odd so that the trained weights sit on the centre point; 3 to 41. */
  n: number;
  /** Seeds the two directions. */
  seed: number;
  /** α and β run over [-span, span]; 1 by default, as in the paper's figures. */
  span?: number;
  /** Called after each row (one β, every α) with its losses. */
  onRow?: (row: number, losses: number[]) => void;
  /** Checked before each point: an aborted slice ends within one point and restores the weights. */
  signal?: AbortSignal;
  /** Awaited after each row, so a worker hears its messages (Stop) between rows. */
  yieldToPage?: () => Promise<unknown>;
}

export interface Slice {
  n: number;
  /** The grid's coordinates along each direction, from -span to span. */
  coords: number[];
  /** losses[row][col]: the loss at α = coords[col], β = coords[row]; rows not reached are absent. */
  losses: number[][];
  stopped: boolean;
}

/** The grid's coordinates: n points from -span to span, the middle one exactly 0. */
export function gridCoords(n: number, span = 1): number[] {
  if (!(Number.isInteger(n) && n >= 3 && n <= 41 && n % 2 === 1))
    throw new RangeError(`gridCoords: n must be an odd whole number from 3 to 41, so that the trained weights sit on the centre; got ${n}.`);
  if (!(span > 0 && Number.isFinite(span))) throw new RangeError(`gridCoords: span must be a positive number; got ${span}.`);
  const half = (n - 1) / 2;
  return Array.from({ length: n }, (_, i) => (span * (i - half)) / half);
}

/**
 * The loss of `model` on (xs, ys) over an n × n grid around its weights, along two seeded
 * filter-normalised directions. The model's weights are the trained ones again when it resolves.
 */
export async function lossSlice(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor, options: SliceOptions): Promise<Slice> {
  const coords = gridCoords(options.n, options.span);
  const normal = gaussian(mulberry32(options.seed));
  const moved = model.weights.filter((w) => isPerturbed(w));
  const base = moved.map((w) => tf.clone(w.read()));
  const [d1, d2] = [0, 1].map(() => moved.map((w) => filterNormalised(w.read(), normal))) as [tf.Tensor[], tf.Tensor[]];
  const losses: number[][] = [];
  let stopped = false;
  try {
    for (const beta of coords) {
      const row: number[] = [];
      for (const alpha of coords) {
        if (options.signal?.aborted) break;
        const loss = tf.tidy(() => {
          moved.forEach((w, i) => w.write(base[i]!.add(d1[i]!.mul(alpha)).add(d2[i]!.mul(beta))));
          return lossOn(model, xs, ys);
        });
        row.push((await loss.data())[0] ?? NaN);
        loss.dispose();
      }
      if (options.signal?.aborted) {
        stopped = true;
        break;
      }
      losses.push(row);
      options.onRow?.(losses.length - 1, row);
      await options.yieldToPage?.();
    }
  } finally {
    moved.forEach((w, i) => w.write(base[i]!));
    tf.dispose([...base, ...d1, ...d2]);
  }
  return { n: options.n, coords, losses, stopped };
}

/**
 * How rough a surface is near the trained weights, by its second differences. On the middle of the
 * grid (the square of points at most ⌊n/4⌋ from neither edge removed: rows and columns ⌊n/4⌋ to
 * n − 1 − ⌊n/4⌋, 7 × 7 of an 11 × 11 grid), every second difference along α and along β,
 * L(−) − 2·L + L(+), says which way the loss bends there: up in a bowl, down on a ridge or a fold.
 * The roughness is the share of all that bending that goes down:
 *
 *   Σ max(0, −d²) / Σ |d²|,
 *
 * from 0 (a convex bowl, however steep or shallow) towards 1 (a surface that only bends down);
 * noise scores about 0.5. Being a share, it is free of the loss's scale, so a network that has
 * learnt less, and whose surface is flatter, is not counted smoother for that alone. The edges
 * are left out because there the loss of both networks runs up a cliff and levels off at its
 * ceiling, which bends it down for a reason that has nothing to do with folds.
 * `losses` is a square grid of at least 3 × 3; a flat one scores 0.
 */
export function roughness(losses: readonly (readonly number[])[]): number {
  const n = losses.length;
  if (n < 3 || losses.some((row) => row.length !== n))
    throw new RangeError(`roughness: losses must be a square grid of at least 3 × 3; got ${n} rows of ${losses.map((r) => r.length).join(', ')}.`);
  const from = Math.floor(n / 4);
  const to = n - 1 - from;
  const at = (i: number, j: number) => losses[i]![j]!;
  let down = 0;
  let all = 0;
  for (let i = from; i <= to; i++)
    for (let j = from + 1; j < to; j++)
      // Along a row (α) and along a column (β).
      for (const d2 of [at(i, j - 1) - 2 * at(i, j) + at(i, j + 1), at(j - 1, i) - 2 * at(j, i) + at(j + 1, i)]) {
        down += Math.max(0, -d2);
        all += Math.abs(d2);
      }
  return all === 0 ? 0 : down / all;
}

import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { filterNormalised, gaussian, gridCoords, isPerturbed, lossOn, lossSlice, modelDirection, roughness } from '../../src/lib/train/landscape';
import { readDataset } from '../../src/lib/train/data';
import { runLandscape, type LandscapeEvent } from '../../src/lib/train/landscape-experiment';
import { mulberry32 } from '../../src/lib/train/prng.mjs';

/** Euclidean norm of each filter (last axis) of a kernel, from its raw values. */
function filterNorms(values: Float32Array | number[], filters: number): number[] {
  const sums = new Array<number>(filters).fill(0);
  values.forEach((v, i) => (sums[i % filters]! += v * v));
  return sums.map(Math.sqrt);
}

/** conv (3×3, 4 filters) → BatchNorm → ReLU → global pool → dense softmax over 3 classes, seeded. */
function tinyModel(): tf.LayersModel {
  const input = tf.input({ shape: [6, 6, 1] });
  let x = tf.layers
    .conv2d({ filters: 4, kernelSize: 3, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  x = tf.layers.activation({ activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) })
    .apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}

function tinyData(count = 8): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const random = mulberry32(7);
  const xs = tf.tensor4d(Float32Array.from({ length: count * 36 }, random), [count, 6, 6, 1]);
  const ys = tf
    .oneHot(
      tf.tensor1d(
        Array.from({ length: count }, (_, i) => i % 3),
        'int32',
      ),
      3,
    )
    .toFloat() as tf.Tensor2D;
  return { xs, ys };
}

describe('filter-normalised directions', () => {
  it.each([
    ['conv kernel', [3, 3, 2, 4]],
    ['dense kernel', [5, 3]],
  ])('gives each filter of a %s the norm of the weight’s own filter', (_, shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    // Filters of very different norms: filter k is scaled by k + 1.
    const values = Array.from({ length: size }, (_, i) => (((i * 37) % 11) - 5) * ((i % shape.at(-1)!) + 1));
    const weight = tf.tensor(values, shape);
    const d = filterNormalised(weight, gaussian(mulberry32(1)));
    const wanted = filterNorms(values, shape.at(-1)!);
    const got = filterNorms(d.dataSync() as Float32Array, shape.at(-1)!);
    got.forEach((norm, k) => expect(norm).toBeCloseTo(wanted[k]!, 4));
    // A direction, not the weight itself: it differs from it.
    expect(Array.from(d.dataSync()).some((v, i) => Math.abs(v - values[i]!) > 1e-3)).toBe(true);
    tf.dispose([weight, d]);
  });

  it('refuses a bias, naming what to do instead', () => {
    const bias = tf.zeros([4]);
    expect(() => filterNormalised(bias, gaussian(mulberry32(1)))).toThrow(/zero direction/);
    bias.dispose();
  });

  it('is zero for biases and every BatchNorm parameter, and the same for the same seed', () => {
    const model = tinyModel();
    const a = modelDirection(model, gaussian(mulberry32(5)));
    const b = modelDirection(model, gaussian(mulberry32(5)));
    const moved = model.weights.map((w) => isPerturbed(w));
    // Only the two kernels move: not the biases, BatchNorm's gamma and beta, nor its moving statistics.
    const names = model.weights.map((w) => w.originalName.split('/').at(-1));
    expect(names.filter((_, i) => moved[i])).toEqual(['kernel', 'kernel']);
    expect(names.filter((_, i) => !moved[i]).sort()).toEqual(['beta', 'bias', 'bias', 'gamma', 'moving_mean', 'moving_variance']);
    a.forEach((d, i) => {
      const values = Array.from(d.dataSync());
      if (moved[i]) expect(values.some((v) => v !== 0)).toBe(true);
      else expect(values.every((v) => v === 0)).toBe(true);
      expect(values).toEqual(Array.from(b[i]!.dataSync()));
    });
    tf.dispose([...a, ...b]);
    model.dispose();
  });

  it('draws standard normal numbers: mean near 0 and variance near 1 over 20,000', () => {
    const normal = gaussian(mulberry32(11));
    const xs = Array.from({ length: 20_000 }, normal);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
  });
});

describe('lossSlice', () => {
  it('puts model.evaluate’s loss at the centre, restores the weights and keeps no tensors', async () => {
    const model = tinyModel();
    const { xs, ys } = tinyData();
    const evaluated = model.evaluate(xs, ys, { batchSize: 8 }) as tf.Scalar;
    const expected = evaluated.dataSync()[0]!;
    evaluated.dispose();
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    const tensors = tf.memory().numTensors;
    const rows: number[] = [];
    const slice = await lossSlice(model, xs, ys, { n: 5, seed: 2, onRow: (row) => rows.push(row) });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(slice.coords).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(rows).toEqual([0, 1, 2, 3, 4]);
    expect(slice.losses[2]![2]).toBeCloseTo(expected, 5);
    // Away from the centre the weights moved, so the loss differs.
    expect(Math.abs(slice.losses[0]![0]! - expected)).toBeGreaterThan(1e-3);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    // Seeded: the same slice again.
    const again = await lossSlice(model, xs, ys, { n: 5, seed: 2 });
    expect(again.losses).toEqual(slice.losses);
    const loss = lossOn(model, xs, ys);
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
    tf.dispose([loss, xs, ys]);
    model.dispose();
  });

  it('stops within a row when aborted, and still restores the weights', async () => {
    const model = tinyModel();
    const { xs, ys } = tinyData();
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    const abort = new AbortController();
    const slice = await lossSlice(model, xs, ys, { n: 7, seed: 2, signal: abort.signal, onRow: (row) => row === 1 && abort.abort() });
    expect(slice.stopped).toBe(true);
    expect(slice.losses).toHaveLength(2);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('refuses an even grid, which has no centre point', () => {
    expect(() => gridCoords(4)).toThrow(/odd/);
  });
});

describe('roughness', () => {
  const grid = (n: number, f: (a: number, b: number) => number) => gridCoords(n).map((b) => gridCoords(n).map((a) => f(a, b)));

  it('is 0 for a bowl, however steep or shallow, and 1 for a single spike', () => {
    expect(roughness(grid(11, (a, b) => 1 + 40 * (a * a + b * b)))).toBe(0);
    expect(roughness(grid(11, (a, b) => 1 + 0.01 * (a * a + b * b)))).toBe(0);
    // Along its row and its column the spike bends down by 2; nothing else bends.
    expect(
      roughness([
        [0, 0, 0],
        [0, 1, 0],
        [0, 0, 0],
      ]),
    ).toBe(1);
  });

  it('counts only the middle of the grid: the share of its bending that goes down', () => {
    // The middle 3 × 3 of a 5 × 5 grid: its top row bends down by 2 (0, 1, 0), its middle column
    // up by 1 (1, 0, 0): 2 of 3. The ring of 100s and 0s around it is the edge, left out.
    const losses = [
      [100, 0, 100, 0, 100],
      [0, 0, 1, 0, 0],
      [100, 0, 0, 0, 100],
      [0, 0, 0, 0, 0],
      [100, 0, 100, 0, 100],
    ];
    expect(roughness(losses)).toBeCloseTo(2 / 3, 12);
  });

  it('is far higher for a bowl with folds than for the bowl alone, and about a half for noise', () => {
    const random = mulberry32(3);
    const smooth = grid(13, (a, b) => 1 + a * a + b * b);
    const folded = grid(13, (a, b) => 1 + a * a + b * b + 0.5 * Math.sin(9 * a) * Math.cos(7 * b));
    const noise = grid(41, () => random());
    expect(roughness(smooth)).toBe(0);
    expect(roughness(folded)).toBeGreaterThan(0.2);
    expect(roughness(noise)).toBeGreaterThan(0.4);
    expect(roughness(noise)).toBeLessThan(0.6);
  });

  it('refuses a grid that is not square', () => {
    expect(() =>
      roughness([
        [1, 2, 3],
        [1, 2, 3],
      ]),
    ).toThrow(/square/);
  });
});

describe('runLandscape', () => {
  const data = readDataset('fashion-mnist', (file) => new Uint8Array(readFileSync(`public/data/fashion-mnist/${file}`)));
  const tiny = { blocks: 1, steps: 2, grid: 3, images: 16, seed: 1 };

  it('trains both networks, slices both, reports as it goes and keeps no tensors', async () => {
    const tensors = tf.memory().numTensors;
    const events: LandscapeEvent[] = [];
    const { stopped, surfaces } = await runLandscape(data, tiny, { onEvent: (e) => events.push(e), pause: () => Promise.resolve() });
    expect(stopped).toBe(false);
    expect(tf.memory().numTensors).toBe(tensors);
    // Per network: 2 training steps, 3 rows, 1 surface; the plain network first.
    expect(events.map((e) => `${e.network} ${e.type}`)).toEqual(
      ['plain', 'resnet'].flatMap((n) => [`${n} training`, `${n} training`, `${n} row`, `${n} row`, `${n} row`, `${n} surface`]),
    );
    // 1 identity block per stage: stem, 2 × (3 + 3) convs, the dense layer.
    expect(surfaces.plain?.layers).toBe(14);
    expect(surfaces.resnet?.layers).toBe(14);
    expect(surfaces.resnet?.slice.losses).toHaveLength(3);
  });

  it('stops when aborted and keeps no tensors', async () => {
    const tensors = tf.memory().numTensors;
    const abort = new AbortController();
    const result = await runLandscape(data, tiny, { signal: abort.signal, pause: () => Promise.resolve(), onEvent: (e) => e.type === 'row' && abort.abort() });
    expect(result.stopped).toBe(true);
    expect(result.surfaces).toEqual({});
    expect(tf.memory().numTensors).toBe(tensors);
  });
});

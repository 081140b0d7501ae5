import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, test } from 'vitest';
import { FUSED_ADAM, FUSED_MOMENTUM } from '../../src/lib/engine/fused-kernels';
import { FusedAdamOptimizer, FusedMomentumOptimizer, registerFusedOptimizerKernels } from '../../src/lib/engine/fused-optimizers';
import { registerWasmTrainingKernels } from '../../src/lib/engine/wasm/wasm-kernels';
import { convBnModel, maxAbsDiff } from './helpers';
import { countKernels } from './kernel-count';

// The fused optimizers against TF.js's own, on the CPU backend and on WASM in Node. The fused
// arithmetic rounds as the stock chain does, so results agree far inside the 1e-5 asked here.

const TOL = 1e-5;
const BACKENDS = ['cpu', 'wasm'] as const;

registerWasmTrainingKernels();
registerFusedOptimizerKernels();

afterAll(async () => {
  await tf.setBackend('cpu');
});

const seeded = (shape: number[], seed: number, lo = -1, hi = 1) => tf.randomUniform(shape, lo, hi, 'float32', seed);

const labels = () => tf.tidy(() => tf.oneHot(tf.tensor1d([0, 2, 1, 2], 'int32'), 3));

const OPTIMIZERS = {
  adam: { stock: () => tf.train.adam(0.01), fused: () => new FusedAdamOptimizer(0.01), kernel: FUSED_ADAM },
  momentum: { stock: () => tf.train.momentum(0.05, 0.9), fused: () => new FusedMomentumOptimizer(0.05, 0.9), kernel: FUSED_MOMENTUM },
  nesterov: { stock: () => tf.train.momentum(0.05, 0.9, true), fused: () => new FusedMomentumOptimizer(0.05, 0.9, true), kernel: FUSED_MOMENTUM },
};
type Kind = keyof typeof OPTIMIZERS;

/**
 * Trains a fresh model for `steps` steps on one seeded batch; `beforeStep(i)` runs before step i.
 * Returns the losses and final weights, and frees everything it made.
 */
async function train(optimizer: tf.Optimizer, steps: number, beforeStep: (i: number) => void = () => {}) {
  const m = convBnModel();
  m.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const xs = seeded([4, 6, 5, 2], 7);
  const ys = labels();
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    beforeStep(i);
    losses.push((await m.trainOnBatch(xs, ys)) as number);
  }
  const weights = m.getWeights().map((w) => w.dataSync().slice());
  tf.dispose([xs, ys]);
  m.dispose();
  optimizer.dispose();
  return { losses, weights };
}

type Trained = { losses: number[]; weights: ArrayLike<number>[] };

function expectSameTraining(a: Trained, b: Trained) {
  expect(maxAbsDiff(a.losses, b.losses)).toBeLessThanOrEqual(TOL);
  expect(a.weights).toHaveLength(b.weights.length);
  for (const [i, w] of a.weights.entries()) expect(maxAbsDiff(w, b.weights[i]!), `weight ${i}`).toBeLessThanOrEqual(TOL);
}

const SHAPES = [[1], [7], [3, 5], [3, 3, 2, 4], [2, 1, 1, 9], [0, 3]].map((shape) => ({ shape }));

describe.each(BACKENDS)('on %s', (backend) => {
  test('the backend starts', async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  test.each(SHAPES)('FusedAdamUpdate on shape $shape matches the stock chain of ops', ({ shape }) => {
    const [beta1, beta2, eps, lr] = [0.9, 0.999, 1e-7, 0.003];
    // Third step: beta^3 as the optimizer accumulates it, one float32 multiply at a time.
    const acc1 = Math.fround(Math.fround(Math.fround(beta1) * Math.fround(beta1)) * Math.fround(beta1));
    const acc2 = Math.fround(Math.fround(Math.fround(beta2) * Math.fround(beta2)) * Math.fround(beta2));
    tf.tidy(() => {
      const [x, g, m] = [seeded(shape, 1), seeded(shape, 2), seeded(shape, 3)];
      const v = seeded(shape, 4, 0, 0.01);
      const m1 = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
      const v1 = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
      const mHat = tf.div(m1, tf.sub(1, tf.scalar(acc1)));
      const vHat = tf.div(v1, tf.sub(1, tf.scalar(acc2)));
      const x1 = tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), eps)), -lr), x);
      const attrs = { beta1: Math.fround(beta1), oneMinusBeta1: Math.fround(1 - beta1), beta2: Math.fround(beta2), oneMinusBeta2: Math.fround(1 - beta2) };
      const step = { correction1: Math.fround(1 - acc1), correction2: Math.fround(1 - acc2), epsilon: Math.fround(eps), negLr: Math.fround(-lr) };
      const fused = tf.engine().runKernel(FUSED_ADAM, { x, g, m, v }, { ...attrs, ...step }) as tf.Tensor[];
      for (const [i, want] of [x1, m1, v1].entries()) {
        expect(fused[i]!.shape).toEqual(shape);
        expect(maxAbsDiff(fused[i]!.dataSync(), want.dataSync()), `output ${i}`).toBeLessThanOrEqual(TOL);
      }
    });
  });

  test.each(SHAPES)('FusedMomentumUpdate on shape $shape matches the stock chain of ops, plain and Nesterov', ({ shape }) => {
    const [momentum, lr] = [0.9, 0.05];
    tf.tidy(() => {
      const [x, g, a] = [seeded(shape, 5), seeded(shape, 6), seeded(shape, 7)];
      const a1 = tf.add(tf.mul(tf.scalar(momentum), a), g);
      for (const useNesterov of [false, true]) {
        const direction = useNesterov ? tf.add(g, tf.mul(a1, tf.scalar(momentum))) : a1;
        const x1 = tf.add(tf.mul(tf.scalar(-lr), direction), x);
        const fused = tf
          .engine()
          .runKernel(FUSED_MOMENTUM, { x, g, a }, { momentum: Math.fround(momentum), negLr: Math.fround(-lr), useNesterov }) as tf.Tensor[];
        expect(maxAbsDiff(fused[0]!.dataSync(), x1.dataSync())).toBeLessThanOrEqual(TOL);
        expect(maxAbsDiff(fused[1]!.dataSync(), a1.dataSync())).toBeLessThanOrEqual(TOL);
      }
    });
  });

  test('a fused kernel names the input whose shape is wrong', () => {
    tf.tidy(() => {
      const run = () => tf.engine().runKernel(FUSED_ADAM, { x: tf.zeros([3]), g: tf.zeros([3]), m: tf.zeros([4]), v: tf.zeros([3]) }, {});
      expect(run).toThrow(/input 'm' has shape \[4\]; it must match 'x' \[3\]/);
    });
  });

  test.each(Object.keys(OPTIMIZERS) as Kind[])('%s: five steps give the stock weights and losses', async (kind) => {
    const { stock, fused } = OPTIMIZERS[kind];
    expectSameTraining(await train(fused(), 5), await train(stock(), 5));
  });

  test.each(Object.keys(OPTIMIZERS) as Kind[])('%s: one kernel per variable per step', async (kind) => {
    const { fused, kernel } = OPTIMIZERS[kind];
    const optimizer = fused();
    const m = convBnModel();
    const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
    const grads = () => Object.fromEntries(vars.map((v) => [v.name, tf.onesLike(v)]));
    for (let step = 0; step < 2; step++) {
      const g = grads();
      const { total, byName } = await countKernels(() => optimizer.applyGradients(g));
      expect(byName.get(kernel)).toBe(vars.length);
      // The first step also creates the moments (one fill each, as the stock optimizer does).
      if (step > 0) expect(total).toBe(vars.length);
      tf.dispose(Object.values(g));
    }
    m.dispose();
    optimizer.dispose();
  });

  test.each(Object.keys(OPTIMIZERS) as Kind[])('%s: no tensor grows across steps; dispose frees the moments', async (kind) => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const optimizer = OPTIMIZERS[kind].fused();
    await train(optimizer, 4, () => counts.push(tf.memory().numTensors));
    // Step 1 adds the moments; from then on the count holds.
    expect(new Set(counts.slice(2)).size).toBe(1);
    // train() disposed the model and the optimizer: nothing of either is left.
    expect(tf.memory().numTensors).toBe(before);
  });

  test.each(Object.keys(OPTIMIZERS) as Kind[])('%s: steps on a backend without the kernel are the stock ones, and fused steps resume after', async (kind) => {
    const { stock, fused, kernel } = OPTIMIZERS[kind];
    const config = tf.getKernel(kernel, backend);
    // Steps 0–1 fused, 2–3 stock (kernel gone), 4 fused again.
    const mixed = await train(fused(), 5, (i) => {
      if (i === 2) tf.unregisterKernel(kernel, backend);
      if (i === 4) tf.registerKernel(config);
    });
    expectSameTraining(mixed, await train(stock(), 5));
  });

  test('Adam: getWeights and setWeights carry the moments and step count to a new optimizer', async () => {
    const reference = await train(new FusedAdamOptimizer(0.01), 5);
    // Three steps with one optimizer, then two with another given the first one's weights.
    const m = convBnModel();
    const first = new FusedAdamOptimizer(0.01);
    m.compile({ optimizer: first, loss: 'categoricalCrossentropy' });
    const xs = seeded([4, 6, 5, 2], 7);
    const ys = labels();
    for (let i = 0; i < 3; i++) await m.trainOnBatch(xs, ys);
    const state = await first.getWeights();
    const second = new FusedAdamOptimizer(0.01);
    await second.setWeights(state);
    m.compile({ optimizer: second, loss: 'categoricalCrossentropy' });
    const losses: number[] = [];
    for (let i = 0; i < 2; i++) losses.push((await m.trainOnBatch(xs, ys)) as number);
    expectSameTraining({ losses, weights: m.getWeights().map((w) => w.dataSync().slice()) }, { losses: reference.losses.slice(3), weights: reference.weights });
    // getWeights hands out the moments themselves and a new step-count scalar: free only that.
    tf.dispose([xs, ys, state[0]!.tensor]);
    m.dispose();
    first.dispose();
    second.dispose();
  });
});

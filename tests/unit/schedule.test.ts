import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, test } from 'vitest';
import { PRESETS, smallResNet } from '../../src/lib/resnet';
import type { LabParams } from '../../src/lib/train/lab-params';
import { trainModel } from '../../src/lib/train/loop';
import { END_FRACTION, learningRateAt, START_FRACTION } from '../../src/lib/train/schedule';
import { TrainingSession } from '../../src/lib/train/session';
import { FusedAdamOptimizer, FusedMomentumOptimizer, registerFusedOptimizerKernels } from '../../src/lib/engine/fused-optimizers';
import { registerWasmTrainingKernels } from '../../src/lib/engine/wasm/wasm-kernels';
import { convBnModel, maxAbsDiff, toyDataset, toyLabParams, toySplit } from './helpers';

registerWasmTrainingKernels();
registerFusedOptimizerKernels();
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('learningRateAt', () => {
  // 31 steps: the peak at step floor(0.3 · 31) − 1 = 8; the warm-up's middle at step 4, the
  // cosine's middle at step 8 + 22 / 2 = 19, the last step 30.
  test.each([
    ['constant', 0, 0.01],
    ['constant', 30, 0.01],
    ['one-cycle', 0, 0.0004],
    ['one-cycle', 4, (0.0004 + 0.01) / 2],
    ['one-cycle', 8, 0.01],
    ['one-cycle', 19, (0.01 + 0.0001) / 2],
    ['one-cycle', 30, 0.0001],
  ] as const)('%s, step %i of 31: %f', (schedule, step, rate) => {
    expect(learningRateAt(schedule, 0.01, step, 31)).toBeCloseTo(rate, 12);
  });

  test('one-cycle starts at 1/25 of the peak and ends at 1/100, rising then falling', () => {
    const rates = Array.from({ length: 300 }, (_, i) => learningRateAt('one-cycle', 0.02, i, 300));
    expect(rates[0]).toBeCloseTo(0.02 * START_FRACTION, 12);
    expect(rates.at(-1)).toBeCloseTo(0.02 * END_FRACTION, 12);
    const top = rates.indexOf(Math.max(...rates));
    expect(top).toBe(89);
    for (let i = 1; i <= top; i++) expect(rates[i]).toBeGreaterThan(rates[i - 1]!);
    for (let i = top + 1; i < rates.length; i++) expect(rates[i]).toBeLessThan(rates[i - 1]!);
  });

  test.each([
    [1, [0.01]],
    [2, [0.01, 0.0001]],
  ])('a run of %i steps starts at the peak and still ends low', (steps, rates) => {
    expect(Array.from({ length: steps }, (_, i) => learningRateAt('one-cycle', 0.01, i, steps))).toEqual(rates.map((r) => expect.closeTo(r, 12)));
  });

  test.each([
    [0, 0, /totalSteps must be a whole number of at least 1, got 0/],
    [10, 10, /step must be a whole number from 0 to totalSteps − 1 \(9\), got 10/],
    [-1, 10, /step must be .* got -1/],
    [1.5, 10, /step must be .* got 1.5/],
  ])('step %d of %d is refused, naming the argument', (step, total, message) => {
    expect(() => learningRateAt('one-cycle', 0.01, step, total)).toThrow(message);
  });

  test('a peak that is not a rate is refused', () => {
    expect(() => learningRateAt('one-cycle', 0, 0, 10)).toThrow(/peak must be a learning rate above 0, got 0/);
  });
});

describe.each(['cpu', 'wasm'])('a schedule on the %s backend', (backend) => {
  test('the backend starts', async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  test('the fused optimizers take a new rate each step, as the stock ones read theirs', async () => {
    const rates = [0.02, 0.005, 0.05, 0.001];
    const run = async (optimizer: tf.Optimizer, setRate: (lr: number) => void) => {
      const m = convBnModel();
      m.compile({ optimizer, loss: 'categoricalCrossentropy' });
      const xs = tf.randomUniform([4, 6, 5, 2], -1, 1, 'float32', 7);
      const ys = tf.oneHot(tf.tensor1d([0, 2, 1, 2], 'int32'), 3);
      const losses: number[] = [];
      for (const lr of rates) {
        setRate(lr);
        losses.push((await m.trainOnBatch(xs, ys)) as number);
      }
      const weights = m.getWeights().flatMap((w) => [...w.dataSync()]);
      tf.dispose([xs, ys]);
      m.dispose();
      optimizer.dispose();
      return { losses, weights };
    };
    const fusedAdam = new FusedAdamOptimizer(0.01);
    const stockAdam = tf.train.adam(0.01);
    const a = await run(fusedAdam, (lr) => fusedAdam.setLearningRate(lr));
    // The stock Adam reads its (protected) field at every step.
    const b = await run(stockAdam, (lr) => ((stockAdam as unknown as { learningRate: number }).learningRate = lr));
    expect(maxAbsDiff(a.losses, b.losses)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(a.weights, b.weights)).toBeLessThanOrEqual(1e-5);
    const fusedMomentum = new FusedMomentumOptimizer(0.01, 0.9);
    const stockMomentum = tf.train.momentum(0.01, 0.9);
    const c = await run(fusedMomentum, (lr) => fusedMomentum.setLearningRate(lr));
    const d = await run(stockMomentum, (lr) => stockMomentum.setLearningRate(lr));
    expect(maxAbsDiff(c.weights, d.weights)).toBeLessThanOrEqual(1e-5);
    // And the rates mattered: a constant rate trains otherwise.
    const e = await run(new FusedAdamOptimizer(0.01), () => {});
    expect(maxAbsDiff(a.weights, e.weights)).toBeGreaterThan(1e-3);
  });
});

describe('the loop', () => {
  const config = { epochs: 2, batchSize: 16, trainSize: 32, classes: 4, side: 28, seed: 1 };
  const quiet = { yieldToPage: async () => undefined };

  async function train(schedule: { name: 'constant' | 'one-cycle'; peak: number } | undefined) {
    // WASM with the lab's kernels: the same loop, several times faster than the CPU backend here.
    await tf.setBackend('wasm');
    const model = smallResNet({ ...PRESETS.tiny, classes: 4, residual: true }, { kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) });
    const optimizer = new FusedAdamOptimizer(0.01);
    const rates: number[] = [];
    const set = optimizer.setLearningRate.bind(optimizer);
    optimizer.setLearningRate = (lr: number) => {
      rates.push(lr);
      set(lr);
    };
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const losses: number[] = [];
    const tensors: number[] = [];
    await trainModel(
      model,
      toySplit(32),
      toySplit(16, 1),
      { ...config, ...(schedule ? { schedule } : {}) },
      {
        ...quiet,
        onBatch: (r) => losses.push(r.loss),
        onEpoch: (r) => tensors.push(r.tensors),
      },
    );
    model.dispose();
    optimizer.dispose();
    return { rates, losses, tensors };
  }

  test('one-cycle sets the rate before every step, across epochs, from the schedule', async () => {
    const { rates, tensors } = await train({ name: 'one-cycle', peak: 0.01 });
    // 2 epochs of 2 batches: 4 steps, the peak at step max(0, floor(1.2) − 1) = 0, then a cosine
    // down to 1/100 of it: the middle step of the three after the peak at the cosine's middle.
    expect(rates).toEqual([0.01, 0.007525, 0.002575, 0.0001].map((r) => expect.closeTo(r, 12)));
    expect(tensors[0]).toBe(tensors[1]);
  });

  test('a constant schedule never touches the optimizer: the losses are those of a run without one', async () => {
    const constant = await train({ name: 'constant', peak: 0.01 });
    const none = await train(undefined);
    expect(constant.rates).toEqual([]);
    expect(constant.losses).toEqual(none.losses);
    expect((await train({ name: 'one-cycle', peak: 0.01 })).losses).not.toEqual(none.losses);
  });

  test('a schedule with an optimizer that cannot change its rate is refused, saying what to use', async () => {
    const model = convBnModel();
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
    await expect(trainModel(model, toySplit(16), toySplit(16, 1), { ...config, schedule: { name: 'one-cycle', peak: 0.01 } }, quiet)).rejects.toThrow(
      /needs an optimizer with setLearningRate: compile the model with FusedAdamOptimizer/,
    );
    model.dispose();
  });
});

describe('the session', () => {
  const data = toyDataset(32, 16, 16);
  const params = toyLabParams({ trainSize: 32, backend: 'wasm' });

  async function losses(overrides: Partial<LabParams>): Promise<number[]> {
    await tf.setBackend('wasm');
    const out: number[] = [];
    const session = new TrainingSession(
      { ...params, ...overrides },
      data,
      {
        send: (m) => m.type === 'batch' && out.push(m.report.loss),
        startBackend: async () => ({ backend: tf.getBackend(), reason: 'Tests run on WASM.', renderer: null }),
      },
      false,
    );
    await session.run();
    return out;
  }

  test.each(['adam', 'sgd'] as const)('%s: the schedule field reaches the loop; constant trains as a link from before schedules', async (optimizer) => {
    const none = await losses({ optimizer });
    expect(none).toHaveLength(4);
    expect(await losses({ optimizer, schedule: 'constant' })).toEqual(none);
    expect(await losses({ optimizer, schedule: 'one-cycle' })).not.toEqual(none);
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, test } from 'vitest';
import { GRADIENT_DEMO_DEPTH } from '../../src/components/model/demo-fields';
import { DEMO_LEARNING_RATE, DEMO_STEPS, deepNetwork, gradientSummary, step, task, type GradientSample } from '../../src/lib/demos/gradient-demo';

/** Trains a fresh network with `optimizer` for `steps` steps; returns every sample and frees it all. */
function train(depth: number, residual: boolean, optimizer: tf.Optimizer, data: { xs: tf.Tensor; ys: tf.Tensor }, steps: number): GradientSample[] {
  const net = deepNetwork(depth, residual);
  const samples = Array.from({ length: steps }, (_, i) => step(net, optimizer, data, i + 1));
  net.model.dispose();
  optimizer.dispose();
  return samples;
}

test('in a deep plain sigmoid network the early layers get far smaller gradients; shortcuts keep them', () => {
  const before = tf.memory().numTensors;
  const data = task();
  const plain = deepNetwork(20, false);
  const residual = deepNetwork(20, true);
  const optimizers = [tf.train.sgd(0.1), tf.train.sgd(0.1)];
  const samples = [0, 1, 2].map((i) => [step(plain, optimizers[0]!, data, i), step(residual, optimizers[1]!, data, i)]);
  for (const [p, r] of samples) {
    expect(p!.early / p!.late).toBeLessThan(1e-3); // vanished on the way back
    expect(r!.early / r!.late).toBeGreaterThan(0.05); // the shortcuts carry it: within a factor of 20, not 10^11
    expect(r!.early).toBeGreaterThan(1e3 * p!.early);
    expect(Number.isFinite(p!.loss) && Number.isFinite(r!.loss)).toBe(true);
  }
  plain.model.dispose();
  residual.model.dispose();
  optimizers.forEach((o) => o.dispose());
  tf.dispose([data.xs, data.ys]);
  expect(tf.memory().numTensors).toBe(before);
});

// The head emits logits and the loss applies the softmax once. With a second softmax in the head
// the loss could not fall below about 0.74 however long it trained. Adam reaches the task's fit
// in a few dozen steps, where the demo's plain SGD would take hundreds.
describe.each([
  { depth: GRADIENT_DEMO_DEPTH.default, residual: true },
  { depth: 3, residual: false },
])('depth $depth, residual $residual: the loss can approach 0', ({ depth, residual }) => {
  it('falls below 0.1 within 60 Adam steps', () => {
    const before = tf.memory().numTensors;
    const data = task();
    const samples = train(depth, residual, tf.train.adam(0.01), data, 60);
    tf.dispose([data.xs, data.ys]);
    expect(samples.at(-1)!.loss).toBeLessThan(0.1);
    expect(tf.memory().numTensors).toBe(before);
  });
});

// What the live demo shows at its default depth after its steps: the figures lesson 1 quotes
// (deep-networks.mdx, "At the default depth"). Keep the two in step.
test('at the default depth, the plain network’s early gradient vanishes and the residual one’s does not', () => {
  const data = task();
  const depth = GRADIENT_DEMO_DEPTH.default;
  const plain = train(depth, false, tf.train.sgd(DEMO_LEARNING_RATE), data, DEMO_STEPS);
  const residual = train(depth, true, tf.train.sgd(DEMO_LEARNING_RATE), data, DEMO_STEPS);
  tf.dispose([data.xs, data.ys]);
  const p = plain.at(-1)!;
  const r = residual.at(-1)!;
  expect(p.late / p.early).toBeGreaterThan(5e10); // "about 10^11 times smaller"
  expect(p.late / p.early).toBeLessThan(2e11);
  expect(p.early).toBeGreaterThan(5e-13); // "around 10^-12 against 0.1"
  expect(p.early).toBeLessThan(2e-12);
  expect(p.late).toBeGreaterThan(0.05);
  expect(p.late).toBeLessThan(0.2);
  expect(p.loss).toBeCloseTo(1.36, 2); // stuck near chance, ln 4 ≈ 1.39
  expect(r.late / r.early).toBeGreaterThan(2); // "within a factor of about 2.5"
  expect(r.late / r.early).toBeLessThan(3);
  expect(r.loss).toBeCloseTo(0.75, 2);
  expect(gradientSummary(depth, p, r)).toMatch(
    /^Depth 20: in the plain network the early layer's gradient is [\d.]+e\+1[01] times smaller than the late layer's; with shortcuts, the two are within a factor of 2\.\d of each other\.$/,
  );
});

const sample = (early: number, late: number): GradientSample => ({ step: 40, early, middle: 1, late, loss: 1 });

describe('gradientSummary', () => {
  it.each([
    {
      case: 'a vanished gradient, in powers of ten',
      plain: sample(1e-12, 0.2),
      residual: sample(0.09, 0.17),
      says: "early layer's gradient is 2.0e+11 times smaller than the late layer's; with shortcuts, the two are within a factor of 1.9 of each other.",
    },
    {
      case: 'a small factor, plainly',
      plain: sample(0.1, 1.2),
      residual: sample(0.1, 0.1),
      says: "is 12.0 times smaller than the late layer's; with shortcuts, the two are within a factor of 1.0",
    },
    {
      case: 'an early gradient below the smallest float',
      plain: sample(0, 0.11),
      residual: sample(0.06, 0.12),
      says: "early layer's gradient is 0 (too small for a 32-bit float), the late layer's 1.1e-1; with shortcuts",
    },
    {
      case: 'an early layer with the larger gradient',
      plain: sample(2, 1),
      residual: sample(0.08, 0.05),
      says: "is 2.0 times larger than the late layer's; with shortcuts, the two are within a factor of 1.6",
    },
  ])('reads $case', ({ plain, residual, says }) => {
    const text = gradientSummary(12, plain, residual);
    expect(text).toMatch(/^Depth 12: in the plain network the early layer's gradient is /);
    expect(text).toContain(says);
    expect(text).not.toMatch(/Infinity|NaN/);
  });
});

test('depth must be at least 3', () => {
  expect(() => deepNetwork(2, false)).toThrow(/at least 3/);
});

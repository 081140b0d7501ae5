import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { checkBlock, blockFields } from '../../src/lib/resnet/block-params';
import { runBlock } from '../../src/lib/resnet/run';
import { defaults } from '../../src/lib/state/fields';

describe.each(['identity', 'convolutional'] as const)('running the %s block on a real tensor', (kind) => {
  const cases = [
    { H: '4', W: '4', C: '6', f: '2', F1: '2', F2: '4', F3: '6', s: '2', m: '3' },
    { H: '7', W: '5', C: '3', f: '3', F1: '4', F2: '2', F3: kind === 'identity' ? '3' : '5', s: '3', m: '2' },
  ];

  test.each(cases)('gives the traced shape at every step: %j', async (changes) => {
    const check = checkBlock(kind, { ...defaults(blockFields(kind)), ...changes });
    if (!check.ok) throw new Error(JSON.stringify(check.errors));
    const before = tf.memory().numTensors;
    const run = await runBlock(kind, check.params);
    expect(tf.memory().numTensors).toBe(before);
    expect(run.backend).toBe('cpu');
    expect(run.steps.map((s) => s.id)).toEqual(check.steps.map((s) => s.id));
    for (const [i, step] of run.steps.entries()) {
      expect([step.id, step.shape]).toEqual([step.id, [check.params.m, ...check.steps[i]!.outputShape]]);
      expect(step.map).toHaveLength(step.shape[1]! * step.shape[2]!);
      expect(Number.isFinite(step.mean) && step.std >= 0).toBe(true);
    }
    // The block ends in a ReLU, so nothing is negative; the input is standard normal.
    const last = run.steps.at(-1)!;
    expect(Math.min(...last.map)).toBeGreaterThanOrEqual(0);
    const input = run.steps[0]!;
    expect(input.std).toBeGreaterThan(0.5);
  });
});

describe('BatchNorm in the run: inference (what predict does) or training (what fit does)', () => {
  const check = checkBlock('identity', { ...defaults(blockFields('identity')), H: '5', W: '4', m: '4' });
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  const byId = (run: Awaited<ReturnType<typeof runBlock>>) => new Map(run.steps.map((s) => [s.id, s]));

  test('inference: a fresh BatchNorm divides by √(1 + 0.001) and nothing else, so its row repeats the conv’s', async () => {
    const before = tf.memory().numTensors;
    const run = byId(await runBlock('identity', check.params, 1, 'inference'));
    expect(tf.memory().numTensors).toBe(before);
    for (const part of ['2a', '2b', '2c']) {
      const conv = run.get(`res1a_branch${part}`)!;
      const bn = run.get(`bn1a_branch${part}`)!;
      expect(bn.mean).toBeCloseTo(conv.mean / Math.sqrt(1.001), 5);
      expect(bn.std).toBeCloseTo(conv.std / Math.sqrt(1.001), 5);
    }
  });

  test('training: each BatchNorm normalises with the batch’s own statistics, mean 0 and standard deviation about 1', async () => {
    const before = tf.memory().numTensors;
    const training = await runBlock('identity', check.params, 1, 'training');
    expect(tf.memory().numTensors).toBe(before);
    expect(training.mode).toBe('training');
    const run = byId(training);
    for (const part of ['2a', '2b', '2c']) {
      const bn = run.get(`bn1a_branch${part}`)!;
      expect(Math.abs(bn.mean)).toBeLessThan(1e-5);
      // Each channel's variance is v / (v + 0.001) of its own, just under 1.
      expect(bn.std).toBeGreaterThan(0.99);
      expect(bn.std).toBeLessThan(1.0001);
    }
    // Before the first BatchNorm the two modes agree: the same seeded input and weights.
    const inference = byId(await runBlock('identity', check.params, 1, 'inference'));
    expect(run.get('res1a_branch2a')!.mean).toBeCloseTo(inference.get('res1a_branch2a')!.mean, 6);
  });

  test('pre-activation: the same steps as the trace, ending in the Add, which can be negative', async () => {
    const pre = checkBlock('identity', { ...defaults(blockFields('identity')), order: 'pre' });
    if (!pre.ok) throw new Error(JSON.stringify(pre.errors));
    const run = await runBlock('identity', pre.params, 1, 'training');
    expect(run.steps.map((s) => s.id)).toEqual(pre.steps.map((s) => s.id));
    expect(run.steps.at(-1)!.id).toBe('add_1a');
    expect(run.steps.at(-1)!.shape).toEqual([3, 4, 4, 6]);
    // Nothing after the Add: the sum keeps its negative values (the input is standard normal).
    expect(Math.min(...run.steps.at(-1)!.map)).toBeLessThan(0);
  });
});

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

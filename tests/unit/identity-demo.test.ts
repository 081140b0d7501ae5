import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { identityDemo } from '../../src/lib/demos/identity-demo';

test('residual blocks with gamma 0 are the identity at every depth; plain stacks are not', async () => {
  const before = tf.memory().numTensors;
  const rows = await identityDemo(4);
  expect(rows.map((r) => r.blocks)).toEqual([1, 2, 3, 4]);
  for (const row of rows) {
    expect(row.residual).toBe(0);
    // Zero gamma silences a plain stack entirely: the output is all zeros, as far from X as X is large.
    expect(row.plainZeroGamma).toBeCloseTo(row.inputScale, 5);
    expect(row.plainDefault).toBeGreaterThan(0.1);
  }
  expect(tf.memory().numTensors).toBe(before);
});

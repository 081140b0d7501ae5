import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, test } from 'vitest';
import { compare, formatChange, formatSize, identityDemo, identitySummary } from '../../src/lib/demos/identity-demo';

describe('compare: change ‖out − in‖/‖in‖ and size ‖out‖/‖in‖', () => {
  // The input [3, 4] has norm 5, so every figure is a hand-checkable fraction of 5.
  it.each([
    { case: 'the identity', out: [3, 4], change: 0, size: 1 },
    { case: 'an all-zero output', out: [0, 0], change: 1, size: 0 },
    { case: 'one component wiped out', out: [0, 4], change: 3 / 5, size: 4 / 5 },
    { case: 'the input doubled', out: [6, 8], change: 1, size: 2 },
    { case: 'the input reversed', out: [-3, -4], change: 2, size: 1 },
  ])('$case', ({ out, change, size }) => {
    const input = tf.tensor1d([3, 4]);
    const output = tf.tensor1d(out);
    const result = compare(input, output);
    expect(result.change).toBeCloseTo(change, 6);
    expect(result.size).toBeCloseTo(size, 6);
    tf.dispose([input, output]);
  });

  it('refuses tensors of different shapes, and an all-zero input', () => {
    const [a, b, zero] = [tf.zeros([2, 3]).add(1), tf.ones([3, 2]), tf.zeros([2, 3])];
    expect(() => compare(a, b)).toThrow(/output has shape \[3,2\] but input has \[2,3\]/);
    expect(() => compare(zero, a)).toThrow(/input is all zeros/);
    tf.dispose([a, b, zero]);
  });
});

describe.each([
  { value: 0, change: '0', size: '0' },
  { value: 1, change: '1', size: '1' },
  { value: 0.93581, change: '0.936', size: '0.94' },
  { value: 0.99953, change: '> 0.999', size: '1.0' },
  { value: 0.0017, change: '0.002', size: '0.0017' },
  { value: 0.0001, change: '< 0.001', size: '0.00010' },
  { value: 18.47, change: '18.470', size: '18' },
])('$value', ({ value, change, size }) => {
  it(`reads as change ${change} and size ${size}`, () => {
    expect(formatChange(value)).toBe(change);
    expect(formatSize(value)).toBe(size);
  });
});

// What lesson 2 says about the demo at its default N = 6 ("Here the last BatchNorm of each main
// path", residual-networks.mdx): keep the two in step.
test('residual blocks with gamma 0 are the identity at every depth; plain stacks fade or vanish', async () => {
  const before = tf.memory().numTensors;
  const rows = await identityDemo(6);
  expect(rows.map((r) => r.blocks)).toEqual([1, 2, 3, 4, 5, 6]);
  for (const row of rows) {
    expect(row.residual).toEqual({ change: 0, size: 1 }); // exactly the input
    expect(row.plainZeroGamma).toEqual({ change: 1, size: 0 }); // exactly all zeros
  }
  // The plain stack at its default start: each block leaves about a third of the signal ("0.32
  // after one block, 0.0017 after six"), and the change climbs towards 1, the all-zero value.
  const sizes = rows.map((r) => formatSize(r.plainDefault.size));
  expect(sizes).toEqual(['0.32', '0.10', '0.036', '0.013', '0.0048', '0.0017']);
  for (let i = 1; i < rows.length; i++) {
    const ratio = rows[i]!.plainDefault.size / rows[i - 1]!.plainDefault.size;
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(0.4);
    expect(rows[i]!.plainDefault.change).toBeGreaterThan(rows[i - 1]!.plainDefault.change);
  }
  expect(rows.map((r) => formatChange(r.plainDefault.change))).toEqual(['0.936', '0.968', '0.987', '0.996', '0.998', '0.999']);
  expect(identitySummary(rows[5]!)).toBe(
    "With 6 blocks: the residual stack returns its input exactly (change 0); the plain stack with gamma 0 returns all zeros (size 0); with its default start, 0.0017 of the input's size is left and the change is 0.999.",
  );
  expect(tf.memory().numTensors).toBe(before);
});

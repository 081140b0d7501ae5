/**
 * How the Keras surface tells a disconnected model from the graph (bridge.computedFrom), so the
 * runner and Model() raise GraphDisconnected without reading TF.js's message: it must agree with
 * tf.model, which refuses exactly the graphs that come out false here.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { computedFrom } from '../../src/lib/keras/bridge';

const dense = (x: tf.SymbolicTensor) => tf.layers.dense({ units: 2 }).apply(x) as tf.SymbolicTensor;
const add = (a: tf.SymbolicTensor, b: tf.SymbolicTensor) => tf.layers.add().apply([a, b]) as tf.SymbolicTensor;

describe.each([
  ['a chain of layers from the input', () => ({ inputs: tf.input({ shape: [2] }) }), (x: tf.SymbolicTensor) => dense(dense(x)), true],
  ['the input itself', () => ({ inputs: tf.input({ shape: [2] }) }), (x: tf.SymbolicTensor) => x, true],
  ['a branch that rejoins the input (a shortcut)', () => ({ inputs: tf.input({ shape: [2] }) }), (x: tf.SymbolicTensor) => add(dense(x), x), true],
  ['a new Input in place of the input', () => ({ inputs: tf.input({ shape: [2] }) }), () => dense(tf.input({ shape: [2] })), false],
  [
    'a new Input added to the input’s path',
    () => ({ inputs: tf.input({ shape: [2] }) }),
    (x: tf.SymbolicTensor) => add(dense(x), tf.input({ shape: [2] })),
    false,
  ],
] as const)('%s', (_label, setup, build, expected) => {
  test(`computedFrom is ${expected}, and tf.model ${expected ? 'builds' : 'refuses'} it`, () => {
    const { inputs } = setup();
    const outputs = build(inputs);
    expect(computedFrom(inputs, outputs)).toBe(expected);
    expect(computedFrom([inputs], [outputs])).toBe(expected);
    const made = () => tf.model({ inputs, outputs }).dispose();
    if (expected) expect(made).not.toThrow();
    else expect(made).toThrow(/Graph disconnected/);
  });
});

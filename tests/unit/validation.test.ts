import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { convolutionalBlock, identityBlock, resNet50, ResNetArgumentError, RESNET50_STAGES, traceIdentityBlock, traceResNet50 } from '../../src/lib/resnet';

type Case = [label: string, build: () => unknown, argument: string, message: RegExp];

const X = () => tf.input({ shape: [4, 4, 6] });

const cases: Case[] = [
  [
    'identity block whose F3 differs from the channels',
    () => identityBlock(X(), 2, [2, 4, 8], 1, 'a'),
    'filters',
    /F3 is 8 but the input has 6.*convolutional block/,
  ],
  ['f of zero', () => identityBlock(X(), 0, [2, 4, 6], 1, 'a'), 'f', /f must be a positive integer.*got 0/],
  ['f of 1.5', () => convolutionalBlock(X(), 1.5, [2, 4, 6], 1, 'a'), 'f', /got 1\.5/],
  ['f of NaN', () => identityBlock(X(), Number.NaN, [2, 4, 6], 1, 'a'), 'f', /got NaN/],
  ['negative F1', () => identityBlock(X(), 2, [-2, 4, 6], 1, 'a'), 'filters', /F1 must be a positive integer.*got -2/],
  ['fractional F2', () => convolutionalBlock(X(), 2, [2, 4.5, 6], 1, 'a'), 'filters', /F2 must be a positive integer.*got 4\.5/],
  ['two filters instead of three', () => identityBlock(X(), 2, [2, 6], 1, 'a'), 'filters', /three numbers \[F1, F2, F3\]/],
  ['stride of zero', () => convolutionalBlock(X(), 2, [2, 4, 6], 1, 'a', 0), 's', /s must be a positive integer.*got 0/],
  ['stride of -2', () => convolutionalBlock(X(), 2, [2, 4, 6], 1, 'a', -2), 's', /got -2/],
  ['stage of 0', () => identityBlock(X(), 2, [2, 4, 6], 0, 'a'), 'stage', /stage must be a positive integer/],
  ['block with a space', () => identityBlock(X(), 2, [2, 4, 6], 1, 'a b'), 'block', /block must be a short name/],
  [
    'X that is not a symbolic tensor',
    () => identityBlock({ shape: [null, 4, 4, 6] } as never, 2, [2, 4, 6], 1, 'a'),
    'X',
    /symbolic tensor of shape \(None, height, width, channels\)/,
  ],
  ['X of rank 2', () => identityBlock(tf.input({ shape: [6] }), 2, [2, 4, 6], 1, 'a'), 'X', /symbolic tensor/],
  [
    'input too small for stage 5',
    () => resNet50([16, 16, 3]),
    'inputShape',
    /collapses at avg_pool \(after stage 5\): its input is 1 × 1.*smallest input that works is 37 × 37/,
  ],
  [
    'input too small for the stem',
    () => resNet50([2, 2, 3]),
    'inputShape',
    /collapses at max_pool \(stage 1\): its input is 1 × 1, too small for a 3 × 3 window/,
  ],
  ['input of zero height', () => resNet50([0, 64, 3]), 'inputShape', /height must be a positive integer, got 0/],
  ['input with two axes', () => resNet50([64, 64] as never), 'inputShape', /\[height, width, channels\]/],
  ['zero classes', () => resNet50([64, 64, 3], 0), 'classes', /classes must be a positive integer/],
  [
    'too many identity blocks',
    () => traceResNet50([64, 64, 3], 6, [{ ...RESNET50_STAGES[0]!, identityBlocks: 26 }]),
    'identityBlocks',
    /Stage 2.*from 0 to 25/,
  ],
];

describe.each(cases)('%s', (_label, build, argument, message) => {
  test(`throws a ResNetArgumentError naming ${argument}`, () => {
    const before = tf.memory().numTensors;
    let thrown: unknown;
    try {
      build();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ResNetArgumentError);
    expect((thrown as ResNetArgumentError).argument).toBe(argument);
    expect((thrown as Error).message).toMatch(message);
    expect(tf.memory().numTensors).toBe(before); // it failed before making a single weight
  });
});

test('the smallest input that works does build', () => {
  expect(traceResNet50([37, 37, 3]).at(-1)?.outputShape).toEqual([6]);
  expect(() => traceResNet50([36, 36, 3])).toThrow(/collapses/);
});

/** What a call throws, or undefined. */
function thrownBy(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('a trace error carries what it is about as data, not only in its text', () => {
  test.each([
    ['the stem collapses', () => traceResNet50([2, 2, 3]), 'collapsed', 1],
    ['the head collapses (after every stage)', () => traceResNet50([16, 16, 3]), 'collapsed', undefined],
    ['an identity block of stage 3 gets F3 wrong', () => traceIdentityBlock([4, 4, 6], 2, [2, 4, 8], 3, 'a'), 'invalid', 3],
  ])('%s: code %s, stage %s', (_label, build, code, stage) => {
    const thrown = thrownBy(build);
    expect(thrown).toBeInstanceOf(ResNetArgumentError);
    expect((thrown as ResNetArgumentError).code).toBe(code);
    expect((thrown as ResNetArgumentError).stage).toBe(stage);
  });
});

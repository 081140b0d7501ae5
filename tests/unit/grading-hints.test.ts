/**
 * Mistaken implementations that the grader once let through or blamed on the wrong step: each
 * must fail, and its message and hint must name the fault itself (TF.js cells; the Keras cells
 * are in keras-hints.test.ts).
 */
import { describe, expect, test } from 'vitest';
import { gradeExercise } from '../../src/lib/grading/exercise';
import { duplicateName, filtersHint, placeOf, strideHint } from '../../src/lib/grading/hints';
import { SOLUTIONS } from '../../src/lib/grading/solutions';
import { expectedOutput } from '../../src/lib/grading/strides';
import type { Check, ExerciseId } from '../../src/lib/grading/types';
import { byId, wrong } from './grading-helpers';

const RELU = "X = tf.layers.activation({ activation: 'relu' }).apply(X) as tf.SymbolicTensor;";
const ADD = 'X = tf.layers.add().apply([X, XShortcut]) as tf.SymbolicTensor;';

type Case = { label: string; id: ExerciseId; source: string; check: Check['id']; message: RegExp; hint: RegExp };

const cases: Case[] = [
  {
    label: 'a convolutional block with strides (2, 2) written in, ignoring s',
    id: 'convolutional-block',
    source: wrong('convolutional-block', /strides: \[s, s\]/g, 'strides: [2, 2]'),
    check: 'shapes',
    message: /^With s = 1 the block's output should be \(None, 4, 4, 6\), but it is \(None, 2, 2, 6\)\.$/,
    hint: /^2a's stride and the shortcut's should be \(s, s\), not \(2, 2\)/,
  },
  {
    label: "only 2a's stride written in as 2",
    id: 'convolutional-block',
    source: wrong(
      'convolutional-block',
      "strides: [s, s], padding: 'valid', name: convNameBase + '2a'",
      "strides: [2, 2], padding: 'valid', name: convNameBase + '2a'",
    ),
    check: 'shapes',
    message: /^With s = 1: res1a_branch2a: expected \(None, 4, 4, 2\), got \(None, 2, 2, 2\)$/,
    hint: /^2a's stride should be \(s, s\), not \(2, 2\): the block must use its argument s, which is 1 here$/,
  },
  {
    label: "only the shortcut's stride written in as 2",
    id: 'convolutional-block',
    source: wrong(
      'convolutional-block',
      "strides: [s, s], padding: 'valid', name: convNameBase + '1'",
      "strides: [2, 2], padding: 'valid', name: convNameBase + '1'",
    ),
    check: 'shapes',
    message: /^With s = 1: res1a_branch1: expected \(None, 4, 4, 6\), got \(None, 2, 2, 6\)$/,
    hint: /^the shortcut's stride should be \(s, s\), not \(2, 2\)/,
  },
  {
    label: 'an identity block without the final ReLU',
    id: 'identity-block',
    source: wrong('identity-block', `${ADD}\n  ${RELU}`, ADD),
    check: 'layers',
    message: /^The output is Add\(bn1a_branch2c, input\); it should be Activation\(Add\(bn1a_branch2c, input\)\)\.$/,
    hint: /^the block ends with a ReLU on the sum/,
  },
  {
    label: 'a convolutional block without the final ReLU',
    id: 'convolutional-block',
    source: wrong('convolutional-block', `${ADD}\n  ${RELU}`, ADD),
    check: 'layers',
    message: /^The output is Add\(bn1a_branch1, bn1a_branch2c\)/,
    hint: /^the block ends with a ReLU on the sum/,
  },
  {
    label: "a ReLU on the identity block's shortcut",
    id: 'identity-block',
    source: wrong('identity-block', 'const XShortcut = X;', "const XShortcut = tf.layers.activation({ activation: 'relu' }).apply(X) as tf.SymbolicTensor;"),
    check: 'layers',
    message: /^The output is Activation\(Add\(Activation\(input\), bn1a_branch2c\)\)/,
    hint: /^the shortcut carries X to the Add as it is, with no ReLU of its own/,
  },
  {
    label: "a ReLU on the convolutional block's shortcut",
    id: 'convolutional-block',
    source: wrong('convolutional-block', ADD, `XShortcut = tf.layers.activation({ activation: 'relu' }).apply(XShortcut) as tf.SymbolicTensor;\n  ${ADD}`),
    check: 'layers',
    message: /Add\(Activation\(bn1a_branch1\), bn1a_branch2c\)/,
    hint: /^the shortcut ends with its BatchNorm, which goes straight into the Add: no ReLU on the shortcut/,
  },
  {
    label: "ResNet-50 with stage 2's convolutional block left at the default s = 2",
    id: 'resnet50',
    source: wrong('resnet50', "2, 'a', 1)", "2, 'a')"),
    check: 'shapes',
    message: /^res2a_branch2a: expected \(None, 15, 15, 64\), got \(None, 8, 8, 64\)$/,
    hint: /stage 2's convolutional block takes s = 1, not the default s = 2, because stage 1's max-pool has already halved/,
  },
  {
    label: 'ResNet-50 without the Flatten',
    id: 'resnet50',
    source: wrong('resnet50', 'X = tf.layers.flatten().apply(X) as tf.SymbolicTensor;', ''),
    check: 'shapes',
    message: /^fc6: expected \(None, 6\), got \(None, 1, 1, 6\)$/,
    hint: /^a Flatten belongs between avg_pool and the Dense layer/,
  },
  {
    label: "ResNet-50 with stage 3's filters in stage 4",
    id: 'resnet50',
    source: wrong('resnet50', /\[256, 256, 1024\]/g, '[128, 128, 512]'),
    check: 'shapes',
    message: /^res4a_branch2a: expected \(None, 4, 4, 256\), got \(None, 4, 4, 128\)$/,
    hint: /^this conv has 256 filters, not 128: stage 4's blocks take filters \[256, 256, 1024\]; 128 is stage 3's$/,
  },
  {
    label: "a name used twice: 2b named with 2a's suffix",
    id: 'identity-block',
    source: wrong('identity-block', "name: convNameBase + '2b'", "name: convNameBase + '2a'"),
    check: 'runs',
    message: /^Two layers are named 'res1a_branch2a': each name must be used once\.$/,
    hint: /^check the suffix of each convNameBase \+ '…': '2a' belongs to the first component only, and each step has its own \('2a', '2b' and '2c'\)$/,
  },
  {
    label: "a name used twice: the shortcut's BatchNorm named with 2c's suffix",
    id: 'convolutional-block',
    source: wrong('convolutional-block', "name: bnNameBase + '1'", "name: bnNameBase + '2c'"),
    check: 'runs',
    message: /^Two layers are named 'bn1a_branch2c'/,
    hint: /^check the suffix of each bnNameBase \+ '…': '2c' belongs to the third component only, and each step has its own \('2a', '2b', '2c' and '1'\)$/,
  },
  {
    label: "a name used three times: stage 3's identity blocks all called 'b'",
    id: 'resnet50',
    source: wrong('resnet50', '3, [128, 128, 512], 3, block)', "3, [128, 128, 512], 3, 'b')"),
    check: 'runs',
    message: /^resNet50\(\[64, 64, 3\], 6\) threw: Three layers are named 'res3b_branch2a': each name must be used once\.$/,
    hint: /^check the stage and block arguments of each block call: stage 3's blocks are 'a', 'b', 'c' and 'd', each letter used once$/,
  },
];

describe('mistaken implementations get messages that name the fault', () => {
  test.each(cases)('$label', ({ id, source, check, message, hint }) => {
    const result = gradeExercise(id, source);
    expect(result.passed).toBe(false);
    const failed = byId(result.checks, check);
    expect(failed).toMatchObject({ pass: false, message: expect.stringMatching(message), hint: expect.stringMatching(hint) });
    // Nothing before it failed, apart from "runs" when the code threw (at s = 1, say).
    const at = result.checks.indexOf(failed as Check);
    expect(result.checks.slice(0, at).every((c) => c.pass || c.id === 'runs')).toBe(true);
    for (const c of result.checks)
      expect(`${c.message} ${c.hint ?? ''}`).not.toMatch(/Layer names:|_Activation\d|keep the order of the steps|check the order of \[F1/);
  });
});

describe('the convolutional block at s = 1 too', () => {
  test('the reference solution passes both cases, and says so', () => {
    const result = gradeExercise('convolutional-block', SOLUTIONS['convolutional-block']);
    expect(result.passed).toBe(true);
    expect(byId(result.checks, 'shapes')?.message).toBe('Every step has the expected shape, ending at (None, 2, 2, 6). Also with s = 1.');
  });

  test('a block that fails at s = 2 is reported at s = 2, as before', () => {
    const source = wrong('convolutional-block', "padding: 'same'", "padding: 'valid'");
    expect(byId(gradeExercise('convolutional-block', source).checks, 'shapes')?.message).toBe('res1a_branch2b: expected (None, 2, 2, 4), got (None, 1, 1, 4)');
  });

  test.each([
    [1, '(None, 4, 4, 6)'],
    [2, '(None, 2, 2, 6)'],
    [3, '(None, 2, 2, 6)'],
  ])('the expected output at s = %i is %s', (s, shape) => {
    expect(expectedOutput(s)).toBe(shape);
  });
});

describe('the hints on their own', () => {
  test('a layer name gives its stage, block and step', () => {
    expect(placeOf('res4f_branch2b')).toEqual({ kind: 'res', stage: 4, block: 'f', step: '2b' });
    expect(placeOf('bn2a_branch1')).toEqual({ kind: 'bn', stage: 2, block: 'a', step: '1' });
    expect(placeOf('conv1')).toBeUndefined();
    expect(placeOf('fc6')).toBeUndefined();
  });

  test.each([
    ['res1a_branch2a', [2, 2], [1, 1], 'this conv uses a stride of (1, 1), not (2, 2)'],
    ['res3a_branch1', [1, 1], [2, 2], "this conv uses a stride of (2, 2), not (1, 1): stage 3's convolutional block takes s = 2"],
    ['res3a_branch2b', [2, 2], [1, 1], 'this conv uses a stride of (1, 1), not (2, 2)'],
  ])('the stride of %s', (name, mine, want, hint) => {
    expect(strideHint(name, mine, want)).toBe(hint);
  });

  test.each([
    ['res1a_branch2b', 6, 4, 'this conv has 4 filters, not 6: check the order of [F1, F2, F3]'],
    ['res5a_branch2c', 512, 2048, "this conv has 2048 filters, not 512: stage 5's blocks take [512, 512, 2048], in that order"],
    ['res3b_branch2a', 64, 128, "this conv has 128 filters, not 64: stage 3's blocks take filters [128, 128, 512]; 64 is stage 2's"],
    ['res2b_branch2c', 300, 256, "this conv has 256 filters, not 300: stage 2's blocks take filters [64, 64, 256]"],
  ])('the filters of %s', (name, mine, want, hint) => {
    expect(filtersHint(name, mine, want)).toBe(hint);
  });

  test('a duplicate outside the blocks, and a message that is not about names', () => {
    const message = 'The name "avg_pool" is used 2 times in the model. All layer names should be unique. Layer names: ["input1","avg_pool","avg_pool"]';
    expect(duplicateName(message, 'resnet50', 'keras')).toEqual({
      message: "Two layers are named 'avg_pool': each name must be used once.",
      hint: 'give each layer a name of its own, or leave it unnamed (a ReLU, an Add, a pooling or a Flatten needs no name)',
    });
    expect(duplicateName('Operands could not be broadcast together', 'identity-block', 'tfjs')).toBeUndefined();
  });
});

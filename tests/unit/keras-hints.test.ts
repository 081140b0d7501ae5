/**
 * The mistaken implementations of grading-hints.test.ts, written in Keras: the same faults are
 * named, in Python's names, through the Keras grader's own paths (a build that raises, a result
 * the runner refuses).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Check, ExerciseId } from '../../src/lib/grading/types';
import { gradeKeras } from '../../src/lib/keras/grade';
import { loadKeras, type KerasRuntime } from '../../src/lib/keras/runtime';
import { PYTHON_SOURCES } from '../../src/components/python/sources';
import { PYTHON_SOLUTIONS } from '../../src/components/python/solutions';
import { INDEX_URL, LOAD_TIMEOUT } from './keras-helpers';

let keras: KerasRuntime;
beforeAll(async () => {
  keras = await loadKeras({ indexURL: INDEX_URL, sources: PYTHON_SOURCES, tf });
}, LOAD_TIMEOUT);

/** The Python solution with one change, which must be found in it. */
function slip(id: ExerciseId, find: string | RegExp, replace: string): string {
  const source = PYTHON_SOLUTIONS[id];
  const changed = source.replace(find, replace);
  if (changed === source) throw new Error(`test setup: ${String(find)} not found in the ${id} solution`);
  return changed;
}

const FINAL = "    X = Add()([X, X_shortcut])\n    X = Activation('relu')(X)\n";

type Case = { label: string; id: ExerciseId; code: () => string; check: Check['id']; message: RegExp; hint: RegExp };

const cases: Case[] = [
  {
    label: 'a convolutional block with strides (2, 2) written in, ignoring s',
    id: 'convolutional-block',
    code: () => slip('convolutional-block', /strides = \(s,s\)/g, 'strides = (2,2)'),
    check: 'shapes',
    message: /^With s = 1 the block's output should be \(None, 4, 4, 6\), but it is \(None, 2, 2, 6\)\.$/,
    hint: /^2a's stride and the shortcut's should be \(s, s\), not \(2, 2\)/,
  },
  {
    label: "only the shortcut's stride written in as 2",
    id: 'convolutional-block',
    code: () =>
      slip(
        'convolutional-block',
        "strides = (s,s), padding = 'valid', name = conv_name_base + '1'",
        "strides = (2,2), padding = 'valid', name = conv_name_base + '1'",
      ),
    check: 'shapes',
    message: /^With s = 1: res1a_branch1: expected \(None, 4, 4, 6\), got \(None, 2, 2, 6\)$/,
    hint: /^the shortcut's stride should be \(s, s\), not \(2, 2\)/,
  },
  {
    label: 'an identity block without the final ReLU',
    id: 'identity-block',
    code: () => slip('identity-block', FINAL, '    X = Add()([X, X_shortcut])\n'),
    check: 'layers',
    message: /^The output is Add\(bn1a_branch2c, input\)/,
    hint: /^the block ends with a ReLU on the sum/,
  },
  {
    label: "a ReLU on the convolutional block's shortcut",
    id: 'convolutional-block',
    code: () => slip('convolutional-block', FINAL, `    X_shortcut = Activation('relu')(X_shortcut)\n${FINAL}`),
    check: 'layers',
    message: /Add\(Activation\(bn1a_branch1\), bn1a_branch2c\)/,
    hint: /^the shortcut ends with its BatchNorm, which goes straight into the Add: no ReLU on the shortcut/,
  },
  {
    label: "ResNet-50 with stage 2's convolutional block left at the default s = 2 (avg_pool then raises)",
    id: 'resnet50',
    code: () => slip('resnet50', "block='a', s = 1)", "block='a')"),
    check: 'shapes',
    message: /^res2a_branch2a: expected \(None, 15, 15, 64\), got \(None, 8, 8, 64\)$/,
    hint: /stage 2's convolutional block takes s = 1, not the default s = 2/,
  },
  {
    label: 'ResNet-50 without the Flatten',
    id: 'resnet50',
    code: () => slip('resnet50', '    X = Flatten()(X)\n', ''),
    check: 'shapes',
    message: /^fc6: expected \(None, 6\), got \(None, 1, 1, 6\)$/,
    hint: /^a Flatten belongs between avg_pool and the Dense layer/,
  },
  {
    label: "ResNet-50 with stage 3's filters in stage 4",
    id: 'resnet50',
    code: () => slip('resnet50', /\[256, 256, 1024\]/g, '[128, 128, 512]'),
    check: 'shapes',
    message: /^res4a_branch2a: expected \(None, 4, 4, 256\), got \(None, 4, 4, 128\)$/,
    hint: /stage 4's blocks take filters \[256, 256, 1024\]; 128 is stage 3's$/,
  },
  {
    label: "a name used twice: 2b named with 2a's suffix",
    id: 'identity-block',
    code: () => slip('identity-block', "name = conv_name_base + '2b'", "name = conv_name_base + '2a'"),
    check: 'runs',
    message: /^Two layers are named 'res1a_branch2a': each name must be used once\.$/,
    hint: /^check the suffix of each conv_name_base \+ '…': '2a' belongs to the first component only/,
  },
  {
    label: "a name used twice: stage 3's block 'c' called 'b'",
    id: 'resnet50',
    code: () => slip('resnet50', "stage=3, block='c'", "stage=3, block='b'"),
    check: 'runs',
    message: /^ResNet50\(\(64, 64, 3\), 6\) raised ValueError: Two layers are named 'res3b_branch2a': each name must be used once\.$/,
    hint: /^check the stage and block arguments of each block call: stage 3's blocks are 'a', 'b', 'c' and 'd'/,
  },
];

describe('mistaken Keras implementations get messages that name the fault', () => {
  test.each(cases)('$label', ({ id, code, check, message, hint }) => {
    const result = gradeKeras(id, keras, code());
    expect(result.passed).toBe(false);
    const failed = result.checks.find((c) => c.id === check);
    expect(failed).toMatchObject({ pass: false, message: expect.stringMatching(message), hint: expect.stringMatching(hint) });
    for (const c of result.checks)
      expect(`${c.message} ${c.hint ?? ''}`).not.toMatch(/Layer names:|_Activation\d|keep the order of the steps|check the order of \[F1/);
  });

  test('the Keras solution passes the convolutional block at s = 1 too', () => {
    const result = gradeKeras('convolutional-block', keras, PYTHON_SOLUTIONS['convolutional-block']);
    expect(result.passed).toBe(true);
    expect(result.checks[0]?.message).toBe("convolutional_block(X, 2, [2, 4, 6], 1, 'a', 2) returns a tensor. Also with s = 1.");
  });
});

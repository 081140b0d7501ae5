/**
 * A Keras cell goes through the same checks as a TF.js cell: the reference solutions pass all of
 * them, with the same messages past the first; the assignment's classic slips fail at the step
 * they break, with hints in Python's names.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { gradeExercise } from '../../src/lib/grading/exercise';
import { SOLUTIONS } from '../../src/lib/grading/solutions';
import type { Check, ExerciseId } from '../../src/lib/grading/types';
import { EXERCISE_DESCRIPTIONS, TEST_CASES } from '../../src/lib/grading/exercises';
import { gradeKeras, kerasCall } from '../../src/lib/keras/grade';
import { loadKeras, type KerasRuntime } from '../../src/lib/keras/runtime';
import { PYTHON_SOURCES } from '../../src/components/python/sources';
import { PYTHON_SKELETONS } from '../../src/components/python/skeletons';
import { PYTHON_SOLUTIONS } from '../../src/components/python/solutions';
import { namedLayers } from './exercises-helpers';
import { INDEX_URL, LOAD_TIMEOUT, lineOf } from './keras-helpers';

let keras: KerasRuntime;
beforeAll(async () => {
  keras = await loadKeras({ indexURL: INDEX_URL, sources: PYTHON_SOURCES, tf });
}, LOAD_TIMEOUT);

/** The Python solution with one change, which must be found in it. */
function slip(id: ExerciseId, find: string, replace: string): string {
  const source = PYTHON_SOLUTIONS[id];
  const changed = source.replace(find, replace);
  if (changed === source) throw new Error(`test setup: ${find} not found in the ${id} solution`);
  return changed;
}

const firstFailure = (checks: Check[]) => checks.find((c) => !c.pass);

describe.each(['identity-block', 'convolutional-block', 'resnet50'] as const)('%s', (id) => {
  test('the Keras solution builds the layers the exercise’s description names', () => {
    const built = keras.build(PYTHON_SOLUTIONS[id], kerasCall(id, TEST_CASES.resnet50.outputsInput));
    try {
      expect(built.ok && namedLayers(built.model)).toEqual([...EXERCISE_DESCRIPTIONS[id].layerNames].sort());
    } finally {
      built.dispose();
    }
  });

  test('the Keras solution passes every check, as the TF.js one does, and leaves no tensor behind', () => {
    // ResNet-50's reference is built once and kept: warm it up before counting tensors.
    if (id === 'resnet50') gradeKeras(id, keras, PYTHON_SOLUTIONS[id]);
    const before = tf.memory().numTensors;
    const result = gradeKeras(id, keras, PYTHON_SOLUTIONS[id]);
    expect(result.checks.map((c) => [c.id, c.pass, c.message])).toEqual(result.checks.map((c) => [c.id, true, c.message]));
    expect(tf.memory().numTensors).toBe(before);
    // Past "runs", which shows the call in each language, the messages are the same words (the
    // largest output difference aside: the two models run the same layers in another order).
    const words = (checks: Check[]) => checks.slice(1).map((c) => c.message.replace(/ \(largest difference .*\)/, ''));
    expect(words(result.checks)).toEqual(words(gradeExercise(id, SOLUTIONS[id]).checks));
    expect(result.checks[0]?.message).toMatch(
      {
        resnet50: /^ResNet50\(\(64, 64, 3\), 6\) returns a Model\.$/,
        'identity-block': /^identity_block\(X, 2, \[2, 4, 6\], 1, 'a'\) returns a tensor\.$/,
        // Graded at s = 2, then at s = 1.
        'convolutional-block': /^convolutional_block\(X, 2, \[2, 4, 6\], 1, 'a', 2\) returns a tensor\. Also with s = 1\.$/,
      }[id],
    );
  }, 60_000);

  test('the untouched skeleton runs but fails, naming the first missing step in Python’s names', () => {
    const result = gradeKeras(id, keras, PYTHON_SKELETONS[id]);
    expect(result.checks[0]?.pass).toBe(true);
    const failure = firstFailure(result.checks);
    expect(failure?.id).toBe('shapes');
    expect(failure?.message).toMatch(/but there is no layer named (res\d\w*_branch2b|res3a_branch2a)\.$/);
    if (id !== 'resnet50') expect(failure?.hint).toBe("write this step, and name it conv_name_base + '2b'");
    expect(PYTHON_SKELETONS[id]).not.toMatch(/document|lecture/i);
    expect(PYTHON_SOLUTIONS[id]).not.toMatch(/document|lecture/i);
  });
});

describe('the classic slips fail at the step they break', () => {
  test("'valid' padding on 2b: the shapes fail at res1a_branch2b, with the padding named", () => {
    const code = slip('identity-block', "padding = 'same', name = conv_name_base + '2b'", "padding = 'valid', name = conv_name_base + '2b'");
    const result = gradeKeras('identity-block', keras, code);
    // The Add of a 3×3 main path and the 4×4 input raises: the report still names the step.
    expect(result.checks[0]).toMatchObject({
      id: 'runs',
      pass: false,
      message: expect.stringMatching(/^identity_block\(X, 2, \[2, 4, 6\], 1, 'a'\) raised ValueError: Add needs tensors of the same shape/),
    });
    expect(result.error).toMatchObject({ kind: 'runtime', position: { line: lineOf(code, 'Add()') } });
    expect(result.checks[1]).toMatchObject({
      id: 'shapes',
      pass: false,
      message: 'res1a_branch2b: expected (None, 4, 4, 4), got (None, 3, 3, 4)',
      hint: "'valid' padding shrinks the map; this conv uses 'same'",
    });
  });

  test('the shortcut added before the last BatchNorm: the layers check names the wiring', () => {
    const code = slip(
      'identity-block',
      "    X = BatchNormalization(axis = 3, name = bn_name_base + '2c')(X)\n\n    # Final step: add the shortcut to the main path, then apply a ReLU.\n    X = Add()([X, X_shortcut])\n",
      "    X = Add()([X, X_shortcut])\n    X = BatchNormalization(axis = 3, name = bn_name_base + '2c')(X)\n",
    );
    const failure = firstFailure(gradeKeras('identity-block', keras, code).checks);
    expect(failure).toMatchObject({
      id: 'layers',
      message: expect.stringMatching(/^bn1a_branch2c reads from Add\(input, res1a_branch2c\); it should read from res1a_branch2c\./),
    });
  });

  test('no BatchNorm on the shortcut: the shapes fail at bn1a_branch1, in Python’s names', () => {
    const code = slip('convolutional-block', "    X_shortcut = BatchNormalization(axis = 3, name = bn_name_base + '1')(X_shortcut)\n", '');
    const failure = firstFailure(gradeKeras('convolutional-block', keras, code).checks);
    expect(failure).toEqual({
      id: 'shapes',
      title: expect.any(String),
      pass: false,
      message: 'bn1a_branch1: expected (None, 2, 2, 6), but there is no layer named bn1a_branch1.',
      hint: "write this step, and name it bn_name_base + '1'",
    });
  });

  test('the stride on 2b instead of 2a: the shapes fail at res1a_branch2a', () => {
    const code = slip('convolutional-block', "strides = (s,s), name = conv_name_base + '2a'", "strides = (1,1), name = conv_name_base + '2a'").replace(
      "strides = (1,1), padding = 'same', name = conv_name_base + '2b'",
      "strides = (s,s), padding = 'same', name = conv_name_base + '2b'",
    );
    const failure = firstFailure(gradeKeras('convolutional-block', keras, code).checks);
    expect(failure).toMatchObject({
      id: 'shapes',
      message: 'res1a_branch2a: expected (None, 2, 2, 2), got (None, 4, 4, 2)',
      hint: 'this conv uses a stride of (2, 2), not (1, 1)',
    });
  });

  test('a syntax error is reported at its line, and nothing else is checked', () => {
    const code = slip('identity-block', 'X_shortcut = X', 'X_shortcut = = X');
    const result = gradeKeras('identity-block', keras, code);
    expect(result.error).toMatchObject({ kind: 'syntax', position: { line: lineOf(code, 'X_shortcut = = X') } });
    expect(result.checks[0]?.message).toMatch(new RegExp(`^Syntax error \\(line ${lineOf(code, 'X_shortcut = = X')}, column \\d+\\): invalid syntax`));
    expect(result.checks.slice(1).every((c) => !c.pass && c.message.startsWith('Not checked yet'))).toBe(true);
  });

  test('a function that returns nothing says what to return', () => {
    const code = slip('identity-block', '    return X', '    return None');
    expect(gradeKeras('identity-block', keras, code).checks[0]).toMatchObject({
      pass: false,
      message: expect.stringContaining('returned None'),
      hint: 'end with return X, where X is the output of the final ReLU',
    });
  });
});

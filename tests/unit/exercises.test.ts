/**
 * Each exercise is written out four times (TF.js skeleton and solution, Python skeleton and
 * solution), because readers see those texts; this holds all four to the exercise's one
 * description (src/lib/grading/exercises.ts): the function's name and parameters, and the names
 * of the layers the TF.js solution builds. The Python solution's layers are checked the same way
 * in keras-grading.test.ts, where Pyodide is already loaded.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { PYTHON_SKELETONS } from '../../src/components/python/skeletons';
import { PYTHON_SOLUTIONS } from '../../src/components/python/solutions';
import { EXERCISES } from '../../src/lib/course';
import { compileFunction } from '../../src/lib/grading/compile';
import { namedLayers as blockLayers } from '../../src/lib/resnet/block-steps';
import { EXERCISE_DESCRIPTIONS, forPython, TEST_CASES } from '../../src/lib/grading/exercises';
import { SKELETONS } from '../../src/lib/grading/skeletons';
import { SOLUTIONS } from '../../src/lib/grading/solutions';
import { PYTHON_FUNCTION_NAMES } from '../../src/lib/keras/names';
import { convolutionalBlock, identityBlock } from '../../src/lib/resnet';
import { namedLayers, signatureOf } from './exercises-helpers';

describe('the signature parser the checks below rely on', () => {
  test.each([
    ['function resNet50(inputShape: number[] = [64, 64, 3], classes = 6): tf.LayersModel {', 'function', 'resNet50', ['inputShape', 'classes']],
    ['def ResNet50(input_shape = (64, 64, 3), classes = 6):', 'def', 'ResNet50', ['input_shape', 'classes']],
    ['x = 1\ndef f(a, b=(1, 2), *, c):\n    pass\ndef g(d):', 'def', 'f', ['a', 'b', 'c']],
  ] as const)('%s', (source, keyword, name, parameters) => {
    expect(signatureOf(source, keyword)).toEqual({ name, parameters });
  });
});

describe('the description', () => {
  test('names each block’s layers as the assignment does, and the blocks on their test case', () => {
    expect(blockLayers('identity', 2, 'b')).toEqual(['res2b_branch2a', 'bn2b_branch2a', 'res2b_branch2b', 'bn2b_branch2b', 'res2b_branch2c', 'bn2b_branch2c']);
    expect(EXERCISE_DESCRIPTIONS['convolutional-block'].layerNames).toEqual([
      ...['res1a_branch2a', 'bn1a_branch2a', 'res1a_branch2b', 'bn1a_branch2b', 'res1a_branch2c', 'bn1a_branch2c'],
      ...['res1a_branch1', 'bn1a_branch1'],
    ]);
  });

  test('has ResNet-50’s 108 named layers: conv1 and bn_conv1, 16 blocks, avg_pool and fc6', () => {
    // Stages of 3, 4, 6 and 3 blocks, one convolutional (8 names) each: 4 × 8 + 12 × 6 = 104, plus 4.
    const names = EXERCISE_DESCRIPTIONS.resnet50.layerNames;
    expect(names).toHaveLength(108);
    expect(names.slice(0, 3)).toEqual(['conv1', 'bn_conv1', 'res2a_branch2a']);
    expect(names.slice(-3)).toEqual(['bn5c_branch2c', 'avg_pool', 'fc6']);
    expect(names).toContain('res4f_branch2b');
    expect(names).not.toContain('res4g_branch2a');
  });

  test('gives the Python runner the Keras function names and the filters rule, as JSON', () => {
    expect(JSON.parse(JSON.stringify(forPython()))).toEqual({
      functions: { 'identity-block': 'identity_block', 'convolutional-block': 'convolutional_block', resnet50: 'ResNet50' },
      filters: { names: ['F1', 'F2', 'F3'], rule: 'a list of three numbers [F1, F2, F3]' },
    });
    expect(PYTHON_FUNCTION_NAMES).toEqual(forPython().functions);
  });
});

describe.each(EXERCISES)('%s: every copy agrees with the description', (id) => {
  const description = EXERCISE_DESCRIPTIONS[id];

  test.each([
    ['TF.js skeleton', SKELETONS[id], 'function', 'tfjs'],
    ['TF.js solution', SOLUTIONS[id], 'function', 'tfjs'],
    ['Python skeleton', PYTHON_SKELETONS[id], 'def', 'keras'],
    ['Python solution', PYTHON_SOLUTIONS[id], 'def', 'keras'],
  ] as const)('the %s defines the function with its parameters', (_copy, source, keyword, language) => {
    expect(signatureOf(source, keyword)).toEqual({ name: description.function[language], parameters: description.parameters[language] });
  });

  test('the TF.js solution builds the layers the description names', () => {
    const compiled = compileFunction<(...args: unknown[]) => tf.SymbolicTensor | tf.LayersModel>(SOLUTIONS[id], description.function.tfjs, {
      tf,
      identityBlock,
      convolutionalBlock,
    });
    if (!compiled.ok) throw new Error(`the ${id} solution does not compile: ${compiled.message}`);
    let model: tf.LayersModel;
    if (id === 'resnet50') {
      model = compiled.fn(TEST_CASES.resnet50.outputsInput, TEST_CASES.resnet50.classes) as tf.LayersModel;
    } else {
      const t = TEST_CASES[id];
      const X = tf.input({ shape: [...t.input] });
      const args = [X, t.f, [...t.filters], t.stage, t.block, ...('s' in t ? [t.s] : [])];
      model = tf.model({ inputs: X, outputs: compiled.fn(...args) as tf.SymbolicTensor });
    }
    try {
      expect(namedLayers(model)).toEqual([...description.layerNames].sort());
    } finally {
      model.dispose();
    }
  }, 60_000);
});

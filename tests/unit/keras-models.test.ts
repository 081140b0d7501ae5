/**
 * The assignment's Keras solutions, run in Pyodide, build the same models as the TF.js reference:
 * layer for layer, setting for setting, and the grader's checks pass on them unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_CASES } from '../../src/lib/grading/judge';
import { checkLayers, checkOutputs, checkParams, checkShapes, fixedInput, outputsOf } from '../../src/lib/grading/grade';
import type { ExerciseId } from '../../src/lib/grading/types';
import { loadKeras, type KerasBuild, type KerasRuntime } from '../../src/lib/keras/runtime';
import { PYTHON_SOURCES } from '../../src/components/python/sources';
import { PYTHON_SOLUTIONS } from '../../src/components/python/solutions';
import { FusedBatchNormalization } from '../../src/lib/resnet/batch-norm';
import { expectNoLeak } from './helpers';
import { callFor, INDEX_URL, LOAD_TIMEOUT, referenceFor, rows } from './keras-helpers';

let keras: KerasRuntime;
beforeAll(async () => {
  keras = await loadKeras({ indexURL: INDEX_URL, sources: PYTHON_SOURCES, tf });
}, LOAD_TIMEOUT);

function built(result: KerasBuild): tf.LayersModel {
  if (!result.ok) throw new Error(`${result.error.type} at line ${result.error.position?.line}: ${result.error.message}`);
  return result.model;
}

describe.each(['identity-block', 'convolutional-block', 'resnet50'] as const)('the %s solution in Keras', (id: ExerciseId) => {
  let result: KerasBuild;
  let reference: tf.LayersModel;
  beforeAll(() => {
    // The ResNet50 cell brings its own blocks, as the assignment's notebook has them.
    const code = id === 'resnet50' ? Object.values(PYTHON_SOLUTIONS).join('\n\n') : PYTHON_SOLUTIONS[id];
    result = keras.build(code, callFor(id));
    reference = referenceFor(id);
  });
  afterAll(() => {
    result.dispose();
    reference.dispose();
  });

  test('has the reference’s layers: class, name, output shape, parameters and settings, row for row', () => {
    const mine = rows(built(result));
    const want = rows(reference);
    expect(mine).toHaveLength(want.length);
    mine.forEach((row, i) => expect(row, `row ${i}`).toEqual(want[i]));
  });

  test('passes the grader’s shape, layer and parameter checks', () => {
    const model = built(result);
    for (const check of [checkShapes(model, reference, 'keras'), checkLayers(model, reference, 'keras'), checkParams(model, reference)]) {
      expect(check.pass, `${check.id}: ${check.message}`).toBe(true);
    }
  });

  test('names the function and the call as Python writes them', () => {
    const expected = {
      'identity-block': "identity_block(X, 2, [2, 4, 6], 1, 'a')",
      'convolutional-block': "convolutional_block(X, 2, [2, 4, 6], 1, 'a', 2)",
      resnet50: 'ResNet50((64, 64, 3), 6)',
    }[id];
    expect(result.call).toBe(expected);
    expect(result.function).toBe(expected.slice(0, expected.indexOf('(')));
  });
});

test('ResNet-50 from the Keras solution: 177 rows and 23,600,006 parameters, as the reference', () => {
  const result = keras.build(PYTHON_SOLUTIONS.resnet50, callFor('resnet50'));
  const reference = referenceFor('resnet50');
  try {
    const model = built(result);
    const mine = rows(model);
    const want = rows(reference);
    expect(mine.filter((row, i) => JSON.stringify(row) === JSON.stringify(want[i]))).toHaveLength(177);
    expect(want).toHaveLength(177);
    expect(model.countParams()).toBe(23_600_006);
    expect(model.name).toBe('ResNet50');
    // With the reference blocks in scope, only the stem and the head are the learner's layers.
    expect(result.made.map((l) => l.getClassName())).toEqual([
      'ZeroPadding2D',
      'Conv2D',
      'BatchNormalization',
      'Activation',
      'MaxPooling2D',
      'AveragePooling2D',
      'Flatten',
      'Dense',
    ]);
  } finally {
    result.dispose();
    reference.dispose();
  }
});

test('BatchNormalization is the reference’s fused class, and every layer the code made is recorded', () => {
  const result = keras.build(PYTHON_SOLUTIONS['convolutional-block'], callFor('convolutional-block'));
  try {
    const model = built(result);
    const norms = result.made.filter((l) => l.getClassName() === 'BatchNormalization');
    expect(norms.map((l) => l.name)).toEqual(['bn1a_branch2a', 'bn1a_branch2b', 'bn1a_branch2c', 'bn1a_branch1']);
    for (const layer of norms) expect(layer).toBeInstanceOf(FusedBatchNormalization);
    // The same objects as the model's layers (the input aside), not copies.
    expect(result.made).toHaveLength(model.layers.length - 1);
    for (const layer of result.made) expect(model.layers).toContain(layer);
  } finally {
    result.dispose();
  }
});

test('a kernel initializer left out is Keras’ default, Glorot uniform (TF.js’s own default is Glorot normal)', () => {
  const code = `X_in = Input((2, 2, 1))\nY = Dense(3)(Flatten()(Conv2D(2, 1)(X_in)))\n${PYTHON_SOLUTIONS['identity-block']}`;
  const result = keras.build(code, callFor('identity-block'));
  result.dispose();
  const [conv, , dense] = result.made;
  // TF.js writes every Glorot initializer as the VarianceScaling it is.
  const glorotUniform = { className: 'VarianceScaling', config: { scale: 1, mode: 'fanAvg', distribution: 'uniform' } };
  for (const layer of [conv, dense]) expect(layer?.getConfig().kernelInitializer).toMatchObject(glorotUniform);
});

describe.each(['identity-block', 'convolutional-block'] as const)('the %s in Keras, with the reference’s weights', (id) => {
  test('gives the reference’s outputs in inference and in training mode', () => {
    const result = keras.build(PYTHON_SOLUTIONS[id], callFor(id));
    const reference = referenceFor(id);
    const x = fixedInput([3, ...TEST_CASES[id].input]);
    const expected: tf.Tensor[] = [];
    try {
      const check = checkOutputs(built(result), reference, x, () => {
        expected.push(...outputsOf(reference, x));
        return expected as [tf.Tensor, tf.Tensor];
      });
      expect(check.pass, check.message).toBe(true);
    } finally {
      tf.dispose([x, ...expected]);
      result.dispose();
      reference.dispose();
    }
  });
});

describe.each([
  [
    'tensorflow.keras',
    'from tensorflow.keras.layers import Add, Activation, BatchNormalization, Conv2D\nfrom tensorflow.keras.initializers import glorot_uniform\n',
  ],
  ['keras', 'from keras.layers import Add, Activation, BatchNormalization, Conv2D\nfrom keras.initializers import glorot_uniform\n'],
  [
    'tensorflow as tf',
    'import tensorflow as tf\nConv2D, Add = tf.keras.layers.Conv2D, tf.keras.layers.Add\nglorot_uniform = tf.keras.initializers.glorot_uniform\n',
  ],
  ['star import', 'from keras.layers import *\nfrom keras.initializers import *\n'],
  ['the first cell’s backend lines', "import keras.backend as K\nK.set_image_data_format('channels_last')\nK.set_learning_phase(1)\n"],
])('a cell that imports with %s', (_label, imports) => {
  test('builds the identity block as without the imports', () => {
    const result = keras.build(imports + PYTHON_SOLUTIONS['identity-block'], callFor('identity-block'));
    const reference = referenceFor('identity-block');
    try {
      expect(rows(built(result))).toEqual(rows(reference));
    } finally {
      result.dispose();
      reference.dispose();
    }
  });
});

test('a Keras ResNet50 cell alone uses the reference blocks and matches the reference', () => {
  const result = keras.build(PYTHON_SOLUTIONS.resnet50, callFor('resnet50', [...TEST_CASES.resnet50.outputsInput]));
  const reference = referenceFor('resnet50', [...TEST_CASES.resnet50.outputsInput]);
  try {
    expect(rows(built(result))).toEqual(rows(reference));
  } finally {
    result.dispose();
    reference.dispose();
  }
});

describe('memory', () => {
  const failing = PYTHON_SOLUTIONS['identity-block'].replace('X = Add()([X, X_shortcut])', 'X = Add()([X, X_shortcut])\n    raise ValueError("late")');
  test.each([
    ['an identity block', 'identity-block', PYTHON_SOLUTIONS['identity-block']],
    ['a build that raises after its layers exist', 'identity-block', failing],
    ['ResNet-50', 'resnet50', Object.values(PYTHON_SOLUTIONS).join('\n\n')],
  ] as const)('5 builds of %s leave no tensor behind once disposed', async (_label, id, code) => {
    // The first build may cache what TF.js keeps for good (such as a seeded initialiser's state).
    keras.build(code, callFor(id)).dispose();
    await expectNoLeak(() => {
      for (let i = 0; i < 5; i++) {
        const result = keras.build(code, callFor(id));
        expect(result.ok).toBe(code !== failing);
        result.dispose();
      }
    });
  });
});

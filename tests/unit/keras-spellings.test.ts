/**
 * The Keras that the assignment's later versions write works in the course's Keras: `ReLU()`,
 * `X + X_shortcut`, `layers.add`, `use_bias=`, `data_format='channels_last'`,
 * `BatchNormalization(axis=3)(X, training=True)`, the global poolings, Dropout, and the
 * initialisers of `tensorflow.keras.initializers`; and `model.summary()` prints Keras's table.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkLayers, checkOutputs, checkParams, checkShapes, fixedInput, outputsOf } from '../../src/lib/grading/grade';
import { TEST_CASES } from '../../src/lib/grading/judge';
import { loadKeras, type KerasBuild, type KerasRuntime } from '../../src/lib/keras/runtime';
import { PYTHON_SOURCES } from '../../src/components/python/sources';
import { PYTHON_SOLUTIONS } from '../../src/components/python/solutions';
import { expectNoLeak } from './helpers';
import { callFor, INDEX_URL, LOAD_TIMEOUT, lineOf, referenceFor, rows } from './keras-helpers';

const IDENTITY = PYTHON_SOLUTIONS['identity-block'];

/** The reference identity block, in the spellings of the assignment's later versions. */
const SPELLED = `from keras import layers
from keras.layers import ReLU

def identity_block(X, f, filters, stage, block):
    conv_name_base = 'res' + str(stage) + block + '_branch'
    bn_name_base = 'bn' + str(stage) + block + '_branch'
    F1, F2, F3 = filters
    X_shortcut = X

    X = Conv2D(filters=F1, kernel_size=1, strides=(1, 1), padding='valid', data_format='channels_last', use_bias=True, name=conv_name_base + '2a', kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name=bn_name_base + '2a')(X, training=True)
    X = ReLU()(X)

    X = layers.Conv2D(F2, (f, f), padding='same', use_bias=True, name=conv_name_base + '2b', kernel_initializer=glorot_uniform(seed=0))(X)
    X = layers.BatchNormalization(axis=3, name=bn_name_base + '2b')(X, training=True)
    X = layers.ReLU()(X)

    X = Conv2D(F3, 1, name=conv_name_base + '2c', kernel_initializer=glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis=3, name=bn_name_base + '2c')(X, training=True)

    X = X + X_shortcut
    X = ReLU()(X)
    return X
`;

let keras: KerasRuntime;
beforeAll(async () => {
  keras = await loadKeras({ indexURL: INDEX_URL, sources: PYTHON_SOURCES, tf });
}, LOAD_TIMEOUT);

function built(result: KerasBuild): tf.LayersModel {
  if (!result.ok) throw new Error(`${result.error.type} at line ${result.error.position?.line}: ${result.error.message}`);
  return result.model;
}

/** Builds the identity-block exercise from `code`; frees its weights. */
function run(code: string): KerasBuild {
  const result = keras.build(code, callFor('identity-block'));
  result.dispose();
  return result;
}

describe('the identity block in the later spellings', () => {
  let result: KerasBuild;
  let reference: tf.LayersModel;
  beforeAll(() => {
    result = keras.build(SPELLED, callFor('identity-block'));
    reference = referenceFor('identity-block');
  });
  afterAll(() => {
    result.dispose();
    reference.dispose();
  });

  test('has the reference’s layers, row for row: 11 layers, 108 parameters', () => {
    const model = built(result);
    expect(rows(model)).toEqual(rows(reference));
    expect(model.layers).toHaveLength(11);
    // Convs 6·2+2, 2·2·2·4+4, 4·6+6; BatchNorms 4·(2+4+6).
    expect(model.countParams()).toBe(14 + 36 + 30 + 48);
    expect(model.countParams()).toBe(reference.countParams());
  });

  test('passes the grader’s checks, outputs in both modes included (training=True is left to them)', () => {
    const model = built(result);
    for (const check of [checkShapes(model, reference, 'keras'), checkLayers(model, reference, 'keras'), checkParams(model, reference)]) {
      expect(check.pass, `${check.id}: ${check.message}`).toBe(true);
    }
    const x = fixedInput([3, ...TEST_CASES['identity-block'].input]);
    const expected: tf.Tensor[] = [];
    try {
      const check = checkOutputs(model, reference, x, () => {
        expected.push(...outputsOf(reference, x));
        return expected as [tf.Tensor, tf.Tensor];
      });
      expect(check.pass, check.message).toBe(true);
    } finally {
      tf.dispose([x, ...expected]);
    }
  });

  test('5 builds leave no tensor behind once disposed', async () => {
    await expectNoLeak(() => {
      for (let i = 0; i < 5; i++) keras.build(SPELLED, callFor('identity-block')).dispose();
    });
  });

  test('X + X_shortcut is an Add layer, named as Add() without a name is', () => {
    const adds = result.made.filter((layer) => layer.getClassName() === 'Add');
    expect(adds).toHaveLength(1);
    expect(adds[0]!.name).toMatch(/^add_Add\d+$/);
    expect(adds[0]!.inboundNodes[0]!.inboundLayers.map((l) => l.name)).toEqual(['bn1a_branch2c', expect.stringMatching(/^input\d+$/)]);
  });
});

describe.each([
  ['layers.add([...])', 'X = layers.add([X, X_shortcut])'],
  ['layers.Add()', 'X = layers.Add()([X, X_shortcut])'],
  ['Add()', 'X = Add()([X, X_shortcut])'],
  ['X_shortcut + X', 'X = X_shortcut + X'],
])('adding the shortcut with %s', (_label, line) => {
  test('builds the reference’s layers', () => {
    const result = keras.build(SPELLED.replace('X = X + X_shortcut', line), callFor('identity-block'));
    const reference = referenceFor('identity-block');
    try {
      expect(rows(built(result))).toEqual(rows(reference));
    } finally {
      result.dispose();
      reference.dispose();
    }
  });
});

describe('layers of the later versions', () => {
  test('GlobalMaxPooling2D and GlobalAveragePooling2D take the max and the mean of each channel', () => {
    const code = `X_in = Input((2, 2, 2))\nprint(GlobalMaxPooling2D()(X_in).shape, layers.GlobalAveragePooling2D(data_format='channels_last')(X_in).shape)\n`;
    const result = run(`from keras import layers\n${code}${IDENTITY}`);
    expect(result.output).toEqual(['(None, 2) (None, 2)']);
    const [max, mean] = result.made;
    expect([max!.getClassName(), mean!.getClassName()]).toEqual(['GlobalMaxPooling2D', 'GlobalAveragePooling2D']);
    // Channel 0 holds 1, 2, 3, 4 and channel 1 holds -1, -2, -3, -4.
    const x = tf.tensor4d([1, -1, 2, -2, 3, -3, 4, -4], [1, 2, 2, 2]);
    const outputs = [max!.apply(x), mean!.apply(x)] as tf.Tensor[];
    expect(outputs.map((t) => Array.from(t.dataSync()))).toEqual([
      [4, -1],
      [2.5, -2.5],
    ]);
    tf.dispose([x, ...outputs]);
  });

  test('Dropout keeps the shape and its rate', () => {
    const result = run(`from keras.layers import Dropout\nprint(Dropout(0.25, seed=1)(Input((3, 3, 2))).shape)\n${IDENTITY}`);
    expect(result.output).toEqual(['(None, 3, 3, 2)']);
    expect(result.made[0]!.getConfig()).toMatchObject({ rate: 0.25, seed: 1 });
  });

  test('use_bias=False leaves the bias out of Conv2D and Dense', () => {
    const code = `X_in = Input((4, 4, 2))\nc = Conv2D(3, (2, 2), use_bias=False)\nc(X_in)\nd = Dense(5, use_bias=False)\nd(Flatten()(X_in))\n${IDENTITY}`;
    const result = run(code);
    // Made in this order: the Conv2D, the Dense, then the Flatten it is called on.
    const [conv, dense] = result.made;
    // 2·2·2·3 weights and no biases; 32·5 weights and no biases.
    expect([conv!.countParams(), dense!.countParams()]).toEqual([24, 160]);
  });

  test('the later version’s initialisers reach TF.js with Keras’ defaults', () => {
    const code = `from tensorflow.keras.initializers import random_uniform, constant, identity
X_in = Input((4,))
Dense(4, kernel_initializer=random_uniform(seed=0))(X_in)
Dense(4, kernel_initializer=constant(value=1))(X_in)
Dense(4, kernel_initializer=identity())(X_in)
Dense(4, kernel_initializer='random_uniform')(X_in)
${IDENTITY}`;
    const result = run(code);
    expect(result.ok).toBe(true);
    expect(result.made.slice(0, 4).map((l) => l.getConfig().kernelInitializer)).toEqual([
      { className: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: 0 } },
      { className: 'Constant', config: { value: 1 } },
      { className: 'Identity', config: { gain: 1 } },
      { className: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: undefined } },
    ]);
  });

  test('the initialisers fill the kernels: ones, the identity, values within ±0.05', () => {
    const code = `from keras.initializers import random_uniform, constant, identity
X_in = Input((3,))
for init in (constant(value=1), identity(gain=2.0), random_uniform(seed=0)):
    Dense(3, kernel_initializer=init)(X_in)
${IDENTITY}`;
    const result = keras.build(code, callFor('identity-block'));
    try {
      const [ones, eye, uniform] = result.made.slice(0, 3).map((l) => Array.from(l.getWeights()[0]!.dataSync()));
      expect(ones).toEqual(Array(9).fill(1));
      expect(eye).toEqual([2, 0, 0, 0, 2, 0, 0, 0, 2]);
      expect(uniform!.every((v) => v >= -0.05 && v < 0.05)).toBe(true);
      expect(new Set(uniform).size).toBe(9);
    } finally {
      result.dispose();
    }
  });
});

describe.each([
  [
    'another data_format',
    "X = Conv2D(F1, (1, 1), data_format='channels_first', name = conv_name_base + '2a')(X)",
    'ValueError',
    "Conv2D: data_format='channels_first' is not supported; this course's Keras works in 'channels_last' only, with images shaped (height, width, channels): leave data_format out",
  ],
  [
    'a layer called with another setting',
    "X = Conv2D(F1, (1, 1), name = conv_name_base + '2a')(X, mask=None)",
    'TypeError',
    'Conv2D was called with mask=...: a layer takes the tensor and, if you like, training=True or False, as in Conv2D(...)(X, training=True)',
  ],
  [
    'training that is not a truth value',
    "X = Conv2D(F1, (1, 1), name = conv_name_base + '2a')(X, training='yes')",
    'ValueError',
    "Conv2D: training must be True, False or None, got 'yes'",
  ],
  [
    'a number added to a tensor',
    "X = Conv2D(F1, (1, 1), name = conv_name_base + '2a')(X) + 1",
    'TypeError',
    "a tensor is added only to another tensor of the same shape in this course's Keras, as in X + X_shortcut; got an int",
  ],
  [
    'an initializer class not called',
    "X = Conv2D(F1, (1, 1), name = conv_name_base + '2a', kernel_initializer = random_uniform)(X)",
    'TypeError',
    'Conv2D: kernel_initializer=random_uniform must be called, as in random_uniform(seed=0)',
  ],
  [
    'use_bias that is not True or False',
    "X = Conv2D(F1, (1, 1), use_bias = 'no', name = conv_name_base + '2a')(X)",
    'ValueError',
    "Conv2D: use_bias must be True or False, got 'no'",
  ],
])('%s', (_label, line, type, message) => {
  test('raises a clear Python error at the learner’s line', () => {
    const code = IDENTITY.replace(/^ {4}X = Conv2D\(filters = F1.*$/m, `    ${line}`);
    const result = run(code);
    if (result.ok) throw new Error('the build succeeded');
    expect(result.error).toMatchObject({ kind: 'runtime', type, message, position: { line: lineOf(code, line) } });
  });
});

test('BatchNormalization(...)(X, training=...) is accepted by name and by position', () => {
  const code = IDENTITY.replace("(axis = 3, name = bn_name_base + '2a')(X)", "(axis = 3, name = bn_name_base + '2a')(X, training=False)").replace(
    "(axis = 3, name = bn_name_base + '2b')(X)",
    "(axis = 3, name = bn_name_base + '2b')(X, True)",
  );
  expect(code).not.toBe(IDENTITY);
  const result = run(code);
  expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
});

test('model.summary() prints Keras’s table, with the totals of ResNet-50', () => {
  const code = `${PYTHON_SOLUTIONS.resnet50}\nmodel = ResNet50(input_shape=(64, 64, 3), classes=6)\nmodel.summary()\n`;
  const result = keras.build(code, callFor('resnet50', [...TEST_CASES.resnet50.outputsInput]));
  result.dispose();
  expect(result.ok).toBe(true);
  expect(result.output.slice(0, 5)).toEqual([
    'Model: "ResNet50"',
    '_'.repeat(98),
    'Layer (type)                    Output Shape         Param #     Connected to                     ',
    '='.repeat(98),
    'input_1 (InputLayer)            [(None, 64, 64, 3)]  0                                            ',
  ]);
  expect(result.output).toContain('conv1 (Conv2D)                  (None, 32, 32, 64)   9472        zero_padding2d[0][0]             ');
  expect(result.output.slice(-4)).toEqual(['Total params: 23,600,006', 'Trainable params: 23,546,886', 'Non-trainable params: 53,120', '_'.repeat(98)]);
});

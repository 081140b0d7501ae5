/**
 * What a learner sees when their Keras cell goes wrong: Python's error type and message, at
 * their own line, never a JavaScript stack; and for anything outside the course's Keras, a
 * message naming what was used and what is supported.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { firstShapeDifference } from '../../src/lib/grading/grade';
import { loadKeras, type KerasBuild, type KerasError, type KerasRuntime } from '../../src/lib/keras/runtime';
import { PYTHON_SOURCES } from '../../src/components/python/sources';
import { PYTHON_SOLUTIONS } from '../../src/components/python/solutions';
import { callFor, INDEX_URL, LOAD_TIMEOUT, lineOf, referenceFor, replaceLine } from './keras-helpers';

const IDENTITY = PYTHON_SOLUTIONS['identity-block'];
let keras: KerasRuntime;
beforeAll(async () => {
  keras = await loadKeras({ indexURL: INDEX_URL, sources: PYTHON_SOURCES, tf });
}, LOAD_TIMEOUT);

/** Builds `code` as the identity-block exercise (or `id`) and returns its error; frees the rest. */
function errorOf(code: string, id: Parameters<typeof callFor>[0] = 'identity-block'): KerasError & { result: KerasBuild } {
  const result = keras.build(code, callFor(id));
  result.dispose();
  if (result.ok) throw new Error('the build succeeded');
  expect(result.error.message).not.toMatch(/\n\s+at |\.m?js:\d+|pyodide\.asm|Traceback/);
  return { ...result.error, result };
}

const SUPPORTED_CONV =
  "this course's Keras supports filters, kernel_size, strides, padding, data_format, activation, use_bias, name, kernel_initializer, input_shape";

describe.each([
  [
    'an argument Conv2D lacks',
    "X = Conv2D(F1, (1, 1), dilation_rate = 2, name = conv_name_base + '2a')(X)",
    'TypeError',
    `Conv2D got an unexpected argument 'dilation_rate': ${SUPPORTED_CONV}`,
  ],
  [
    'an argument BatchNormalization lacks',
    "X = BatchNormalization(axis = 3, center = False, name = bn_name_base + '2a')(X)",
    'TypeError',
    "BatchNormalization got an unexpected argument 'center': this course's Keras supports axis, momentum, epsilon, name",
  ],
  [
    'a padding Keras has and we do not',
    "X = Conv2D(F1, (1, 1), padding = 'causal', name = conv_name_base + '2a')(X)",
    'ValueError',
    "Conv2D: padding='causal' is not supported; this course's Keras supports 'valid', 'same'",
  ],
  [
    'another initializer',
    "X = Conv2D(F1, (1, 1), name = conv_name_base + '2a', kernel_initializer = 'he_normal')(X)",
    'ValueError',
    "Conv2D: kernel_initializer='he_normal' is not supported; this course's Keras supports glorot_uniform(seed=...), random_uniform(...), constant(...), identity(...), or one of 'glorot_uniform', 'random_uniform', 'zeros', 'ones'",
  ],
  [
    'glorot_uniform not called',
    "X = Conv2D(F1, (1, 1), name = conv_name_base + '2a', kernel_initializer = glorot_uniform)(X)",
    'TypeError',
    'Conv2D: kernel_initializer=glorot_uniform must be called, as in glorot_uniform(seed=0)',
  ],
  [
    'a stride of three numbers',
    "X = Conv2D(F1, (1, 1), strides = (1, 1, 1), name = conv_name_base + '2a')(X)",
    'ValueError',
    'Conv2D: strides must be a positive whole number or a pair of them, such as 3 or (3, 3), got (1, 1, 1)',
  ],
  ['filters as a float', "X = Conv2D(2.5, (1, 1), name = conv_name_base + '2a')(X)", 'ValueError', 'Conv2D: filters must be a positive whole number, got 2.5'],
  [
    'an activation outside the list',
    "X = Activation('gelu')(X)",
    'ValueError',
    "Activation: activation='gelu' is not supported; this course's Keras supports 'relu', 'softmax', 'linear', 'sigmoid', 'tanh', 'elu', 'selu', 'softplus', 'softsign'",
  ],
  [
    'too many positional arguments',
    "X = Conv2D(F1, (1, 1), (1, 1), 'valid', None, name = conv_name_base + '2a')(X)",
    'TypeError',
    'Conv2D takes at most 4 arguments by position (filters, kernel_size, strides, padding), got 5: give the others by name, e.g. input_shape=...',
  ],
  ['a missing argument', 'X = Conv2D(F1)(X)', 'TypeError', "Conv2D is missing its argument 'kernel_size'"],
  [
    'a layer that is not there',
    'from keras.layers import Conv3D',
    'ImportError',
    "keras.layers has no Conv3D in this course's Keras; it has Input, Add, Dense, Activation, ReLU, ZeroPadding2D, BatchNormalization, Flatten, Conv2D, AveragePooling2D, MaxPooling2D, GlobalMaxPooling2D, GlobalAveragePooling2D, Dropout, add",
  ],
  [
    'a TensorFlow function',
    'import tensorflow as tf; X = tf.nn.relu(X)',
    'ImportError',
    "tensorflow has no nn in this course's Python: only tensorflow.keras is here",
  ],
  [
    '+ with a number',
    'X = X + 1',
    'TypeError',
    "a tensor is added only to another tensor of the same shape in this course's Keras, as in X + X_shortcut; got an int",
  ],
  [
    'a layer called on nothing applied',
    "X = Activation('relu')(Conv2D(F1, (1, 1)))",
    'TypeError',
    'Activation was called on a Conv2D layer, not on a tensor: apply that layer first, as in Conv2D(...)(X)',
  ],
  ['Add on one tensor', 'X = Add()(X)', 'TypeError', 'Add takes a list of tensors, as in Add()([X, X_shortcut]); got a KerasTensor'],
  [
    'a window larger than the input',
    "X = Conv2D(F1, (7, 7), name = conv_name_base + '2a')(X)",
    'ValueError',
    "Conv2D 'res1a_branch2a' turns (None, 4, 4, 6) into (None, -2, -2, 2): its input is smaller than its window (check kernel_size, strides and padding)",
  ],
])('%s', (_label, line, type, message) => {
  test('raises a clear Python error at the learner’s line', () => {
    const code = replaceLine(IDENTITY, 'X = Conv2D(filters = F1', line);
    const error = errorOf(code);
    expect(error).toMatchObject({ kind: 'runtime', type, message, position: { line: lineOf(code, line.trim()) } });
  });
});

test('Model methods for training say what the course’s Model has', () => {
  const code = `${IDENTITY}\nm = Model(inputs=Input((2, 2, 1)), outputs=Flatten()(Input((2, 2, 1))))\n`;
  expect(errorOf(code)).toMatchObject({ type: 'ValueError', message: expect.stringMatching(/^Model: the outputs are not computed from the inputs/) });
  const save = `${IDENTITY}\nX_in = Input((2, 2, 1))\nm = Model(X_in, Flatten()(X_in))\nm.save('model.h5')\n`;
  expect(errorOf(save)).toMatchObject({
    type: 'AttributeError',
    message:
      "Model has no save in this course's Keras; it has name, summary(), count_params(), compile(), fit(), evaluate(), predict(), train_on_batch(), history",
    position: { line: lineOf(save, 'm.save') },
  });
});

describe('errors in the code itself', () => {
  test('a syntax error gives the line Python points at', () => {
    const code = replaceLine(IDENTITY, 'X = Conv2D(filters = F2', 'X = Conv2D(filters = F2, kernel_size = (f, f)');
    const error = errorOf(code);
    expect(error).toMatchObject({ kind: 'syntax', type: 'SyntaxError', message: "'(' was never closed", position: { line: lineOf(code, 'filters = F2') } });
  });

  test('bad indentation is a syntax error too, with its own type', () => {
    const code = IDENTITY.replace('    X_shortcut = X\n', '      X_shortcut = X\n');
    expect(errorOf(code)).toMatchObject({ kind: 'syntax', type: 'IndentationError', position: { line: lineOf(code, 'X_shortcut = X') } });
  });

  test('a runtime error gives Python’s message, its suggestion and the learner’s line', () => {
    const code = IDENTITY.replace('Add()([X, X_shortcut])', 'Add()([X, X_shortcat])');
    const error = errorOf(code);
    expect(error).toMatchObject({
      kind: 'runtime',
      type: 'NameError',
      message: "name 'X_shortcat' is not defined. Did you mean: 'X_shortcut'?",
      position: { line: lineOf(code, 'X_shortcat'), column: 19 },
    });
  });

  test('an error in a helper the cell defines points at the helper’s line', () => {
    const code = `def helper(X):\n    return X / 0\n\n${IDENTITY.replace('X_shortcut = X\n', 'X_shortcut = helper(X)\n')}`;
    expect(errorOf(code)).toMatchObject({ type: 'TypeError', position: { line: 2 } });
  });

  test('a function with the wrong parameters is reported at its def line, named as Python names it', () => {
    const code = IDENTITY.replace('def identity_block(X, f, filters, stage, block):', 'def identity_block(X, f, filters, stage):');
    const error = errorOf(code);
    expect(error).toMatchObject({ type: 'TypeError', message: 'identity_block() takes 4 positional arguments but 5 were given', position: { line: 1 } });
    expect(error.result).toMatchObject({ function: 'identity_block', call: "identity_block(X, 2, [2, 4, 6], 1, 'a')" });
  });

  test('a top-level error in the cell is reported at its line', () => {
    expect(errorOf('x = 1\ny = [][3]\n')).toMatchObject({ type: 'IndexError', message: 'list index out of range', position: { line: 2 } });
  });

  test('a module outside the course’s Python says what the course’s Python has', () => {
    const error = errorOf(`import pandas as pd\n${IDENTITY}`);
    expect(error).toMatchObject({ type: 'ModuleNotFoundError', position: { line: 1 } });
    expect(error.message).toMatch(/^No module named 'pandas' — this course's Python has keras, tensorflow.keras, a small numpy/);
  });
});

describe('code that runs but builds the wrong thing', () => {
  test.each([
    [
      'no return',
      IDENTITY.replace('    return X\n', ''),
      "identity_block(X, 2, [2, 4, 6], 1, 'a') returned None; it should return the block's output, a tensor",
    ],
    [
      'no such function',
      IDENTITY.replace('def identity_block(', 'def identityblock('),
      'The cell must define a function named identity_block; none was found.',
    ],
    ['a new Input', IDENTITY.replace('X_shortcut = X\n', 'X_shortcut = X\n    X = Input((4, 4, 6))\n'), 'The returned tensor is not computed from X.'],
  ])('%s', (_label, code, message) => {
    expect(errorOf(code)).toMatchObject({ kind: 'result', message });
  });

  test('ResNet50 that returns its last tensor rather than a Model', () => {
    const code = PYTHON_SOLUTIONS.resnet50.replace('    return model\n', '    return X\n');
    expect(errorOf(code, 'resnet50')).toMatchObject({ kind: 'result', message: 'ResNet50((64, 64, 3), 6) returned a KerasTensor; it should return a Model' });
  });

  test('ResNet50 passing the reference blocks bad filters is told so at its line', () => {
    const code = PYTHON_SOLUTIONS.resnet50.replace(
      "identity_block(X, 3, [64, 64, 256], stage=2, block='c')",
      "identity_block(X, 3, [64, 256], stage=2, block='c')",
    );
    expect(errorOf(code, 'resnet50')).toMatchObject({
      type: 'ValueError',
      message: 'identity_block: filters must be a list of three numbers [F1, F2, F3], got [64, 256]',
      position: { line: lineOf(code, '[64, 256]') },
    });
  });
});

test('after an Add of mismatched shapes, the recorded layers show the grader where the shapes went wrong', () => {
  const code = IDENTITY.replace('X = Conv2D(filters = F3', 'X = Conv2D(filters = F2');
  const error = errorOf(code);
  expect(error).toMatchObject({
    type: 'ValueError',
    message: 'Add needs tensors of the same shape, got (None, 4, 4, 4) and (None, 4, 4, 6)',
    position: { line: lineOf(code, 'Add()') },
  });
  const reference = referenceFor('identity-block');
  try {
    const difference = firstShapeDifference(new Map(error.result.made.map((l) => [l.name, l])), reference, 'keras');
    expect(difference?.kind).toBe('shape');
    expect(difference?.check.message).toBe('res1a_branch2c: expected (None, 4, 4, 6), got (None, 4, 4, 4)');
  } finally {
    reference.dispose();
  }
});

test('what the cell prints comes back, model summaries included', () => {
  const code = `print('shape', Input((4, 4, 6)).shape, Input(shape=(None, None, 3)).shape)\nX_in = Input((2, 2, 1))\nModel(X_in, Flatten(name='flat')(X_in), name='tiny').summary()\n${IDENTITY}`;
  const result = keras.build(code, callFor('identity-block'));
  result.dispose();
  expect(result.ok).toBe(true);
  expect(result.output[0]).toBe('shape (None, 4, 4, 6) (None, None, None, 3)');
  expect(result.output).toContain('flat (Flatten)               (None, 4)                 0         ');
});

test('two layers with one name are reported with the name', () => {
  const code = IDENTITY.replace("name = conv_name_base + '2b'", "name = conv_name_base + '2a'");
  expect(errorOf(code)).toMatchObject({ kind: 'result', type: 'ValueError', message: expect.stringContaining('res1a_branch2a') });
});

describe('Python that could hang or break the runtime', () => {
  test.each([
    ['input()', 'x = input()\n', 'EOFError', 1],
    ['endless recursion', 'def f(n):\n    return f(n + 1)\n\nf(0)\n', 'RecursionError', 2],
  ])('%s raises a Python error, and the runtime goes on', (_label, code, type, line) => {
    expect(errorOf(code + IDENTITY)).toMatchObject({ kind: 'runtime', type, position: { line } });
    const again = keras.build(IDENTITY, callFor('identity-block'));
    again.dispose();
    expect(again.ok).toBe(true);
  });

  test('output past 1,000 lines is cut', () => {
    const result = keras.build(`for i in range(5000):\n    print(i)\n${IDENTITY}`, callFor('identity-block'));
    result.dispose();
    expect(result.output).toHaveLength(1001);
    expect(result.output.at(-1)).toMatch(/left out/);
  });
});

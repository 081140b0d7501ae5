import { readFileSync } from 'node:fs';
/**
 * The assignment's first cell, pasted whole, runs in the course's Python: every module it imports
 * is there, in its Keras and its tensorflow.keras spellings. Modules the course cannot offer
 * (pydot, IPython.display, matplotlib, scipy.misc, vis_utils, …) import, and calling them raises
 * an error that names what the course offers instead.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadKeras, type KerasBuild, type KerasRuntime } from '../../src/lib/keras/runtime';
import { PYTHON_SOURCES } from '../../src/components/python/sources';
import { PYTHON_SOLUTIONS } from '../../src/components/python/solutions';
import { callFor, INDEX_URL, LOAD_TIMEOUT, lineOf, referenceFor, rows } from './keras-helpers';

const IDENTITY = PYTHON_SOLUTIONS['identity-block'];

/**
 * The first cell of the assignment (Course 4, week 2), as written, `%matplotlib inline` included:
 * the file the lessons show in their first notebook cell.
 */
const FIRST_CELL = readFileSync('src/cells/first-cell.py', 'utf8');

/** The first cell of the assignment's later version, in tensorflow.keras, less its lines for the
 * grader's own helpers (test_utils, public_tests, EagerTensor), which the course's checks replace. */
const LATER_FIRST_CELL = `import tensorflow as tf
import numpy as np
from resnets_utils import *
import scipy.misc
from tensorflow.keras.applications.resnet_v2 import ResNet50V2
from tensorflow.keras.preprocessing import image
from tensorflow.keras.applications.resnet_v2 import preprocess_input, decode_predictions
from tensorflow.keras import layers
from tensorflow.keras.layers import Input, Add, Dense, Activation, ZeroPadding2D, BatchNormalization, Flatten, Conv2D, AveragePooling2D, MaxPooling2D, GlobalMaxPooling2D
from tensorflow.keras.models import Model, load_model
from tensorflow.keras.initializers import random_uniform, glorot_uniform, constant, identity
from matplotlib.pyplot import imshow
`;

let keras: KerasRuntime;
beforeAll(async () => {
  keras = await loadKeras({ indexURL: INDEX_URL, sources: PYTHON_SOURCES, tf });
}, LOAD_TIMEOUT);

/** Builds the identity-block exercise from `code`; frees its weights. */
function run(code: string): KerasBuild {
  const result = keras.build(code, callFor('identity-block'));
  result.dispose();
  return result;
}

describe.each([
  ['the assignment’s first cell', FIRST_CELL],
  ['the later version’s first cell, in tensorflow.keras', LATER_FIRST_CELL],
])('%s, pasted whole above the graded function', (_label, cell) => {
  test('runs, and the identity block under it builds the reference’s layers', () => {
    const result = keras.build(`${cell}\n${IDENTITY}`, callFor('identity-block'));
    const reference = referenceFor('identity-block');
    try {
      if (!result.ok) throw new Error(`${result.error.type} at line ${result.error.position?.line}: ${result.error.message}`);
      expect(rows(result.model)).toEqual(rows(reference));
    } finally {
      result.dispose();
      reference.dispose();
    }
  });
});

test('the names the first cell imports are the course’s own objects, under both spellings', () => {
  const code = `${FIRST_CELL}
import tensorflow as tf
import tensorflow.keras.backend as TK
from tensorflow.keras import layers as tf_layers
import keras
assert tf.keras is keras and tf.keras.layers is layers and tf_layers is layers and TK is K
assert layers.Conv2D is Conv2D and tf.keras.layers.GlobalMaxPooling2D is GlobalMaxPooling2D
assert tf.keras.utils.plot_model is plot_model and keras.preprocessing.image is image
print(K.image_data_format(), layer_utils.__name__, scipy.misc.__name__, pydot.__name__)
${IDENTITY}`;
  const result = run(code);
  expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
  expect(result.output).toEqual(['channels_last keras.utils.layer_utils scipy.misc pydot']);
});

test('each stand-in module says it is the course’s stand-in', () => {
  const modules = [
    'pydot',
    'IPython.display',
    'matplotlib.pyplot',
    'scipy.misc',
    'keras.utils.vis_utils',
    'keras.preprocessing.image',
    'keras.utils.data_utils',
  ];
  const code = `import importlib\nfor m in ${JSON.stringify(modules)}:\n    print(m, "course's stand-in" in importlib.import_module(m).__doc__)\n${IDENTITY}`;
  expect(run(code).output).toEqual(modules.map((m) => `${m} True`));
});

const DRAWING = 'drawing a model is not in this course: call model.summary(), or see the ResNet-50 explorer on this page';
const PLOTS =
  "plots are not in this course's Python: print the values instead; model.fit draws its loss and accuracy in the cell's output as it trains, and the lesson's charts are on the page";
const NO_FILES = 'there are no files here: use the images from load_dataset()';

describe.each([
  ['plot_model', "plot_model(model, to_file='model.png')", `plot_model: ${DRAWING}`],
  ['model_to_dot', "SVG(model_to_dot(model).create(prog='dot', format='svg'))", `model_to_dot: ${DRAWING}`],
  ['SVG', "SVG('<svg/>')", `IPython.display.SVG: ${DRAWING}`],
  ['pydot', 'pydot.Dot()', `pydot.Dot: ${DRAWING}`],
  ['imshow', 'imshow(None)', `matplotlib.pyplot.imshow: ${PLOTS}`],
  ['pyplot by module', 'import matplotlib.pyplot as plt\nplt.plot([1, 2])', `matplotlib.pyplot.plot: ${PLOTS}`],
  [
    'load_model',
    "load_model('ResNet50.h5')",
    'load_model: loading saved Keras files is not in this course: build the model with ResNet50(...) and train it with fit',
  ],
  [
    'get_file',
    "get_file('weights.h5', 'https://example.com/weights.h5')",
    "get_file: downloads are not in this course: code here reaches nothing outside this site; load_dataset() gives the course's data",
  ],
  ['load_img', "image.load_img('images/my_image.jpg', target_size=(64, 64))", `load_img: loading image files is not in this course: ${NO_FILES}`],
  [
    'scipy.misc',
    "scipy.misc.imread('images/my_image.jpg')",
    `scipy.misc.imread: scipy.misc is not in this course: it reads and resizes image files, and ${NO_FILES}`,
  ],
  [
    'preprocess_input',
    'preprocess_input(None)',
    'preprocess_input: ImageNet preprocessing is not in this course: its images come from load_dataset(), and are scaled as the notebook scales them (X_train_orig / 255.)',
  ],
])('calling %s', (_label, call, message) => {
  test('raises NotImplementedError naming what the course offers instead, at the learner’s line', () => {
    const code = `${FIRST_CELL}model = None\n${call}\n${IDENTITY}`;
    const result = run(code);
    if (result.ok) throw new Error('the build succeeded');
    expect(result.error).toMatchObject({ kind: 'runtime', type: 'NotImplementedError', message, position: { line: lineOf(code, call.split('\n').at(-1)!) } });
  });
});

test('the stand-ins that change nothing run: rcParams, display, print_summary', () => {
  const code = `import matplotlib.pyplot as plt
from IPython.display import display
from keras.utils import layer_utils
from keras.layers import Input, Flatten
from keras.models import Model
plt.rcParams['figure.figsize'] = (5.0, 4.0)
display('text', 3)
X_in = Input((2, 2, 1))
layer_utils.print_summary(Model(X_in, Flatten(name='flat')(X_in), name='tiny'))
${IDENTITY}`;
  const result = run(code);
  expect(result.ok).toBe(true);
  expect(result.output.slice(0, 3)).toEqual(["'text'", '3', 'Model: "tiny"']);
  expect(result.output).toContain('Total params: 0');
});

test('a module the course has no stand-in for says what the course’s Python has', () => {
  const result = run(`import pandas as pd\n${IDENTITY}`);
  if (result.ok) throw new Error('the build succeeded');
  expect(result.error).toMatchObject({ type: 'ModuleNotFoundError', position: { line: 1 } });
  expect(result.error.message).toBe(
    "No module named 'pandas' — this course's Python has keras, tensorflow.keras, a small numpy, and stand-ins for the assignment's other imports (pydot, IPython.display, matplotlib, scipy.misc)",
  );
});

test('a tensorflow.keras module that keras lacks is not found under either name', () => {
  const result = run(`from tensorflow.keras.mixed_precision import set_global_policy\n${IDENTITY}`);
  if (result.ok) throw new Error('the build succeeded');
  expect(result.error.type).toBe('ModuleNotFoundError');
  expect(result.error.message).toMatch(/^No module named 'tensorflow\.keras\.mixed_precision'/);
});

test('the first cell, pasted whole into a notebook cell, runs: %matplotlib inline is skipped with a note', () => {
  const printed: string[] = [];
  const shown: unknown[] = [];
  const outcome = keras.run(FIRST_CELL, 1, { stream: (_, text) => printed.push(text), display: (data) => shown.push(data), fit: () => undefined });
  expect(outcome).toMatchObject({ status: 'ok' });
  expect(shown).toEqual([{ kind: 'note', text: expect.stringMatching(/^Skipped %matplotlib inline/) }]);
  const next = keras.run('print(np.__version__, K.image_data_format())', 2, {
    stream: (_, text) => printed.push(text),
    display: () => undefined,
    fit: () => undefined,
  });
  expect(next).toMatchObject({ status: 'ok' });
  expect(printed.join('')).toBe('resnet-live channels_last\n');
});

test("the assignment's older test cell, with TensorFlow 1's session, runs as written and prints what predict gives", () => {
  const lines: string[] = [];
  const sink = { stream: (_: string, text: string) => lines.push(text), display: () => undefined, fit: () => undefined };
  const solution = readFileSync('src/lib/keras/solutions/identity_block.py', 'utf8');
  expect(keras.run(`import tensorflow as tf\n${solution}`, 3, sink).status).toBe('ok');
  const oldTestCell = `tf.reset_default_graph()

with tf.Session() as test:
    np.random.seed(1)
    A_prev = tf.placeholder("float", [3, 4, 4, 6])
    X = np.random.randn(3, 4, 4, 6)
    A = identity_block(A_prev, f = 2, filters = [2, 4, 6], stage = 1, block = 'a')
    test.run(tf.global_variables_initializer())
    out = test.run([A], feed_dict={A_prev: X, K.learning_phase(): 0})
    print("out = " + str(out[0][1][1][0]))
`;
  expect(keras.run(oldTestCell, 4, sink)).toMatchObject({ status: 'ok' });
  // The same numbers as the course's own test cell: the same input, the same weights, predict.
  const ours = keras.run(readFileSync('src/cells/identity-block-test.py', 'utf8'), 5, sink);
  expect(ours.status).toBe('ok');
  const printed = lines.join('').split('\n');
  const old = printed.find((line) => line.startsWith('out = '))?.slice('out = '.length);
  const mine = printed.find((line) => line.startsWith('out[1][1][0] = '))?.slice('out[1][1][0] = '.length);
  expect(old).toMatch(/^\[[-\d.e ]+\]$/);
  expect(old).toBe(mine);
  expect(keras.run('tf.get_default_graph()', 6, sink).error).toMatchObject({
    type: 'NotImplementedError',
    message: expect.stringMatching(/model\.predict\(X\)/),
  });
  lines.length = 0;
  expect(keras.run('tf.random.set_seed(3)\na = np.random.randn(2)\ntf.random.set_seed(3)\nprint(bool((a == np.random.randn(2)).all()))', 7, sink).status).toBe(
    'ok',
  );
  expect(lines.join('')).toBe('True\n');
});

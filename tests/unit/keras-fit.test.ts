/**
 * Keras that trains: compile, fit, evaluate and predict in Python run the lab's steps, so the
 * same model, data and seed give the lab's losses; and resnets_utils over the course's data.
 *
 * Both models come from the same JavaScript builder (the Tiny preset), the Keras one with the lab
 * one's weights copied in, and reach Python as a Model around the TF.js model: this file tests
 * training, not building (keras-models.test.ts shows the Keras builders make the reference's
 * models). Pyodide is set up here as runtime.ts sets it up, so the test can hand Python its model
 * and data and read what it prints.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { loadPyodide as LoadPyodide, PyodideAPI } from 'pyodide';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBridge } from '../../src/lib/keras/bridge';
import { loadKeras } from '../../src/lib/keras/runtime';
import { PYTHON_SOLUTIONS } from '../../src/lib/keras/solutions';
import { PYTHON_SOURCES } from '../../src/lib/keras/sources';
import { createNumpyBridge } from '../../src/lib/keras/numpy-bridge';
import { createTrainBridge } from '../../src/lib/keras/train-bridge';
import { PRESETS, smallResNet } from '../../src/lib/resnet';
import { readDataset, toBatch, type Split } from '../../src/lib/train/data';
import { predictSplit, trainModel, type BatchReport, type EpochReport } from '../../src/lib/train/loop';
import { FusedAdamOptimizer, FusedMomentumOptimizer } from '../../src/lib/wasm/fused-optimizers';
import { callFor, INDEX_URL, LOAD_TIMEOUT } from './keras-helpers';

const readData = (path: string) => new Uint8Array(readFileSync(`public/data/${path}`));

let pyodide: PyodideAPI;
let printed: string[] = [];
const events: Record<string, unknown>[] = [];
/** Called on each chart event after it is recorded: where a test plays the page pressing Stop. */
let onEvent: ((event: Record<string, unknown>) => void) | undefined;
/** The page's interrupt buffer: 2 stops the running Python (KeyboardInterrupt). */
const interrupt = new Int32Array(new SharedArrayBuffer(4));
const py = (code: string) => pyodide.runPython(code);
/** What running \`code\` raises, as "Type: message", or null. */
const errorOf = (code: string): string | null => {
  pyodide.globals.set('_code', code);
  return py(`
try:
    exec(_code, globals())
    _r = None
except Exception as _e:
    _r = f"{type(_e).__name__}: {_e}"
_r`) as string | null;
};

beforeAll(async () => {
  const { loadPyodide } = (await import(pathToFileURL(`${INDEX_URL}pyodide.mjs`).href)) as { loadPyodide: typeof LoadPyodide };
  pyodide = await loadPyodide({ indexURL: INDEX_URL, stdout: (l) => printed.push(l), stderr: (l) => printed.push(l) });
  pyodide.registerJsModule('_resnet_live_tf', createBridge(tf).module);
  pyodide.registerJsModule('_resnet_live_np', createNumpyBridge(tf));
  pyodide.setInterruptBuffer(interrupt);
  pyodide.registerJsModule('_resnet_live_train', createTrainBridge(tf, { readData, interruptBuffer: interrupt }));
  pyodide.registerJsModule('_resnet_live_kernel', {
    fit_event: (event: Record<string, unknown>) => {
      events.push({ ...event });
      onEvent?.(event);
    },
  });
  const fs = pyodide.FS as unknown as { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  for (const [path, text] of Object.entries(PYTHON_SOURCES)) {
    const file = `/lib/fit/${path}`;
    fs.mkdirTree(file.slice(0, file.lastIndexOf('/')));
    fs.writeFile(file, text);
  }
  py(`import sys\nsys.path.insert(0, '/lib/fit')\nimport numpy as np\nfrom keras.models import Model\nfrom keras.optimizers import Adam, SGD`);
}, LOAD_TIMEOUT);

const data = readDataset('fashion-mnist', (file) => readData(`fashion-mnist/${file}`));
/** The first `count` examples of a split (from `from`), as the lab's trainer takes a split. */
const part = (split: Split, count: number, from = 0): Split => ({
  images: split.images.subarray(from * 784, (from + count) * 784),
  labels: split.labels.subarray(from, from + count),
  count,
});
/** A split as the arrays X (m, 28, 28, 1) in [0, 1] and Y (m, 10) one-hot, as the lab's batches hold them. */
function arrays(split: Split): [tf.Tensor4D, tf.Tensor2D] {
  const batch = toBatch(
    split,
    Array.from({ length: split.count }, (_, i) => i),
    { oneHot: 10 },
  );
  return [tf.tensor4d(batch.pixels, [split.count, 28, 28, 1]), tf.tensor2d(batch.oneHot!, [split.count, 10])];
}

/** Two Tiny models with the same weights: one for the lab's trainer, one for Keras. */
function twins(): [tf.LayersModel, tf.LayersModel] {
  const seeded = { kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) };
  const lab = smallResNet({ ...PRESETS.tiny, residual: true }, seeded);
  const keras = smallResNet({ ...PRESETS.tiny, residual: true });
  keras.setWeights(lab.getWeights());
  return [lab, keras];
}

/** Puts a TF.js model into Python as \`model\`, and tensors as arrays under the names given. */
function give(model: tf.LayersModel, tensors: Record<string, tf.Tensor>) {
  pyodide.globals.set('_js_model', model);
  py('model = Model.__new__(Model)\nmodel._js = _js_model');
  for (const [name, t] of Object.entries(tensors)) {
    pyodide.globals.set('_t', t);
    py(`${name} = np.from_tensor(_t)`);
  }
}

const LAB = { epochs: 2, batchSize: 16, trainSize: 48, classes: 10, side: 28, seed: 7 };

async function labRun(model: tf.LayersModel, train: Split, validation: Split, config = LAB, optimizer: tf.Optimizer) {
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const batches: BatchReport[] = [];
  const epochs: EpochReport[] = [];
  await trainModel(model, train, validation, config, { onBatch: (r) => batches.push(r), onEpoch: (r) => epochs.push(r), yieldToPage: async () => undefined });
  return { batches, epochs };
}

describe('fit on Tiny against the lab’s trainer, same weights, data and seed', () => {
  const train = part(data.train, 48);
  const validation = part(data.validation, 24);
  const [X, Y] = arrays(train);
  const [Xv, Yv] = arrays(validation);
  let lab: Awaited<ReturnType<typeof labRun>>;
  let labModel: tf.LayersModel;
  let kerasModel: tf.LayersModel;
  let history: { loss: number[]; accuracy: number[]; val_loss: number[]; val_accuracy: number[]; epoch: number[] };
  let tensors: { compiled: number; fitted: number; again: number };
  const labOptimizer = new FusedAdamOptimizer(0.01);

  beforeAll(async () => {
    [labModel, kerasModel] = twins();
    lab = await labRun(labModel, train, validation, LAB, labOptimizer);
    give(kerasModel, { X, Y, Xv, Yv });
    printed = [];
    events.length = 0;
    py(`np.random._seed = 7\nmodel.compile(optimizer=Adam(learning_rate=0.01), loss='categorical_crossentropy', metrics=['accuracy'])`);
    const compiled = tf.memory().numTensors;
    py('h = model.fit(X, Y, epochs=2, batch_size=16, validation_data=(Xv, Yv))');
    const fitted = tf.memory().numTensors;
    history = (py('{**h.history, "epoch": h.epoch}') as { toJs(o: object): typeof history }).toJs({ dict_converter: Object.fromEntries });
    py('np.random._seed = None');
    tensors = { compiled, fitted, again: NaN };
  }, 120_000);
  afterAll(() => {
    tf.dispose([X, Y, Xv, Yv]);
    labModel.dispose();
    labOptimizer.dispose();
    py('model._js_optimizer.dispose()');
    kerasModel.dispose();
  });

  test('every batch’s loss and accuracy are the lab’s, to the bit', () => {
    const mine = events.filter((e) => e.kind === 'batch');
    expect(mine).toHaveLength(6);
    expect(lab.batches).toHaveLength(6);
    mine.forEach((e, i) => {
      const want = lab.batches[i]!;
      expect([e.epoch, e.batch]).toEqual([want.epoch, want.batch]);
      // The same step on the same numbers: the same float, not merely close (the spec asks 1e-4).
      expect(e.loss, `batch ${i}`).toBe(want.loss);
      expect(e.accuracy).toBeCloseTo(want.accuracy, 6);
    });
    // It learned: not a constant loss copied twice.
    expect(lab.batches[5]!.loss).toBeLessThan(lab.batches[0]!.loss);
  });

  test('History holds each epoch’s mean loss and accuracy and the lab’s validation figures', () => {
    expect(Object.keys(history).sort()).toEqual(['accuracy', 'epoch', 'loss', 'val_accuracy', 'val_loss']);
    expect(history.epoch).toEqual([0, 1]);
    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy'] as const) expect(history[key]).toHaveLength(2);
    // Three full batches of 16 an epoch: the epoch's mean is the mean of its batches.
    const mean = (e: number, key: 'loss' | 'accuracy') => lab.batches.filter((b) => b.epoch === e).reduce((sum, b) => sum + b[key], 0) / 3;
    [1, 2].forEach((e, i) => {
      expect(history.loss[i]).toBeCloseTo(mean(e, 'loss'), 5);
      expect(history.accuracy[i]).toBeCloseTo(mean(e, 'accuracy'), 5);
      expect(Math.abs(history.val_loss[i]! - lab.epochs[i]!.validationLoss)).toBeLessThan(1e-6);
      expect(history.val_accuracy[i]).toBe(lab.epochs[i]!.validationAccuracy);
    });
  });

  test('prints Keras’s progress: an Epoch line, then the bar with the epoch’s figures', () => {
    expect(printed).toHaveLength(4);
    expect(printed[0]).toBe('Epoch 1/2');
    expect(printed[2]).toBe('Epoch 2/2');
    const line = printed[3]!;
    expect(line).toMatch(/^3\/3 \[={30}\] - \d+s \d+(us|ms|s)\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$/);
    expect(line).toContain(`- loss: ${history.loss[1]!.toFixed(4)} - accuracy: ${history.accuracy[1]!.toFixed(4)}`);
    expect(line).toContain(`- val_loss: ${history.val_loss[1]!.toFixed(4)}`);
  });

  test('sends the chart its events: begin, a point per batch, one per epoch, end', () => {
    expect(events[0]).toEqual({ kind: 'begin', epochs: 2, batchesPerEpoch: 3, validation: true });
    expect(events.map((e) => e.kind).join()).toBe('begin,batch,batch,batch,epoch,batch,batch,batch,epoch,end');
    expect(events[4]).toEqual({
      kind: 'epoch',
      epoch: 1,
      loss: history.loss[0],
      accuracy: history.accuracy[0],
      valLoss: history.val_loss[0],
      valAccuracy: history.val_accuracy[0],
    });
    expect(events.at(-1)).toEqual({ kind: 'end', stopped: false });
  });

  test('leaves only the optimizer’s new variables (Adam: two per trained weight), and a second fit none', () => {
    expect(tensors.fitted - tensors.compiled).toBe(2 * kerasModel.trainableWeights.length);
    printed = [];
    // With a callback of the learner's own, as Keras calls it.
    py(`
from keras.callbacks import Callback
class Seen(Callback):
    def __init__(self):
        super().__init__()
        self.seen = []
    def on_train_batch_end(self, batch, logs=None):
        self.seen.append(('batch', batch, logs['size']))
    def on_epoch_end(self, epoch, logs=None):
        self.seen.append(('epoch', epoch, sorted(logs)))
seen = Seen()
model.fit(X, Y, epochs=1, batch_size=32, verbose=0, callbacks=[seen])`);
    expect(tf.memory().numTensors).toBe(tensors.fitted);
    expect(printed).toEqual([]);
    expect(py('seen.seen').toJs()).toEqual([
      ['batch', 0, 32],
      ['batch', 1, 16],
      ['epoch', 0, ['accuracy', 'loss']],
    ]);
  });

  test('evaluate gives predictSplit’s loss and accuracy, and prints them', async () => {
    printed = [];
    const [loss, accuracy] = (py('model.evaluate(Xv, Yv, batch_size=256)') as { toJs(): number[] }).toJs();
    const want = await predictSplit(kerasModel, validation, LAB);
    expect(Math.abs(loss! - want.loss)).toBeLessThan(1e-6);
    expect(accuracy).toBe(want.accuracy);
    expect(printed).toEqual([
      expect.stringMatching(new RegExp(`^1/1 \\[={30}\\] - \\d+s \\d+(us|ms|s)/step - loss: ${loss!.toFixed(4)} - accuracy: ${accuracy!.toFixed(4)}$`)),
    ]);
  });

  test('predict gives the model’s probabilities as an array (m, 10)', () => {
    const before = tf.memory().numTensors;
    const rows = (py('p = model.predict(Xv)\n(p.shape, p.tolist())') as { toJs(): [number[], number[][]] }).toJs();
    expect(rows[0]).toEqual([24, 10]);
    const want = tf.tidy(() => (kerasModel.predict(Xv) as tf.Tensor).arraySync() as number[][]);
    expect(rows[1]).toEqual(want);
    py('p._tensor().dispose()\ndel p');
    expect(tf.memory().numTensors).toBe(before);
  });
});

test('validation_split validates on the last part of the data, training on the rest, as the lab would', async () => {
  const all = part(data.train, 48, 100);
  const [X, Y] = arrays(all);
  const [labModel, kerasModel] = twins();
  const optimizer = new FusedMomentumOptimizer(0.05, 0.9);
  // 0.25 of 48: the last 12 examples validate; the first 36 train, in three batches (16, 16, 4).
  const config = { ...LAB, epochs: 1, trainSize: 36, seed: 2016 };
  const lab = await labRun(labModel, part(all, 36), part(all, 12, 36), config, optimizer);
  give(kerasModel, { X, Y });
  events.length = 0;
  const tensors = tf.memory().numTensors;
  py(`model.compile(SGD(learning_rate=0.05, momentum=0.9), 'categorical_crossentropy', ['accuracy'])`);
  const history = (py('model.fit(X, Y, batch_size=16, validation_split=0.25, verbose=0).history') as { toJs(o: object): Record<string, number[]> }).toJs({
    dict_converter: Object.fromEntries,
  });
  const batches = events.filter((e) => e.kind === 'batch');
  expect(batches.map((e) => e.loss as number)).toHaveLength(3);
  batches.forEach((e, i) => expect(Math.abs((e.loss as number) - lab.batches[i]!.loss)).toBeLessThan(1e-4));
  expect(Math.abs(history.val_loss![0]! - lab.epochs[0]!.validationLoss)).toBeLessThan(1e-6);
  // SGD with momentum: one accumulator per trained weight, and the slices were freed.
  expect(tf.memory().numTensors - tensors).toBe(kerasModel.trainableWeights.length + 2);
  py('model._js_optimizer.dispose()');
  tf.dispose([X, Y]);
  labModel.dispose();
  kerasModel.dispose();
  optimizer.dispose();
}, 120_000);

test('Stop (the page’s interrupt buffer) ends a fit between two steps; the chart hears it, and the split is freed', () => {
  const [X, Y] = arrays(part(data.train, 64));
  const model = smallResNet({ ...PRESETS.tiny, residual: true });
  give(model, { X, Y });
  // As the page does when the reader presses Stop during the first step: 2 is SIGINT.
  onEvent = (event) => {
    if (event.kind === 'batch') interrupt[0] = 2;
  };
  events.length = 0;
  try {
    py("model.compile('adam', 'categorical_crossentropy', ['accuracy'])");
    const compiled = tf.memory().numTensors;
    const outcome = py(`
try:
    model.fit(X, Y, epochs=3, batch_size=16, validation_split=0.5, verbose=0)
    _r = 'finished'
except KeyboardInterrupt:
    _r = 'stopped'
_r`);
    expect(outcome).toBe('stopped');
    // The loop stops before its next step.
    expect(events.filter((e) => e.kind === 'batch')).toHaveLength(1);
    expect(events.at(-1)).toEqual({ kind: 'end', stopped: true });
    expect(py('model.history.epoch').toJs()).toEqual([]);
    // Adam's moments from the one step, and nothing else: the two halves of the split were freed.
    expect(tf.memory().numTensors - compiled).toBe(2 * model.trainableWeights.length);
  } finally {
    onEvent = undefined;
    interrupt[0] = 0;
    py('model._js_optimizer.dispose()');
    model.dispose();
    tf.dispose([X, Y]);
  }
});

describe('what compile and fit refuse, and how they say it', () => {
  const [X, Y] = arrays(part(data.train, 4));
  const labels = tf.tensor2d([[3, 1, 0, 9]], [1, 4], 'int32');
  beforeAll(() => give(smallResNet({ ...PRESETS.tiny, residual: true }), { X, Y, labels }));
  afterAll(() => {
    py('model._js.dispose()\nif model._js_optimizer: model._js_optimizer.dispose()');
    tf.dispose([X, Y, labels]);
  });

  test.each([
    [
      'fit before compile',
      'model.fit(X, Y)',
      "RuntimeError: fit: you must compile your model before training/testing: model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])",
    ],
    ['evaluate before compile', 'model.evaluate(X, Y)', 'RuntimeError: evaluate: you must compile your model'],
    [
      'an optimizer the lab has not',
      "model.compile(optimizer='rmsprop', loss='categorical_crossentropy')",
      "ValueError: compile: optimizer='rmsprop' is not supported; this course's Keras trains with the lab's optimizers: 'adam', 'sgd', Adam(learning_rate=...) or SGD(learning_rate=..., momentum=...)",
    ],
    ['Keras’s default optimizer', "model.compile(loss='categorical_crossentropy')", "ValueError: compile: optimizer='rmsprop' is not supported"],
    [
      'another loss',
      "model.compile(optimizer='adam', loss='mse')",
      "ValueError: compile: loss='mse' is not supported; this course's Keras trains with 'categorical_crossentropy' (one-hot labels, softmax outputs)",
    ],
    ['no loss', "model.compile(optimizer='adam')", "ValueError: compile: give a loss, such as loss='categorical_crossentropy'"],
    [
      'another metric',
      "model.compile('adam', 'categorical_crossentropy', metrics=['mae'])",
      "ValueError: compile: metrics=['mae'] is not supported; this course's Keras measures accuracy: metrics=['accuracy']",
    ],
    [
      'an argument Keras has and the course not',
      "model.compile('adam', 'categorical_crossentropy', loss_weights=[1])",
      "TypeError: compile got an unexpected argument 'loss_weights'",
    ],
    ['lr and learning_rate together', 'Adam(learning_rate=0.1, lr=0.1)', 'TypeError: Adam: give learning_rate or lr, not both'],
    ['a negative learning rate', 'SGD(learning_rate=-1)', 'ValueError: SGD: learning_rate must be a number above 0, got -1'],
    ['amsgrad', 'Adam(amsgrad=True)', "ValueError: Adam: amsgrad=True is not supported in this course's Keras"],
  ])('%s', (_label, code, message) => {
    expect(errorOf(code)).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  test.each([
    [
      'labels as class indices',
      'model.fit(X, labels)',
      'ValueError: fit: y must be one-hot labels of shape (m, 10), got (1, 4); from class indices, use convert_to_one_hot(Y, 10).T',
    ],
    ['one-hot labels a column per example', 'model.fit(X, Y.T)', 'ValueError: fit: y has shape (10, 4), one column per example; give y.T'],
    [
      'images of another shape',
      'model.fit(Y, Y)',
      "ValueError: fit: x has shape (4, 10) but the model takes (None, 28, 28, 1): give one example per row, shaped as the model's Input",
    ],
    ['not an array', 'model.fit("X", Y)', 'TypeError: fit: x must be an array (numpy or a tensor), got a str'],
    [
      'a split that leaves nothing',
      'model.fit(X, Y, validation_split=0.9)',
      'ValueError: fit: validation_split=0.9 of 4 examples leaves no examples to train or to validate on',
    ],
    ['a batch size of 0', 'model.fit(X, Y, batch_size=0)', 'ValueError: fit: batch_size must be a positive whole number, got 0'],
  ])('after compile, %s', (_label, code, message) => {
    py("model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])");
    events.length = 0;
    expect(errorOf(code)).toBe(message);
    // Refused before training began: the chart heard nothing.
    expect(events).toEqual([]);
  });

  test('the optimizers keep Keras’s settings and defaults, and lr is Keras 2’s name for learning_rate', () => {
    const config = (code: string) => (py(code) as { toJs(o: object): unknown }).toJs({ dict_converter: Object.fromEntries });
    expect(config('Adam().get_config()')).toEqual({ learning_rate: 0.001, beta_1: 0.9, beta_2: 0.999, epsilon: undefined });
    expect(config('SGD(lr=0.1, momentum=0.9).get_config()')).toEqual({ learning_rate: 0.1, momentum: 0.9, nesterov: false });
    expect(py("model.compile('sgd', 'categorical_crossentropy')\n(model.optimizer.learning_rate, model._js_optimizer.getClassName())").toJs()).toEqual([
      0.01,
      'Momentum',
    ]);
    // Without metrics, evaluate gives the loss alone, as Keras does.
    expect(typeof py('model.evaluate(X, Y, verbose=0)')).toBe('number');
  });

  test('convert_to_one_hot is the assignment’s np.eye(C)[Y.reshape(-1)].T: (C, m)', () => {
    const [shape, values] = (
      py('from resnets_utils import convert_to_one_hot\no = convert_to_one_hot(labels, 10)\n(o.shape, o.T.tolist()[:2])') as { toJs(): [number[], number[][]] }
    ).toJs();
    expect(shape).toEqual([10, 4]);
    expect(values).toEqual([
      [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
      [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
    py('o._tensor().dispose()');
    expect(errorOf('convert_to_one_hot(labels, 9)')).toBe('IndexError: convert_to_one_hot: label 9 (at position 3) is not a class index below C = 9');
  });
});

test('load_dataset gives the assignment’s five arrays over the course’s data, with a note the first time', () => {
  const before = tf.memory().numTensors;
  printed = [];
  const shapes = (name: string) =>
    (py(`from resnets_utils import load_dataset\n_d = load_dataset(${name})\n[a.shape for a in _d]`) as { toJs(): number[][] }).toJs();
  expect(shapes("'fashion-mnist'")).toEqual([[5000, 28, 28, 1], [1, 5000], [500, 28, 28, 1], [1, 500], [10]]);
  const [first, labels, classes] = (
    py('_s = _d[0]._tensor().slice([0], [1])\n_v = (list(_s.dataSync().to_py()), _d[1].tolist()[0][:5], _d[4].tolist())\n_s.dispose()\n_v') as {
      toJs(): [number[], number[], number[]];
    }
  ).toJs();
  expect(first).toEqual(Array.from(data.train.images.subarray(0, 784)));
  expect(labels).toEqual(Array.from(data.train.labels.subarray(0, 5)));
  expect(classes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(py('str(_d[0].dtype)')).toBe('int32');
  expect(printed).toEqual([
    "load_dataset: this is the course's Fashion-MNIST, not the assignment's SIGNS: 5,000 training and 500 test images, 28×28×1 greyscale, 10 classes (T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot).",
  ]);
  py('for a in _d: a._tensor().dispose()');
  expect(shapes("name='mnist'")).toEqual([[8000, 28, 28, 1], [1, 8000], [1000, 28, 28, 1], [1, 1000], [10]]);
  expect(printed).toHaveLength(1);
  py('for a in _d: a._tensor().dispose()');
  // With no name, the assignment's shapes: SIGNS's sizes, from Fashion-MNIST's first six classes.
  expect(shapes('')).toEqual([[1080, 64, 64, 3], [1, 1080], [120, 64, 64, 3], [1, 120], [6]]);
  expect((py('[int(_d[1].max()), float(_d[0].max())]') as { toJs(): number[] }).toJs()).toEqual([5, 255]);
  py('for a in _d: a._tensor().dispose()\ndel _d');
  expect(tf.memory().numTensors).toBe(before);
  expect(errorOf("load_dataset('signs')")).toBe(
    "ValueError: load_dataset: name='signs' is not one of the course's datasets; use one of 'fashion-mnist', 'fashion-mnist-large', 'mnist'",
  );
});

test('the data a cell reads synchronously are checked as the lab checks what it fetches', () => {
  const truncated = (file: string) => (file === 'test-labels.bin' ? readData(`mnist/${file}`).subarray(1) : readData(`mnist/${file}`));
  expect(() => readDataset('mnist', truncated)).toThrow(
    'mnist/test-labels.bin has 999 bytes, but manifest.json says 1,000: the file is truncated or from another build.',
  );
  expect(() => readDataset('signs' as 'mnist', truncated)).toThrow('Unknown dataset "signs"');
});

test(
  'loadKeras registers the training module, and tensorflow.keras has the same optimizers',
  async () => {
    const keras = await loadKeras({ indexURL: INDEX_URL, tf, readData });
    const code = `import _resnet_live_train\nfrom keras.optimizers import Adam\nfrom tensorflow.keras.optimizers import Adam as A\nassert A is Adam\nfrom resnets_utils import load_dataset\n${PYTHON_SOLUTIONS['identity-block']}`;
    const result = keras.build(code, callFor('identity-block'));
    result.dispose();
    expect(result.ok ? 'ok' : result.error.message).toBe('ok');
  },
  LOAD_TIMEOUT,
);

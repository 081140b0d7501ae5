/**
 * Keras that trains: compile, fit, evaluate and predict in Python run the lab's steps, so the
 * same model, data and seed give the lab's losses. This file: fit against the lab's trainer,
 * validation_split, and Stop. What compile and fit refuse is in keras-fit-refusals.test.ts, and
 * resnets_utils' load_dataset over the course's data in keras-fit-data.test.ts.
 *
 * Both models come from the same JavaScript builder (the Tiny preset), the Keras one with the lab
 * one's weights copied in, and reach Python as a Model around the TF.js model: this file tests
 * training, not building (keras-models.test.ts shows the Keras builders make the reference's
 * models). Pyodide is set up in keras-fit-helpers.ts as runtime.ts sets it up, so the test can
 * hand Python its model and data and read what it prints.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PRESETS, smallResNet } from '../../src/lib/resnet';
import { predictSplit } from '../../src/lib/train/loop';
import { FusedAdamOptimizer, FusedMomentumOptimizer } from '../../src/lib/engine/fused-optimizers';
import { arrays, data, events, give, interrupt, LAB, labRun, loadFitPython, part, py, session, twins } from './keras-fit-helpers';
import { LOAD_TIMEOUT } from './keras-helpers';

beforeAll(loadFitPython, LOAD_TIMEOUT);

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
    session.printed = [];
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
    expect(session.printed).toHaveLength(4);
    expect(session.printed[0]).toBe('Epoch 1/2');
    expect(session.printed[2]).toBe('Epoch 2/2');
    const line = session.printed[3]!;
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
    session.printed = [];
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
    expect(session.printed).toEqual([]);
    expect(py('seen.seen').toJs()).toEqual([
      ['batch', 0, 32],
      ['batch', 1, 16],
      ['epoch', 0, ['accuracy', 'loss']],
    ]);
  });

  test('evaluate gives predictSplit’s loss and accuracy, and prints them', async () => {
    session.printed = [];
    const [loss, accuracy] = (py('model.evaluate(Xv, Yv, batch_size=256)') as { toJs(): number[] }).toJs();
    const want = await predictSplit(kerasModel, validation, LAB);
    expect(Math.abs(loss! - want.loss)).toBeLessThan(1e-6);
    expect(accuracy).toBe(want.accuracy);
    expect(session.printed).toEqual([
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
  session.onEvent = (event) => {
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
    session.onEvent = undefined;
    interrupt[0] = 0;
    py('model._js_optimizer.dispose()');
    model.dispose();
    tf.dispose([X, Y]);
  }
});

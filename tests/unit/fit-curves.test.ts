import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { FitCurves } from '../../src/lib/kernel/fit-curves';
import { fitCallbacks, progressBar, progressLine } from '../../src/lib/kernel/fit-callbacks';
import type { FitEvent } from '../../src/lib/kernel/protocol';

describe("Keras's progress line", () => {
  test.each([
    [34, 34, '34/34 [==============================]'],
    [0, 10, '0/10 [>.............................]'],
    [5, 10, '5/10 [==============>...............]'],
  ])('step %i of %i', (step, steps, text) => expect(progressBar(step, steps)).toBe(text));

  test('the end of an epoch: time, time per step, each log to four decimals', () => {
    expect(progressLine(34, 2992, { loss: 1.23454, acc: 0.5 })).toBe('34/34 [==============================] - 3s 88ms/step - loss: 1.2345 - acc: 0.5000');
    expect(progressLine(4, 120, { loss: NaN })).toBe('4/4 [==============================] - 120ms 30ms/step - loss: NaN');
  });
});

describe('a fit as the cell charts it', () => {
  const events: FitEvent[] = [
    { kind: 'begin', epochs: 2, batchesPerEpoch: 3, validation: true },
    { kind: 'batch', epoch: 1, batch: 1, loss: 2.3, accuracy: 0.1 },
    { kind: 'batch', epoch: 1, batch: 3, loss: 2.0, accuracy: 0.3 },
    { kind: 'epoch', epoch: 1, loss: 2.1, accuracy: 0.2, valLoss: 1.9, valAccuracy: 0.35 },
    { kind: 'batch', epoch: 2, batch: 1, loss: 1.8, accuracy: NaN },
  ];

  test('training per step across epochs, validation at the end of each epoch', () => {
    const curves = new FitCurves();
    for (const event of events) curves.add(event);
    const [train, validation] = curves.series('loss');
    expect(train?.points).toEqual([
      { x: 1, y: 2.3 },
      { x: 3, y: 2.0 },
      { x: 4, y: 1.8 },
    ]);
    expect(validation?.points).toEqual([{ x: 3, y: 1.9 }]);
    // A NaN accuracy (no metric) is left out rather than drawn at zero.
    expect(curves.series('accuracy')[0]?.points.map((p) => p.x)).toEqual([1, 3]);
    expect(curves.describe()).toBe('Epoch 2 of 2, batch 1 of 3');
  });

  test('no validation: one series per chart', () => {
    const curves = new FitCurves();
    curves.add({ kind: 'begin', epochs: 1, batchesPerEpoch: 1, validation: false });
    curves.add({ kind: 'batch', epoch: 1, batch: 1, loss: 1, accuracy: 0.5 });
    expect(curves.series('loss')).toHaveLength(1);
  });
});

test("course.fitCallbacks(): TF.js's model.fit prints Keras's lines, sends chart points, and stops when asked", async () => {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], activation: 'softmax' })] });
  model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const xs = tf.ones([8, 3]);
  const ys = tf.oneHot(tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1], 'int32'), 2);
  const printed: string[] = [];
  const sent: FitEvent[] = [];
  let stop = false;
  const history = await model.fit(xs, ys, {
    epochs: 3,
    batchSize: 4,
    callbacks: fitCallbacks({ emit: (e) => sent.push(e), print: (l) => printed.push(l), stopped: () => stop }),
  });
  expect(printed[0]).toBe('Epoch 1/3');
  expect(printed[1]).toMatch(/^2\/2 \[=+\] - \d+m?s \d+ms\/step - loss: \d\.\d{4} - acc: \d\.\d{4}$/);
  expect(sent.filter((e) => e.kind === 'batch')).toHaveLength(6);
  expect(sent.at(-1)).toEqual({ kind: 'end', stopped: false });
  expect(history.history.loss).toHaveLength(3);

  stop = true;
  sent.length = 0;
  const stopped = await model.fit(xs, ys, {
    epochs: 3,
    batchSize: 4,
    callbacks: fitCallbacks({ emit: (e) => sent.push(e), print: () => {}, stopped: () => stop }),
  });
  expect(stopped.history.loss).toHaveLength(1);
  expect(sent.at(-1)).toEqual({ kind: 'end', stopped: true });
  tf.dispose([xs, ys]);
  model.dispose();
});

/**
 * What Keras's compile and fit refuse, and how they say it: optimizers, losses and metrics the
 * lab has not, labels and images of the wrong shape, and the optimizers' settings; with
 * convert_to_one_hot, which makes the labels fit takes.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PRESETS, smallResNet } from '../../src/lib/resnet';
import { arrays, data, errorOf, events, give, loadFitPython, part, py } from './keras-fit-helpers';
import { LOAD_TIMEOUT } from './keras-helpers';

beforeAll(loadFitPython, LOAD_TIMEOUT);

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

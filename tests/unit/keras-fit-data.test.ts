/**
 * The course's data in Python: resnets_utils' load_dataset gives the assignment's five arrays
 * over the course's datasets, the data a cell reads synchronously are checked as the lab checks
 * them, and loadKeras registers the training module.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { loadKeras } from '../../src/lib/keras/runtime';
import { PYTHON_SOURCES } from '../../src/components/python/sources';
import { PYTHON_SOLUTIONS } from '../../src/components/python/solutions';
import { readDataset } from '../../src/lib/train/data';
import { data, errorOf, loadFitPython, py, readData, session } from './keras-fit-helpers';
import { callFor, INDEX_URL, LOAD_TIMEOUT } from './keras-helpers';

beforeAll(loadFitPython, LOAD_TIMEOUT);

test('load_dataset gives the assignment’s five arrays over the course’s data, with a note the first time', () => {
  const before = tf.memory().numTensors;
  session.printed = [];
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
  expect(session.printed).toEqual([
    "load_dataset: this is the course's Fashion-MNIST, not the assignment's SIGNS: 5,000 training and 500 test images, 28×28×1 greyscale, 10 classes (T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot).",
  ]);
  py('for a in _d: a._tensor().dispose()');
  expect(shapes("name='mnist'")).toEqual([[8000, 28, 28, 1], [1, 8000], [1000, 28, 28, 1], [1, 1000], [10]]);
  expect(session.printed).toHaveLength(1);
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
    const keras = await loadKeras({ indexURL: INDEX_URL, sources: PYTHON_SOURCES, tf, readData });
    const code = `import _resnet_live_train\nfrom keras.optimizers import Adam\nfrom tensorflow.keras.optimizers import Adam as A\nassert A is Adam\nfrom resnets_utils import load_dataset\n${PYTHON_SOLUTIONS['identity-block']}`;
    const result = keras.build(code, callFor('identity-block'));
    result.dispose();
    expect(result.ok ? 'ok' : result.error.message).toBe('ok');
  },
  LOAD_TIMEOUT,
);

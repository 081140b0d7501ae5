/**
 * The course's small numpy around its arrays: np.random, what it refuses and how it says so,
 * TF.js tensors in and out (with no tensor leaked), and numpy inside the course's Keras runtime.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, test } from 'vitest';
import { loadKeras } from '../../src/lib/keras/runtime';
import { PYTHON_SOURCES } from '../../src/components/python/sources';
import { PYTHON_SOLUTIONS } from '../../src/components/python/solutions';
import { callFor, INDEX_URL, LOAD_TIMEOUT } from './keras-helpers';
import { loadNumpy, type NumpyPython } from './numpy-helpers';

let py: NumpyPython;
beforeAll(async () => {
  py = await loadNumpy();
}, LOAD_TIMEOUT);

describe('np.random', () => {
  test('the same seed gives the same numbers; another seed gives others', () => {
    const draw = (seed: number) =>
      py.run(`np.random.seed(${seed}); (np.random.randn(2, 3).tolist(), np.random.rand(4).tolist(), np.random.permutation(6).tolist())`);
    const first = draw(1);
    expect(draw(1)).toEqual(first);
    expect(draw(2)).not.toEqual(first);
  });

  test('shapes, ranges and a permutation of all the indices', () => {
    py.run('np.random.seed(0); a = np.random.randn(3, 2); b = np.random.rand(1000); p = np.random.permutation(10); r = np.random.randint(0, 5, size=200)');
    expect(py.run('(a.shape, str(a.dtype), b.shape)')).toEqual([[3, 2], 'float32', [1000]]);
    expect(py.run('(float(b.min()) >= 0, float(b.max()) < 1, 0.4 < float(b.mean()) < 0.6)')).toEqual([true, true, true]);
    expect(py.run('sorted(p.tolist())')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(py.run('(r.dtype == np.int32, sorted(set(r.tolist())))')).toEqual([true, [0, 1, 2, 3, 4]]);
    expect(py.run('np.random.permutation(np.array([[1, 1], [2, 2], [3, 3]])).sum(axis=0).tolist()')).toEqual([6, 6]);
  });
});

describe('what the course’s numpy does not have', () => {
  it.each([
    ['np.linalg.inv(np.eye(2))', /^NotInCourseError: not in this course's numpy: np\.linalg — it has arrays .*, and works on TF\.js tensors$/],
    ['np.fft', /^NotInCourseError: not in this course's numpy: np\.fft — /],
    ['np.ones(2).astype(np.float64)', /^NotInCourseError: not in this course's numpy: dtype float64 — TF\.js computes in float32: use np\.float32$/],
    ['np.array(["a"])', /^NotInCourseError: not in this course's numpy: an array of str/],
    ['np.random.default_rng(0)', /^NotInCourseError: not in this course's numpy: np\.random\.default_rng — np\.random here has seed, randn/],
    ['np.ones(3).sort()', /^NotInCourseError: not in this course's numpy: ndarray\.sort — its arrays have shape/],
    ['np.array(2 ** 40)', /^OverflowError: a value does not fit in int32/],
    ['np.array([300], dtype=np.uint8)', /^OverflowError: Python integer 300 out of bounds for uint8$/],
  ])('%s', (code, message) => {
    expect(py.error(code)).toMatch(message);
  });

  it.each(['import numpy.linalg', 'from numpy import linalg', 'from numpy.fft import fft'])('%s', (code) => {
    expect(py.error(code)).toMatch(/^NotInCourseImportError: not in this course's numpy: np\.(linalg|fft) — it has arrays/);
  });

  test('the errors are both AttributeError and NotImplementedError, so hasattr is False', () => {
    expect(py.run('(hasattr(np, "linalg"), issubclass(np.NotInCourseError, NotImplementedError))')).toEqual([false, true]);
  });

  test('the package says what it is', () => {
    expect(py.run('(np.__version__, "course\'s small numpy" in np.__doc__)')).toEqual(['resnet-live', true]);
  });
});

describe('TF.js tensors in and out', () => {
  test('from_tensor wraps a tensor; _tensor gives it back', () => {
    const t = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    py.pyodide.globals.set('t', t);
    expect(py.run('a = np.from_tensor(t); (a * 2).tolist()')).toEqual([
      [2, 4],
      [6, 8],
    ]);
    expect(py.run('a._tensor()')).toBe(t);
    py.run('del a, t');
    expect(t.isDisposed).toBe(true);
  });

  test('a loop of operations leaves no tensor behind once Python has collected', () => {
    py.run('import gc; gc.collect()');
    const before = tf.memory().numTensors;
    // In a function, so the loop's names are its own and not the earlier tests' globals.
    py.run(`
def work():
    np.random.seed(3)
    for i in range(20):
        A = np.random.randn(4, 3)
        B = (A * 2 + 1) / np.ones(3) - A.mean(axis=0)
        C = B[1:, ::2].T @ np.eye(3)[:, :2]
        D = np.concatenate([A, B[[0, 2]]], axis=0).reshape(-1)
        s = str(np.arange(2000.)) + repr(D > 0) + str(D[D > 0]) + str(np.where(D > 0, D, 0))
        A[0, 0] = float(np.argmax(D))
        A[A < 0] = 0
        np.random.shuffle(A)
        rows = [row.sum() for row in np.random.permutation(A)]

work()
gc.collect()`);
    expect(tf.memory().numTensors).toBe(before);
    // An array that is still referenced keeps its one tensor, until Python frees it.
    py.run('kept = np.ones(3) * 2');
    expect(tf.memory().numTensors).toBe(before + 1);
    py.run('del kept');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('in the course’s Keras runtime', () => {
  test(
    'a graded cell with `import numpy as np` above it builds, and uses numpy',
    async () => {
      const keras = await loadKeras({ indexURL: INDEX_URL, sources: PYTHON_SOURCES, tf });
      const code = `import numpy as np\nassert np.__version__ == "resnet-live"\nprint(np.ones((1, 2)))\n\n${PYTHON_SOLUTIONS['identity-block']}`;
      const result = keras.build(code, callFor('identity-block'));
      try {
        expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
        expect(result.output).toEqual(['[[1. 1.]]']);
      } finally {
        result.dispose();
      }
    },
    LOAD_TIMEOUT,
  );
});

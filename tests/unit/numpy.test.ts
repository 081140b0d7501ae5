/**
 * The course's small numpy (src/lib/keras/python/numpy/ over src/lib/keras/numpy-bridge.ts),
 * run in Pyodide on TF.js's CPU backend: values checked by hand, text as NumPy 2 prints it.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, test } from 'vitest';
import { loadKeras } from '../../src/lib/keras/runtime';
import { PYTHON_SOLUTIONS } from '../../src/lib/keras/solutions';
import { callFor, INDEX_URL, LOAD_TIMEOUT } from './keras-helpers';
import { loadNumpy, type NumpyPython } from './numpy-helpers';

let py: NumpyPython;
beforeAll(async () => {
  py = await loadNumpy();
}, LOAD_TIMEOUT);

/** repr() of an expression, with names the tables below share. */
const repr = (code: string) => py.text(`repr(${code})`);
const SETUP = `
X = np.arange(24).reshape(2, 3, 4)
M = np.array([[1., 2., 3.], [4., 5., 6.]])
v = np.array([10, 20, 30])
`;

describe('making arrays', () => {
  beforeAll(() => py.run(SETUP));
  it.each([
    ['np.array([[1, 2], [3, 4.]])', 'array([[1., 2.],\n       [3., 4.]], dtype=float32)'],
    ['np.array([1, 2, 3])', 'array([1, 2, 3], dtype=int32)'],
    ['np.array((True, False))', 'array([ True, False])'],
    ['np.array(2.5)', 'array(2.5, dtype=float32)'],
    ['np.array([1, 2], dtype=np.float32)', 'array([1., 2.], dtype=float32)'],
    ['np.array([0, 255], dtype=np.uint8)', 'array([  0, 255], dtype=uint8)'],
    ['np.array([np.array([1, 2]), np.array([3, 4])])', 'array([[1, 2],\n       [3, 4]], dtype=int32)'],
    ['np.asarray([0.5])', 'array([0.5], dtype=float32)'],
    ['np.zeros((2, 2))', 'array([[0., 0.],\n       [0., 0.]], dtype=float32)'],
    ['np.ones(3, dtype=np.int32)', 'array([1, 1, 1], dtype=int32)'],
    ['np.ones((1, 2), np.uint8)', 'array([[1, 1]], dtype=uint8)'],
    ['np.full((2,), 7)', 'array([7, 7], dtype=int32)'],
    ['np.eye(3)', 'array([[1., 0., 0.],\n       [0., 1., 0.],\n       [0., 0., 1.]], dtype=float32)'],
    ['np.eye(2, dtype=np.int32)', 'array([[1, 0],\n       [0, 1]], dtype=int32)'],
    ['np.arange(5)', 'array([0, 1, 2, 3, 4], dtype=int32)'],
    ['np.arange(0, 1, 0.25)', 'array([0.  , 0.25, 0.5 , 0.75], dtype=float32)'],
    ['np.linspace(0, 1, 5)', 'array([0.  , 0.25, 0.5 , 0.75, 1.  ], dtype=float32)'],
    ['np.zeros_like(v)', 'array([0, 0, 0], dtype=int32)'],
    ['np.float32(3)', 'array(3., dtype=float32)'],
  ])('%s', (code, expected) => {
    expect(repr(code)).toBe(expected);
  });

  test('np.asarray returns the array itself; np.array copies it', () => {
    expect(py.run('a = np.ones(2); (np.asarray(a) is a, np.array(a) is a)')).toEqual([true, false]);
  });
});

describe('arithmetic with broadcasting', () => {
  beforeAll(() => py.run(SETUP));
  it.each([
    ['M + v', 'array([[11., 22., 33.],\n       [14., 25., 36.]], dtype=float32)'],
    ['M - np.array([[1.], [2.]])', 'array([[0., 1., 2.],\n       [2., 3., 4.]], dtype=float32)'],
    ['M * 2', 'array([[ 2.,  4.,  6.],\n       [ 8., 10., 12.]], dtype=float32)'],
    ['1 - M[0]', 'array([ 0., -1., -2.], dtype=float32)'],
    ['v / 4', 'array([2.5, 5. , 7.5], dtype=float32)'],
    ['v // 4', 'array([2, 5, 7], dtype=int32)'],
    ['v % 7', 'array([3, 6, 2], dtype=int32)'],
    ['M ** 2', 'array([[ 1.,  4.,  9.],\n       [16., 25., 36.]], dtype=float32)'],
    ['2 ** v[:2]', 'array([   1024, 1048576], dtype=int32)'],
    ['v + 1', 'array([11, 21, 31], dtype=int32)'],
    ['v + 0.5', 'array([10.5, 20.5, 30.5], dtype=float32)'],
    ['-v', 'array([-10, -20, -30], dtype=int32)'],
    [
      'np.ones((2, 1, 3)) * np.arange(2).reshape(2, 1)',
      'array([[[0., 0., 0.],\n        [1., 1., 1.]],\n\n       [[0., 0., 0.],\n        [1., 1., 1.]]], dtype=float32)',
    ],
    ['np.array([200, 100], np.uint8) + np.array([100, 100], np.uint8)', 'array([ 44, 200], dtype=uint8)'],
    ['np.array([250], np.uint8) / 250', 'array([1.], dtype=float32)'],
    ['M @ np.ones((3, 1))', 'array([[ 6.],\n       [15.]], dtype=float32)'],
    ['np.dot(v, v)', 'array(1400, dtype=int32)'],
    ['np.maximum(M, 3)', 'array([[3., 3., 3.],\n       [4., 5., 6.]], dtype=float32)'],
  ])('%s', (code, expected) => {
    expect(repr(code)).toBe(expected);
  });

  test('shapes that do not broadcast are refused with NumPy’s message', () => {
    expect(py.error('M + np.ones(2)')).toBe('ValueError: operands could not be broadcast together with shapes (2,3) (2,) ');
  });
});

describe('comparisons give bool arrays', () => {
  beforeAll(() => py.run(SETUP));
  it.each([
    ['v == 20', 'array([False,  True, False])'],
    ['v < 25', 'array([ True,  True, False])'],
    ['M > np.array([2, 2, 2])', 'array([[False, False,  True],\n       [ True,  True,  True]])'],
    ['5 > v', 'array([False, False, False])'],
    ['(v > 10) & (v < 30)', 'array([False,  True, False])'],
    ['~(v > 10)', 'array([ True, False, False])'],
    ['(M > 2).sum()', 'array(4, dtype=int32)'],
  ])('%s', (code, expected) => {
    expect(repr(code)).toBe(expected);
  });
});

describe('indexing and slicing', () => {
  beforeAll(() => py.run(SETUP + 'Y = np.arange(12).reshape(3, 4)\nidx = np.array([3, 0])'));
  it.each([
    ['Y[0]', 'array([0, 1, 2, 3], dtype=int32)'],
    ['Y[-1]', 'array([ 8,  9, 10, 11], dtype=int32)'],
    ['Y[1, 2]', 'array(6, dtype=int32)'],
    ['Y[:2]', 'array([[0, 1, 2, 3],\n       [4, 5, 6, 7]], dtype=int32)'],
    ['Y[1:3, ::2]', 'array([[ 4,  6],\n       [ 8, 10]], dtype=int32)'],
    ['Y[::-1, -1]', 'array([11,  7,  3], dtype=int32)'],
    ['Y[::2, ::3]', 'array([[ 0,  3],\n       [ 8, 11]], dtype=int32)'],
    ['X[..., 0]', 'array([[ 0,  4,  8],\n       [12, 16, 20]], dtype=int32)'],
    ['X[1, ..., 1:3]', 'array([[13, 14],\n       [17, 18],\n       [21, 22]], dtype=int32)'],
    ['Y[[0, 2]]', 'array([[ 0,  1,  2,  3],\n       [ 8,  9, 10, 11]], dtype=int32)'],
    ['Y[:, idx]', 'array([[ 3,  0],\n       [ 7,  4],\n       [11,  8]], dtype=int32)'],
    ['Y[[-1]]', 'array([[ 8,  9, 10, 11]], dtype=int32)'],
    ['Y[0, [1, 3]]', 'array([1, 3], dtype=int32)'],
    ['np.eye(3)[np.array([2, 0])].T', 'array([[0., 1.],\n       [0., 0.],\n       [1., 0.]], dtype=float32)'],
    ['Y[:, np.newaxis, 0]', 'array([[0],\n       [4],\n       [8]], dtype=int32)'],
    ['Y[None].shape', '(1, 3, 4)'],
    ['Y[5:]', 'array([], shape=(0, 4), dtype=int32)'],
    ['Y[Y % 5 == 0]', 'array([ 0,  5, 10], dtype=int32)'],
    ['Y[np.array([True, False, True])]', 'array([[ 0,  1,  2,  3],\n       [ 8,  9, 10, 11]], dtype=int32)'],
  ])('%s', (code, expected) => {
    expect(repr(code)).toBe(expected);
  });

  it.each([
    ['Y[3]', 'IndexError: index 3 is out of bounds for axis 0 with size 3'],
    ['Y[0, 0, 0]', 'IndexError: too many indices for array: array is 2-dimensional, but 3 were indexed'],
    ['Y[[0, 5]]', 'IndexError: index 5 is out of bounds for axis 0 with size 3'],
    ['Y[1.5]', 'IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices'],
    ['Y[[0, 1], [1, 2]]', "NotInCourseError: not in this course's numpy: index arrays on two axes at once — index one axis at a time, e.g. X[idx][:, idx2]"],
  ])('%s is refused', (code, message) => {
    expect(py.error(code)).toBe(message);
  });

  test('setting items replaces the tensor, copy on write, and leaves copies as they were', () => {
    py.run('Z = np.zeros((2, 3)); W = Z[0]; Z[0, 1] = 5; Z[:, 2] = [7, 8]; Z[Z == 0] = -1');
    expect(repr('Z')).toBe('array([[-1.,  5.,  7.],\n       [-1., -1.,  8.]], dtype=float32)');
    expect(repr('W')).toBe('array([0., 0., 0.], dtype=float32)');
    expect(py.error('Z[Z > 0] = np.ones(3)')).toMatch(
      /^NotInCourseError: not in this course's numpy: assigning an array through a boolean mask — write X = np.where/,
    );
  });
});

describe('shapes, reductions and functions', () => {
  beforeAll(() => py.run(SETUP));
  it.each([
    ['(X.shape, X.ndim, X.size, str(X.dtype), len(X))', "((2, 3, 4), 3, 24, 'int32', 2)"],
    ['X.reshape(-1, 6).shape', '(4, 6)'],
    ['X.reshape(4, 3, 2)[3, 2]', 'array([22, 23], dtype=int32)'],
    ['M.T', 'array([[1., 4.],\n       [2., 5.],\n       [3., 6.]], dtype=float32)'],
    ['np.transpose(X, (2, 0, 1)).shape', '(4, 2, 3)'],
    ['np.squeeze(np.ones((1, 3, 1))).shape', '(3,)'],
    ['np.expand_dims(v, axis=0).shape', '(1, 3)'],
    ['np.expand_dims(v, -1).shape', '(3, 1)'],
    ['np.concatenate([M, M * 0], axis=0).shape', '(4, 3)'],
    ['np.concatenate((v, v))', 'array([10, 20, 30, 10, 20, 30], dtype=int32)'],
    ['np.stack([v, v], axis=1).shape', '(3, 2)'],
    ['np.argmax(M)', 'array(5, dtype=int32)'],
    ['M.argmax(axis=0)', 'array([1, 1, 1], dtype=int32)'],
    ['np.argmax(np.array([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]]), axis=1)', 'array([1, 0], dtype=int32)'],
    ['np.mean(M)', 'array(3.5, dtype=float32)'],
    ['M.mean(axis=1)', 'array([2., 5.], dtype=float32)'],
    ['np.mean(v)', 'array(20., dtype=float32)'],
    ['np.sum(M, axis=0)', 'array([5., 7., 9.], dtype=float32)'],
    ['M.sum(axis=1, keepdims=True)', 'array([[ 6.],\n       [15.]], dtype=float32)'],
    ['np.max(M)', 'array(6., dtype=float32)'],
    ['np.min(M, axis=1)', 'array([1., 4.], dtype=float32)'],
    ['np.std(np.array([1., 3.]))', 'array(1., dtype=float32)'],
    ['np.exp(np.array([0., 1.]))', 'array([1.       , 2.7182817], dtype=float32)'],
    ['np.log(np.array([1., 4.]))', 'array([0.       , 1.3862944], dtype=float32)'],
    ['np.sqrt(np.array([4, 9]))', 'array([2., 3.], dtype=float32)'],
    ['np.abs(np.array([-1.5, 2]))', 'array([1.5, 2. ], dtype=float32)'],
    ['np.round(np.array([0.5, 1.5, 2.675]), 0)', 'array([0., 2., 3.], dtype=float32)'],
    ['np.round(np.array([1.23456, -0.98765]), 2)', 'array([ 1.23, -0.99], dtype=float32)'],
    ['np.where(v > 15, v, 0)', 'array([ 0, 20, 30], dtype=int32)'],
    ['np.clip(v, 15, 25)', 'array([15, 20, 25], dtype=int32)'],
    ['np.float32(np.pi)', 'array(3.1415927, dtype=float32)'],
    ['M.astype(np.int32)', 'array([[1, 2, 3],\n       [4, 5, 6]], dtype=int32)'],
    ['np.array([1.7, -1.7, 255.9]).astype(np.uint8)', 'array([  1, 255, 255], dtype=uint8)'],
    ['v.astype(np.float32) / 3', 'array([ 3.3333333,  6.6666665, 10.       ], dtype=float32)'],
    ['np.allclose(M, M + 1e-6)', 'True'],
    ['np.allclose(M, M + 1e-3)', 'False'],
    ['np.allclose([1., 2.], np.array([1., 2.]))', 'True'],
    ['np.unique(np.array([3, 1, 3, 2]))', 'array([1, 2, 3], dtype=int32)'],
  ])('%s', (code, expected) => {
    expect(repr(code)).toBe(expected);
  });

  it.each([
    ['M.reshape(4, 2)', 'ValueError: cannot reshape array of size 6 into shape (4,2)'],
    ['M.sum(axis=2)', 'AxisError: axis 2 is out of bounds for array of dimension 2'],
    ['np.squeeze(M, axis=0)', 'ValueError: cannot select an axis to squeeze out which has size not equal to one'],
    [
      'np.concatenate([M, v], axis=0)',
      'ValueError: all the input arrays must have same number of dimensions, but the array at index 0 has 2 dimension(s) and the array at index 1 has 1 dimension(s)',
    ],
  ])('%s is refused with NumPy’s message', (code, message) => {
    expect(py.error(code)).toBe(message);
  });
});

describe('Python conversions', () => {
  beforeAll(() => py.run(SETUP));
  it.each([
    ['float(np.array([2.5]))', 2.5],
    ['int(np.array(7))', 7],
    ['np.array([[1.5]]).item()', 1.5],
    [
      'M.tolist()',
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ],
    ['np.array([0.1]).item()', 0.10000000149011612],
    [
      '[row.tolist() for row in M]',
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ],
    ['len(M)', 2],
    ['[10, 20, 30, 40][np.argmax(v)]', 30],
    ['f"{np.mean(M):.2f}"', '3.50'],
    ['bool(np.array([True]))', true],
    ['20 in v', true],
    ['isinstance(np.ones(2), np.ndarray)', true],
    ['(M.dtype == np.float32, M.dtype == "float32", v.dtype == np.float32)', [true, true, false]],
  ])('%s', (code, expected) => {
    expect(py.run(code)).toEqual(expected);
  });

  test('a truth value of many elements is ambiguous, as in NumPy', () => {
    expect(py.error('bool(v)')).toBe('ValueError: The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()');
  });
});

describe('printing', () => {
  test('repr and str of a small float array, as NumPy writes them', () => {
    py.run('A = np.array([[0.1, 1/3], [-2, 100]])');
    expect(repr('A')).toBe('array([[  0.1       ,   0.33333334],\n       [ -2.        , 100.        ]], dtype=float32)');
    expect(py.text('A')).toBe('[[  0.1          0.33333334]\n [ -2.         100.        ]]');
  });

  test('an int array pads every column to the widest value', () => {
    expect(repr('np.array([[1, -20], [300, 4]])')).toBe('array([[  1, -20],\n       [300,   4]], dtype=int32)');
    expect(py.text('np.array([[1, -20], [300, 4]])')).toBe('[[  1 -20]\n [300   4]]');
  });

  test('scientific notation when the values span more than 1e3', () => {
    expect(repr('np.array([1e-5, 1.5])')).toBe('array([1.0e-05, 1.5e+00], dtype=float32)');
  });

  test('a big array is cut to its first and last three entries per axis, with its shape', () => {
    expect(repr('np.arange(2000.)')).toBe(
      'array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,\n       1.999e+03], shape=(2000,), dtype=float32)',
    );
    expect(py.text('np.arange(1200).reshape(40, 30)')).toBe(
      [
        '[[   0    1    2 ...   27   28   29]',
        ' [  30   31   32 ...   57   58   59]',
        ' [  60   61   62 ...   87   88   89]',
        ' ...',
        ' [1110 1111 1112 ... 1137 1138 1139]',
        ' [1140 1141 1142 ... 1167 1168 1169]',
        ' [1170 1171 1172 ... 1197 1198 1199]]',
      ].join('\n'),
    );
  });

  test('a 0-d array prints as its value; a long row wraps at 75 characters', () => {
    expect(py.text('np.mean(np.array([1., 2.]))')).toBe('1.5');
    expect(py.text('np.arange(30)')).toBe('[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n 24 25 26 27 28 29]');
  });

  test('set_printoptions(precision=) is honoured and other options are accepted', () => {
    py.run('np.set_printoptions(precision=3, floatmode="maxprec", sign="-")');
    try {
      expect(repr('np.array([1/3, 2.])')).toBe('array([0.333, 2.   ], dtype=float32)');
    } finally {
      py.run('np.set_printoptions(precision=8)');
    }
  });

  test('_course_display gives the notebook its shape, dtype and text', () => {
    expect(py.run('np.array([[1, 2, 3], [4, 5, 6]])._course_display()')).toEqual({
      kind: 'tensor',
      shape: '(2, 3)',
      dtype: 'int32',
      text: '[[1 2 3]\n [4 5 6]]',
    });
  });
});

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

describe('the assignment’s cells', () => {
  test('its test-cell input, normalisation, one-hot labels and printed means run as written', () => {
    py.printed();
    py.run(`
np.random.seed(1)
X1 = np.ones((1, 4, 4, 3)) * -1
X2 = np.ones((1, 4, 4, 3)) * 1
X3 = np.ones((1, 4, 4, 3)) * 3
X = np.concatenate((X1, X2, X3), axis = 0).astype(np.float32)
print(np.around(X[:,(0,-1),:,:].mean(axis = 3), 5))

def convert_to_one_hot(Y, C):
    Y = np.eye(C)[Y.reshape(-1)].T
    return Y

Y_train_orig = np.array([[0, 2, 1]])
X_train_orig = np.full((3, 2, 2, 3), 255, dtype=np.uint8)
X_train = X_train_orig/255.
Y_train = convert_to_one_hot(Y_train_orig, 3).T
print ("number of training examples = " + str(X_train.shape[0]))
print ("X_train shape: " + str(X_train.shape))
print ("Y_train shape: " + str(Y_train.shape))
print(Y_train)
print(float(X_train.max()))`);
    expect(py.printed()).toEqual([
      '[[[-1. -1. -1. -1.]',
      '  [-1. -1. -1. -1.]]',
      '',
      ' [[ 1.  1.  1.  1.]',
      '  [ 1.  1.  1.  1.]]',
      '',
      ' [[ 3.  3.  3.  3.]',
      '  [ 3.  3.  3.  3.]]]',
      'number of training examples = 3',
      'X_train shape: (3, 2, 2, 3)',
      'Y_train shape: (3, 3)',
      '[[1. 0. 0.]',
      ' [0. 0. 1.]',
      ' [0. 1. 0.]]',
      '1.0',
    ]);
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
      const keras = await loadKeras({ indexURL: INDEX_URL, tf });
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

/**
 * The course's small numpy (src/lib/keras/python/numpy/ over src/lib/keras/numpy-bridge.ts),
 * run in Pyodide on TF.js's CPU backend: values checked by hand, text as NumPy 2 prints it.
 * This file: making arrays, arithmetic, comparisons and indexing. Shapes, reductions and
 * conversions are in numpy-functions.test.ts, printing in numpy-printing.test.ts, and np.random,
 * the refusals and TF.js interop in numpy-runtime.test.ts.
 */
import { beforeAll, describe, expect, it, test } from 'vitest';
import { LOAD_TIMEOUT } from './keras-helpers';
import { loadNumpy, SETUP, type NumpyPython } from './numpy-helpers';

let py: NumpyPython;
beforeAll(async () => {
  py = await loadNumpy();
}, LOAD_TIMEOUT);

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
    expect(py.repr(code)).toBe(expected);
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
    expect(py.repr(code)).toBe(expected);
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
    expect(py.repr(code)).toBe(expected);
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
    expect(py.repr(code)).toBe(expected);
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
    expect(py.repr('Z')).toBe('array([[-1.,  5.,  7.],\n       [-1., -1.,  8.]], dtype=float32)');
    expect(py.repr('W')).toBe('array([0., 0., 0.], dtype=float32)');
    expect(py.error('Z[Z > 0] = np.ones(3)')).toMatch(
      /^NotInCourseError: not in this course's numpy: assigning an array through a boolean mask — write X = np.where/,
    );
  });
});

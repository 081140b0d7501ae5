/**
 * The course's small numpy: its functions on shapes, its reductions and elementwise maths, and
 * how arrays convert to Python's own values (float, int, bool, lists, format strings).
 */
import { beforeAll, describe, expect, it, test } from 'vitest';
import { LOAD_TIMEOUT } from './keras-helpers';
import { loadNumpy, SETUP, type NumpyPython } from './numpy-helpers';

let py: NumpyPython;
beforeAll(async () => {
  py = await loadNumpy();
}, LOAD_TIMEOUT);

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
    expect(py.repr(code)).toBe(expected);
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

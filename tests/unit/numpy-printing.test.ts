/**
 * The course's small numpy prints as NumPy 2 does: repr and str of arrays small and large, print
 * options, the notebook's display, and the assignment's cells with what they print.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { LOAD_TIMEOUT } from './keras-helpers';
import { loadNumpy, type NumpyPython } from './numpy-helpers';

let py: NumpyPython;
beforeAll(async () => {
  py = await loadNumpy();
}, LOAD_TIMEOUT);

describe('printing', () => {
  test('repr and str of a small float array, as NumPy writes them', () => {
    py.run('A = np.array([[0.1, 1/3], [-2, 100]])');
    expect(py.repr('A')).toBe('array([[  0.1       ,   0.33333334],\n       [ -2.        , 100.        ]], dtype=float32)');
    expect(py.text('A')).toBe('[[  0.1          0.33333334]\n [ -2.         100.        ]]');
  });

  test('an int array pads every column to the widest value', () => {
    expect(py.repr('np.array([[1, -20], [300, 4]])')).toBe('array([[  1, -20],\n       [300,   4]], dtype=int32)');
    expect(py.text('np.array([[1, -20], [300, 4]])')).toBe('[[  1 -20]\n [300   4]]');
  });

  test('scientific notation when the values span more than 1e3', () => {
    expect(py.repr('np.array([1e-5, 1.5])')).toBe('array([1.0e-05, 1.5e+00], dtype=float32)');
  });

  test('a big array is cut to its first and last three entries per axis, with its shape', () => {
    expect(py.repr('np.arange(2000.)')).toBe(
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
      expect(py.repr('np.array([1/3, 2.])')).toBe('array([0.333, 2.   ], dtype=float32)');
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

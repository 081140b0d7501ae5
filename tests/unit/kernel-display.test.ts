import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { displayOf, inspect, kerasShape, MAX_TEXT_CHARS, tensorText } from '../../src/lib/kernel/display';

let before = 0;
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  // Showing a value never leaves a tensor behind.
  expect(tf.memory().numTensors).toBe(before);
});

test.each<[readonly (number | null)[], string]>([
  [[2, 3], '(2, 3)'],
  [[null, 15, 15, 256], '(None, 15, 15, 256)'],
  [[3], '(3,)'],
  [[], '()'],
])('kerasShape(%j) is %s', (shape, text) => {
  expect(kerasShape(shape)).toBe(text);
});

describe('a tensor shows its shape, dtype and values, as NumPy writes them', () => {
  // Each expected text is NumPy's for the same array: np.array2string(a, separator=', ').
  test.each<[string, () => tf.Tensor, string, string, string]>([
    [
      'a float matrix of whole numbers',
      () =>
        tf.tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      '(2, 3)',
      'float32',
      '[[1., 2., 3.],\n [4., 5., 6.]]',
    ],
    ['floats aligned on the point', () => tf.tensor([0.1, 0.25, -1]), '(3,)', 'float32', '[ 0.1 ,  0.25, -1.  ]'],
    ['integers right-aligned', () => tf.tensor([1, 20, 300], [3], 'int32'), '(3,)', 'int32', '[  1,  20, 300]'],
    ['a scalar', () => tf.scalar(0.5), '()', 'float32', '0.5'],
    ['small and large values in scientific notation', () => tf.tensor([1e-5, 1]), '(2,)', 'float32', '[1.e-05, 1.e+00]'],
    ['nan and infinities', () => tf.tensor([NaN, Infinity, -Infinity, 1.5]), '(4,)', 'float32', '[ nan,  inf, -inf,  1.5]'],
    ['booleans', () => tf.tensor([true, false], [2], 'bool'), '(2,)', 'bool', '[ true, false]'],
    ['a 3-D tensor, blocks apart', () => tf.range(0, 8).reshape([2, 2, 2]), '(2, 2, 2)', 'float32', '[[[0., 1.],\n  [2., 3.]],\n\n [[4., 5.],\n  [6., 7.]]]'],
    [
      'a long float vector, in scientific notation for its wide range',
      () => tf.range(0, 2000),
      '(2000,)',
      'float32',
      '[0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03, 1.999e+03]',
    ],
    ['a long vector, abbreviated', () => tf.range(0, 2000, 1, 'int32'), '(2000,)', 'int32', '[   0,    1,    2, ..., 1997, 1998, 1999]'],
    [
      'a large matrix, abbreviated along both axes',
      () => tf.range(0, 10000, 1, 'int32').reshape([100, 100]),
      '(100, 100)',
      'int32',
      [
        '[[   0,    1,    2, ...,   97,   98,   99],',
        ' [ 100,  101,  102, ...,  197,  198,  199],',
        ' [ 200,  201,  202, ...,  297,  298,  299],',
        ' ...,',
        ' [9700, 9701, 9702, ..., 9797, 9798, 9799],',
        ' [9800, 9801, 9802, ..., 9897, 9898, 9899],',
        ' [9900, 9901, 9902, ..., 9997, 9998, 9999]]',
      ].join('\n'),
    ],
    [
      'a row wider than a line, wrapped at 75 columns',
      () => tf.range(0, 20),
      '(20,)',
      'float32',
      '[ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13., 14.,\n 15., 16., 17., 18., 19.]',
    ],
  ])('%s', (_, make, shape, dtype, text) => {
    const t = tf.tidy(make);
    expect(displayOf(t, tf)).toEqual({ kind: 'tensor', shape, dtype, text });
    t.dispose();
  });

  test('a tensor of 100,000 values shows about a thousand of them', () => {
    const t = tf.zeros([10, 10, 10, 10, 10]);
    const text = tensorText(t);
    t.dispose();
    const values = text.match(/0\./g)?.length ?? 0;
    expect(values).toBe(4 ** 5); // two from each end of five axes
    expect(text.length).toBeLessThan(12_000);
  });

  test('a disposed tensor says so, without reading its data', () => {
    const t = tf.ones([2]);
    t.dispose();
    expect(displayOf(t, tf)).toEqual({ kind: 'text', text: '<Tensor shape=(2,) dtype=float32 disposed>' });
  });
});

test('a model shows its summary, as model.summary() prints it', () => {
  const model = tf.sequential({ name: 'tiny', layers: [tf.layers.dense({ units: 2, inputShape: [3], name: 'fc' })] });
  const shown = displayOf(model, tf);
  model.dispose();
  expect(shown?.kind).toBe('model');
  if (shown?.kind !== 'model') return;
  expect(shown.name).toBe('tiny');
  expect(shown.lines).toContain('Total params: 8'); // 3 × 2 weights and 2 biases
  expect(shown.lines.some((line) => /^fc \(Dense\)\s+\[\[null,3\]\]\s+\[null,2\]\s+8\s*$/.test(line))).toBe(true);
});

describe('other values are written out as Node inspects them', () => {
  class Point {
    x = 1;
    y = 2;
  }
  const cycle: Record<string, unknown> = { name: 'o' };
  cycle.self = cycle;
  test.each<[string, unknown, string]>([
    ['a string, quoted', 'hi', "'hi'"],
    ['a string with a quote and a newline', "it's\nfine", "'it\\'s\\nfine'"],
    ['a number', -0, '-0'],
    ['null', null, 'null'],
    ['a bigint', 10n, '10n'],
    ['an array', [1, 'a', true], "[ 1, 'a', true ]"],
    ['nesting past depth 2', [1, [2, [3, [4, [5]]]]], '[ 1, [ 2, [ 3, [Array] ] ] ]'],
    ['an object, with a key that needs quotes', { a: 1, 'b-c': 'x', nested: { d: null } }, "{ a: 1, 'b-c': 'x', nested: { d: null } }"],
    ['a cycle', cycle, "{ name: 'o', self: [Circular] }"],
    ['a class instance', new Point(), 'Point { x: 1, y: 2 }'],
    ['an empty object and array', [{}, []], '[ {}, [] ]'],
    ['a Map', new Map([['a', 1]]), "Map(1) { 'a' => 1 }"],
    ['a Set', new Set([1, 2]), 'Set(2) { 1, 2 }'],
    ['a typed array', new Float32Array([0.5, 2]), 'Float32Array(2) [ 0.5, 2 ]'],
    ['an error', new RangeError('too big'), '[RangeError: too big]'],
    ['a named function', function double() {}, '[Function: double]'],
    ['an anonymous arrow', [() => 1], '[ [Function (anonymous)] ]'],
    ['a class', Point, '[class Point]'],
    ['an async function', async function load() {}, '[AsyncFunction: load]'],
    [
      'an object over one line, one entry a line',
      { first: 'a'.repeat(30), second: 'b'.repeat(30) },
      `{\n  first: '${'a'.repeat(30)}',\n  second: '${'b'.repeat(30)}'\n}`,
    ],
  ])('%s', (_, value, text) => {
    expect(displayOf(value, tf)).toEqual({ kind: 'text', text });
  });

  test('a Promise says to await it', () => {
    expect(displayOf(Promise.resolve(1), tf)).toEqual({ kind: 'text', text: 'Promise (add await to see its value)' });
  });

  test('undefined shows nothing', () => {
    expect(displayOf(undefined, tf)).toBeUndefined();
  });

  test('a long array: its first hundred items, filling lines, and a count of the rest', () => {
    const text = inspect(Array.from({ length: 150 }, (_, i) => i));
    const lines = text.split('\n');
    expect(lines[0]).toBe('[');
    expect(lines[1]).toBe('  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,'); // 75 columns
    expect(lines.at(-2)).toBe('  93, 94, 95, 96, 97, 98, 99, ... 50 more items');
    expect(lines.at(-1)).toBe(']');
  });

  test('a huge value is cut at MAX_TEXT_CHARS, with a count of the rest', () => {
    const big = Array.from({ length: 1000 }, () => Array.from({ length: 100 }, () => 'x'.repeat(50)));
    const text = inspect(big);
    expect(text.length).toBeLessThan(MAX_TEXT_CHARS + 40);
    expect(text).toMatch(/… \(\d+ more characters\)$/);
  });

  test('tensors, symbolic tensors and layers inside a value are named, not dumped', () => {
    const t = tf.tensor([1, 2]);
    const input = tf.input({ shape: [4], name: 'pixels' });
    const layer = tf.layers.dense({ units: 3, name: 'fc1' });
    const text = inspect({ t, input, layer }, tf);
    t.dispose();
    expect(text).toBe(
      '{\n  t: <Tensor shape=(2,) dtype=float32>,\n  input: <SymbolicTensor shape=(None, 4) dtype=float32 name=pixels>,\n  layer: <Dense name=fc1>\n}',
    );
  });
});

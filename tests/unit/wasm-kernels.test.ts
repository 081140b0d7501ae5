import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from '../../src/lib/engine/wasm/wasm-kernels';
import { maxAbsDiff, seededFloats } from './helpers';

// Our kernels are checked against TF.js's CPU backend, the reference the
// rest of the unit tests already trust. In Node the WASM backend loads its
// .wasm binary from node_modules by itself.

type Backend = 'cpu' | 'wasm';
type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

const TOL = 1e-4;

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Runs `work` on a backend and returns copies of its outputs' values. */
async function on(backend: Backend, work: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(work);
  const list = Array.isArray(outs) ? outs : [outs];
  const values = list.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(list);
  return values;
}

/** Same work on both backends; every output must agree within TOL. */
async function expectSameOnBoth(work: () => tf.Tensor | tf.Tensor[]): Promise<void> {
  const wasm = await on('wasm', work);
  const cpu = await on('cpu', work);
  expect(wasm).toHaveLength(cpu.length);
  for (const [i, w] of wasm.entries()) {
    expect(maxAbsDiff(w, cpu[i]!), `output ${i}`).toBeLessThanOrEqual(TOL);
  }
}

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('registerWasmTrainingKernels', () => {
  test('registers our kernels for wasm, and a second call changes nothing', () => {
    for (const name of WASM_TRAINING_KERNELS) expect(tf.getKernel(name, 'wasm')).toBeDefined();
    const funcs = WASM_TRAINING_KERNELS.map((name) => tf.getKernel(name, 'wasm').kernelFunc);
    expect(registerWasmTrainingKernels()).toEqual([]);
    expect(WASM_TRAINING_KERNELS.map((name) => tf.getKernel(name, 'wasm').kernelFunc)).toEqual(funcs);
    expect([...WASM_TRAINING_KERNELS].sort()).toEqual(
      ['AvgPoolGrad', 'Cast', 'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'Identity', 'MaxPoolGrad', 'Mean', 'Sum', 'Tile'].sort(),
    );
  });
});

// Input sizes: one odd and one even (H ≠ W), so 'same' padding is asymmetric
// on some axis. Channel counts: one, few, and more out than in.
const SIZES: [number, number][] = [
  [7, 8],
  [10, 9],
];
const CHANNELS: [number, number][] = [
  [1, 4],
  [3, 5],
  [8, 16],
];
const CONV_CASES = [1, 2, 3, 5, 7].flatMap((k) =>
  [1, 2].flatMap((stride) =>
    (['same', 'valid'] as const).flatMap((pad) =>
      SIZES.flatMap(([h, w]) => CHANNELS.map(([ci, co]) => ({ k, stride, pad: pad as Pad, h, w, ci, co, batch: 2 }))),
    ),
  ),
);
// TF.js also lets a conv pad by a number or explicitly per side.
const ODD_PAD_CASES = [
  { k: 3, stride: 2, pad: 1 as Pad, h: 9, w: 8, ci: 2, co: 3, batch: 2 },
  {
    k: 3,
    stride: 1,
    pad: [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ] as Pad,
    h: 6,
    w: 7,
    ci: 3,
    co: 2,
    batch: 2,
  },
  {
    k: 1,
    stride: 1,
    pad: [
      [0, 0],
      [1, 0],
      [0, 1],
      [0, 0],
    ] as Pad,
    h: 5,
    w: 4,
    ci: 3,
    co: 2,
    batch: 2,
  },
];
// Each route of the kernels (see wasm-conv-grads.ts) with the shapes our ResNets give them.
const ROUTE_CASES: { k: number; stride: number; pad: Pad; h: number; w: number; ci: number; co: number; batch: number }[] = [
  // 1×1: more channels in than out, and fewer, plain and strided.
  { k: 1, stride: 1, pad: 'valid', h: 6, w: 5, ci: 16, co: 4, batch: 3 },
  { k: 1, stride: 2, pad: 'valid', h: 9, w: 7, ci: 12, co: 5, batch: 2 },
  { k: 1, stride: 2, pad: 'valid', h: 9, w: 7, ci: 5, co: 12, batch: 2 },
  // Pixels a multiple of 512 and over 16 channels: the matrix transpose's other route.
  { k: 1, stride: 1, pad: 'valid', h: 16, w: 16, ci: 4, co: 20, batch: 2 },
  { k: 1, stride: 1, pad: 'valid', h: 16, w: 16, ci: 20, co: 4, batch: 2 },
  // Batch 1.
  { k: 1, stride: 1, pad: 'valid', h: 5, w: 6, ci: 4, co: 3, batch: 1 },
  { k: 3, stride: 1, pad: 'same', h: 5, w: 6, ci: 4, co: 3, batch: 1 },
  { k: 3, stride: 2, pad: 'valid', h: 7, w: 6, ci: 2, co: 3, batch: 1 },
  // Many channels, odd sizes.
  { k: 3, stride: 1, pad: 'same', h: 7, w: 5, ci: 32, co: 24, batch: 2 },
  { k: 3, stride: 1, pad: 'valid', h: 9, w: 11, ci: 24, co: 32, batch: 3 },
  { k: 3, stride: 2, pad: 'same', h: 11, w: 9, ci: 16, co: 8, batch: 2 },
  { k: 1, stride: 1, pad: 'valid', h: 7, w: 7, ci: 128, co: 32, batch: 2 },
  // A layer of the Small preset, at a smaller batch.
  { k: 3, stride: 1, pad: 'same', h: 14, w: 14, ci: 16, co: 16, batch: 4 },
  // The SIMD filter gradient (channels in fours): tiles of 8 and of 4 output channels, both in
  // one layer (12), strides with and without padding, a row shorter than the filter's reach.
  { k: 3, stride: 2, pad: 'same', h: 8, w: 7, ci: 4, co: 12, batch: 2 },
  { k: 1, stride: 2, pad: 'valid', h: 7, w: 9, ci: 8, co: 4, batch: 3 },
  { k: 3, stride: 2, pad: 'valid', h: 9, w: 8, ci: 12, co: 8, batch: 1 },
  { k: 3, stride: 1, pad: 'same', h: 1, w: 2, ci: 4, co: 4, batch: 2 },
];

describe.each(CONV_CASES.concat(ODD_PAD_CASES, ROUTE_CASES).map((c, i) => ({ ...c, seed: 1000 + i })))(
  'conv2d $k×$k stride $stride pad $pad on $batch×$h×$w, $ci→$co channels',
  ({ k, stride, pad, h, w, ci, co, batch, seed }) => {
    const rand = seededFloats(seed);
    const xShape = [batch, h, w, ci];
    const fShape: [number, number, number, number] = [k, k, ci, co];
    const xs = rand(size(xShape));
    const fs = rand(size(fShape));
    const outShape = (() => {
      const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], fShape, stride, 1, pad);
      return info.outShape;
    })();
    const r = rand(size(outShape));

    test('Conv2DBackpropFilter kernel matches the CPU backend', async () => {
      await expectSameOnBoth(
        () =>
          tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(xs, xShape as [number, number, number, number]), dy: tf.tensor(r, outShape) }, {
            strides: stride,
            pad,
            dataFormat: 'NHWC',
            filterShape: fShape,
          } as unknown as tf.NamedAttrMap) as tf.Tensor,
      );
    });

    test('Conv2DBackpropInput kernel matches the CPU backend', async () => {
      await expectSameOnBoth(
        () =>
          tf.engine().runKernel('Conv2DBackpropInput', { dy: tf.tensor(r, outShape), filter: tf.tensor4d(fs, fShape) }, {
            strides: stride,
            pad,
            dataFormat: 'NHWC',
            inputShape: xShape,
          } as unknown as tf.NamedAttrMap) as tf.Tensor,
      );
    });

    test('gradients of conv2d with respect to input and filter match the CPU backend', async () => {
      await expectSameOnBoth(() => {
        const x = tf.tensor(xs, xShape);
        const f = tf.tensor(fs, fShape);
        const dyWeights = tf.tensor(r, outShape);
        const loss = (a: tf.Tensor, b: tf.Tensor) =>
          tf
            .conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad as 'same')
            .mul(dyWeights)
            .sum();
        const [dx, df] = tf.grads(loss)([x, f]);
        return [tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, stride, pad as 'same'), dx!, df!];
      });
    });
  },
);

const POOL_CASES = [1, 2, 3].flatMap((k) =>
  [1, 2].flatMap((stride) =>
    (['same', 'valid'] as const).flatMap((pad) =>
      [
        [5, 6],
        [8, 7],
      ].flatMap(([h, w]) => [1, 3, 8].map((c) => ({ k, stride, pad, h: h!, w: w!, c }))),
    ),
  ),
);

// Three kinds of input: signed values; ReLU outputs, full of exact-zero ties;
// and all negatives, which TF.js 4.22's own WASM MaxPoolGrad gets wrong.
const INPUTS = {
  signed: (v: Float32Array) => v,
  relu: (v: Float32Array) => v.map((a) => Math.max(0, a)),
  negative: (v: Float32Array) => v.map((a) => -Math.abs(a) - 0.01),
};

describe.each(POOL_CASES.map((c, i) => ({ ...c, seed: 5000 + i })))('pool $k×$k stride $stride pad $pad on $h×$w×$c', ({ k, stride, pad, h, w, c, seed }) => {
  const rand = seededFloats(seed);
  const xShape: [number, number, number, number] = [2, h, w, c];
  const raw = rand(size(xShape));
  const outShape = tf.backend_util.computePool2DInfo(xShape, k, stride, 1, pad).outShape;
  const r = rand(size(outShape));

  test.each(Object.keys(INPUTS) as (keyof typeof INPUTS)[])('MaxPoolGrad kernel matches the CPU backend (%s input)', async (kind) => {
    const xs = INPUTS[kind](raw);
    await expectSameOnBoth(() => {
      const x = tf.tensor4d(xs, xShape);
      return tf.engine().runKernel('MaxPoolGrad', { dy: tf.tensor(r, outShape), input: x, output: tf.maxPool(x, k, stride, pad) }, {
        filterSize: k,
        strides: stride,
        pad,
      } as unknown as tf.NamedAttrMap) as tf.Tensor;
    });
  });

  test.each(['max', 'avg'] as const)('gradient of %sPool matches the CPU backend', async (kind) => {
    await expectSameOnBoth(() => {
      const x = tf.tensor4d(raw, xShape);
      const dyWeights = tf.tensor(r, outShape);
      const pool = (a: tf.Tensor) => (kind === 'max' ? tf.maxPool(a as tf.Tensor4D, k, stride, pad) : tf.avgPool(a as tf.Tensor4D, k, stride, pad));
      const dx = tf.grad((a: tf.Tensor) => pool(a).mul(dyWeights).sum())(x);
      return [pool(x), dx];
    });
  });
});

test('MaxPoolGrad routes the gradient of non-positive windows (TF.js 4.22 WASM does not)', async () => {
  const [dx] = await on('wasm', () => {
    const x = tf.tensor4d([-5, -1, -7, -3, 2, -8, 0, 4], [1, 2, 4, 1]);
    return tf.grad((a: tf.Tensor) =>
      tf
        .maxPool(a as tf.Tensor4D, 1, 1, 'valid')
        .mul(tf.range(1, 9).reshape([1, 2, 4, 1]))
        .sum(),
    )(x);
  });
  expect(Array.from(dx!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
});

describe('Tile', () => {
  const cases: { shape: number[]; reps: number[]; dtype: 'float32' | 'int32' | 'bool' }[] = [
    { shape: [1, 1, 1, 5], reps: [2, 3, 4, 1], dtype: 'float32' }, // BatchNorm's gradient
    { shape: [2, 3, 1, 2], reps: [1, 2, 3, 2], dtype: 'float32' },
    { shape: [2, 3], reps: [3, 2], dtype: 'int32' },
    { shape: [4], reps: [3], dtype: 'bool' },
    { shape: [2, 1, 3], reps: [1, 4, 1], dtype: 'float32' },
    { shape: [3, 2], reps: [1, 1], dtype: 'float32' },
    { shape: [], reps: [], dtype: 'float32' },
    { shape: [0, 3], reps: [2, 2], dtype: 'float32' },
    { shape: [2, 2], reps: [0, 3], dtype: 'int32' },
  ];
  test.each(cases)('tiles $dtype $shape by $reps as the CPU backend does', async ({ shape, reps, dtype }) => {
    const values = Array.from(seededFloats(7)(size(shape), -5, 5), (v) => (dtype === 'float32' ? v : Math.round(v)));
    await expectSameOnBoth(() => tf.tile(tf.tensor(values, shape, dtype), reps).cast('float32'));
  });
});

describe('Sum and Mean', () => {
  const cases: { shape: number[]; axis: number | number[] | null; keepDims: boolean; dtype: 'float32' | 'int32' }[] = [
    { shape: [4, 5, 6, 7], axis: [0, 1, 2], keepDims: false, dtype: 'float32' }, // BatchNorm
    { shape: [4, 5, 6, 7], axis: [2, 0, 1], keepDims: true, dtype: 'float32' },
    { shape: [9, 3], axis: 0, keepDims: false, dtype: 'float32' }, // a bias gradient
    { shape: [3, 4, 5], axis: null, keepDims: false, dtype: 'float32' },
    { shape: [3, 4, 5], axis: [0, 1, 2], keepDims: true, dtype: 'float32' },
    { shape: [4, 5, 6, 7], axis: [1, 2], keepDims: false, dtype: 'float32' }, // not leading: the backend's
    { shape: [4, 5, 6], axis: -1, keepDims: true, dtype: 'float32' },
    { shape: [6, 5], axis: 0, keepDims: false, dtype: 'int32' },
    { shape: [0, 4], axis: 0, keepDims: false, dtype: 'float32' },
  ];
  test.each(cases)('sum and mean of $dtype $shape over $axis (keepDims $keepDims) match the CPU backend', async (c) => {
    const values = Array.from(seededFloats(11)(size(c.shape), -5, 5), (v) => (c.dtype === 'float32' ? v : Math.round(v)));
    const axis = c.axis ?? undefined;
    await expectSameOnBoth(() => {
      const x = tf.tensor(values, c.shape, c.dtype);
      const s = tf.sum(x, axis, c.keepDims);
      const m = tf.mean(x, axis, c.keepDims);
      return [s.cast('float32'), m, tf.tensor(s.shape), tf.tensor(m.shape)];
    });
  });
});

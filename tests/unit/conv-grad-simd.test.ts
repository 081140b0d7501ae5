import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allowConvGradSimd, convGradSimd, convInputGradSimd } from '../../src/lib/engine/wasm/conv-grad-simd';
import { registerWasmTrainingKernels } from '../../src/lib/engine/wasm/wasm-kernels';
import { maxScaledDiff, seededFloats } from './helpers';

// The SIMD filter gradient (conv-grad-simd.wat) against the GEMM and convolution routes it
// replaced (XNNPACK), on the layers of the lab's presets at the lab's batch of 32: the shapes it
// meets in training, at full size. wasm-kernels.test.ts checks both against the CPU backend on
// small and odd shapes.

beforeAll(async () => {
  registerWasmTrainingKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterAll(async () => {
  allowConvGradSimd(true);
  await tf.setBackend('cpu');
});

const geometry = (ci: number, co: number) => ({
  batchSize: 1,
  inHeight: 4,
  inWidth: 4,
  inChannels: ci,
  outHeight: 4,
  outWidth: 4,
  outChannels: co,
  filterHeight: 1,
  filterWidth: 1,
  strideHeight: 1,
  strideWidth: 1,
  padTop: 0,
  padBottom: 0,
  padLeft: 0,
  padRight: 0,
});

test('the kernel binds to the WASM backend’s memory, for output channels in fours only', () => {
  expect(convGradSimd(tf.backend(), geometry(8, 4))).not.toBeNull();
  expect(convGradSimd(tf.backend(), geometry(1, 8))).not.toBeNull();
  expect(convGradSimd(tf.backend(), geometry(8, 6))).toBeNull();
  expect(convGradSimd(null, geometry(8, 8))).toBeNull();
  // The input gradient's: input channels in fours, or else output channels in fours.
  expect(convInputGradSimd(tf.backend(), geometry(4, 3))).not.toBeNull();
  expect(convInputGradSimd(tf.backend(), geometry(1, 8))).not.toBeNull();
  expect(convInputGradSimd(tf.backend(), geometry(1, 6))).toBeNull();
});

type Layer = { k: number; stride: number; pad: 'same' | 'valid'; h: number; ci: number; co: number };
const LAYERS: { what: string; layer: Layer }[] = [
  { what: 'Small, stage 1, 3×3', layer: { k: 3, stride: 1, pad: 'same', h: 28, ci: 8, co: 8 } },
  { what: 'Small, stage 1, 1×1 out', layer: { k: 1, stride: 1, pad: 'valid', h: 28, ci: 8, co: 32 } },
  { what: 'Small, stage 2, strided 1×1 in', layer: { k: 1, stride: 2, pad: 'valid', h: 28, ci: 32, co: 16 } },
  { what: 'Small, stage 3, 3×3', layer: { k: 3, stride: 1, pad: 'same', h: 7, ci: 32, co: 32 } },
  { what: 'Tiny, stage 1, 3×3', layer: { k: 3, stride: 1, pad: 'same', h: 14, ci: 4, co: 4 } },
  { what: 'Small, the stem (one input channel)', layer: { k: 3, stride: 1, pad: 'same', h: 28, ci: 1, co: 16 } },
  { what: 'six input channels: a tile of four, then two of one', layer: { k: 3, stride: 2, pad: 'same', h: 9, ci: 6, co: 12 } },
];

/** Both gradients of one layer at batch 32, with the SIMD kernels on or off. */
function gradients({ k, stride, pad, h, ci, co }: Layer, simd: boolean): { dw: Float32Array; dx: Float32Array } {
  const rand = seededFloats(h * ci + co);
  const xShape: [number, number, number, number] = [32, h, h, ci];
  const filterShape: [number, number, number, number] = [k, k, ci, co];
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, stride, 1, pad);
  allowConvGradSimd(simd);
  return tf.tidy(() => {
    const x = tf.tensor4d(
      rand(
        xShape.reduce((a, b) => a * b),
        -1,
        1,
      ),
      xShape,
    );
    const filter = tf.tensor4d(rand(k * k * ci * co, -1, 1), filterShape);
    const dy = tf.tensor(
      rand(
        info.outShape.reduce((a, b) => a * b),
        -1,
        1,
      ),
      info.outShape,
    );
    const attrs = { strides: stride, pad, dataFormat: 'NHWC' };
    const run = (name: string, inputs: tf.NamedTensorMap, extra: object) =>
      (tf.engine().runKernel(name, inputs, { ...attrs, ...extra } as unknown as tf.NamedAttrMap) as tf.Tensor).dataSync() as Float32Array;
    return {
      dw: run(tf.Conv2DBackpropFilter, { x, dy }, { filterShape }),
      dx: run(tf.Conv2DBackpropInput, { dy, filter }, { inputShape: xShape }),
    };
  });
}

/** The largest difference, scaled to the largest value of `expected`. */
function scaledDiff(actual: Float32Array, expected: Float32Array): number {
  const largest = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return maxScaledDiff(
    actual.map((v) => v / largest),
    expected.map((v) => v / largest),
  );
}

describe.each(LAYERS)('$what: $layer', ({ layer }) => {
  test('SIMD gives the XNNPACK routes’ gradients within 1e-5', () => {
    const before = tf.memory().numTensors;
    const [fromSimd, fromGemm] = [gradients(layer, true), gradients(layer, false)];
    expect(tf.memory().numTensors).toBe(before);
    expect(fromGemm.dw.some((v) => Math.abs(v) > 1)).toBe(true);
    // Sums of up to 25,088 products in float32 in another order.
    expect(scaledDiff(fromSimd.dw, fromGemm.dw), 'dW').toBeLessThanOrEqual(1e-5);
    expect(scaledDiff(fromSimd.dx, fromGemm.dx), 'dx').toBeLessThanOrEqual(1e-5);
  });
});

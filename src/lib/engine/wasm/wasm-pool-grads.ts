/**
 * MaxPoolGrad for TF.js's WASM backend.
 *
 * TF.js 4.22 ships a WASM MaxPoolGrad, but it drops the gradient of any
 * window whose maximum is ≤ 0 (measured: a 1×1 pool over [-5, -1, -7, -3, 2,
 * -8, 0, 4] passes dy back only at -5, 2 and 4). So we replace it with this
 * one, which follows the CPU backend exactly: each output's gradient goes to
 * the first strictly largest input of its window, scanned row by row.
 */
import * as tf from '@tensorflow/tfjs';
import { attrsOf, requireInput, type KernelArgs } from '../kernel-args';
import { as4D, asHeapBackend, heapF32 } from './wasm-backend';

const NAME = tf.MaxPoolGrad;

export interface PoolGradGeometry {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
}

/** Writes dx (NHWC, shape of x) from x and dy (NHWC). */
export function maxPoolGradNHWC(x: Float32Array, dy: Float32Array, dx: Float32Array, g: PoolGradGeometry): void {
  const H = g.inHeight,
    W = g.inWidth,
    C = g.inChannels;
  const OH = g.outHeight,
    OW = g.outWidth;
  // Per channel: the best value so far and its flat index in x. Scanning a
  // whole pixel's channels at a time keeps the NHWC reads contiguous.
  const best = new Float64Array(C);
  const where = new Int32Array(C);

  dx.fill(0);
  for (let b = 0; b < g.batchSize; b++) {
    for (let oy = 0; oy < OH; oy++) {
      const iy0 = oy * g.strideHeight - g.padTop;
      const yLo = Math.max(0, iy0),
        yHi = Math.min(H, iy0 + g.filterHeight);
      for (let ox = 0; ox < OW; ox++) {
        const ix0 = ox * g.strideWidth - g.padLeft;
        const xLo = Math.max(0, ix0),
          xHi = Math.min(W, ix0 + g.filterWidth);
        best.fill(-Infinity);
        where.fill(-1);
        for (let iy = yLo; iy < yHi; iy++) {
          for (let ix = xLo; ix < xHi; ix++) {
            const off = ((b * H + iy) * W + ix) * C;
            for (let c = 0; c < C; c++) {
              const v = x[off + c]!;
              if (v > best[c]!) {
                best[c] = v;
                where[c] = off + c;
              }
            }
          }
        }
        const dyOff = ((b * OH + oy) * OW + ox) * C;
        for (let c = 0; c < C; c++) {
          const i = where[c]!;
          // -1 only when the window holds nothing but NaN or -Infinity; the
          // CPU backend then passes no gradient either.
          if (i >= 0) dx[i] = dx[i]! + dy[dyOff + c]!;
        }
      }
    }
  }
}

export function maxPoolGradWasm(args: KernelArgs): tf.TensorInfo {
  const backend = asHeapBackend(args.backend, NAME);
  const dy = requireInput(args.inputs, 'dy', NAME);
  const input = requireInput(args.inputs, 'input', NAME);
  const attrs = attrsOf<tf.MaxPoolGradAttrs>(args);
  // Pooling attrs carry no dilations; TF.js pools always use 1.
  const info = tf.backend_util.computePool2DInfo(as4D(input.shape), attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const expected = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (dy.shape.some((d, i) => d !== expected[i])) {
    throw new Error(`${NAME}: dy has shape [${dy.shape.join(', ')}], expected [${expected.join(', ')}].`);
  }

  const out = backend.makeOutput(input.shape, 'float32');
  maxPoolGradNHWC(heapF32(backend, input), heapF32(backend, dy), heapF32(backend, out), {
    ...info,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  });
  return out;
}

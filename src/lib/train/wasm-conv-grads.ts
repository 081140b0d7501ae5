/**
 * The two gradients of conv2d for TF.js's WASM backend, both as one GEMM on
 * XNNPACK plus a TypeScript gather or scatter (im2col / col2im).
 *
 * Conv2DBackpropFilter: TF.js 4.22's WASM backend has none, so no
 * convolutional network can train there.
 *   dW[kh, kw, ci, co] = Σ_{b, oy, ox} x[b, oy·sh + kh − padTop, ox·sw + kw − padLeft, ci] · dy[b, oy, ox, co]
 * i.e. dW (K × Co) = colsᵀ (K × P) · dy (P × Co), with K = kh·kw·Ci and
 * P = batch·outH·outW. We gather colsᵀ directly in that layout, because the
 * backend's GEMM is only fast without transposes.
 *
 * Conv2DBackpropInput: the backend's own is a naive loop, one of the slowest
 * kernels of a training step (measured 2–18× slower than this on our
 * ResNets' layers). Here
 * dcols (P × K) = dy (P × Co) · Wᵀ (Co × K), then each row of dcols is added
 * back onto the input pixels its receptive field covers.
 *
 * Pure loops over Float32Arrays aside from the GEMM: a plain-TypeScript GEMM
 * measured ~8× slower than XNNPACK's here.
 */
import * as tf from '@tensorflow/tfjs';
import {
  as4D,
  asHeapBackend,
  heapF32,
  requireInput,
  wasmMatMul,
  withShape,
  type KernelArgs,
} from './wasm-backend';

/** Convolution geometry, as TF.js's own `computeConv2DInfo` computes it. */
export interface ConvGeometry {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
}

/**
 * colsᵀ[(kh·KW + kw)·C + ci][p] = x at the pixel that filter tap (kh, kw)
 * sees for output position p, or 0 in the padding. x is NHWC.
 */
export function im2colTransposed(x: Float32Array, cols: Float32Array, g: ConvGeometry): void {
  const H = g.inHeight, W = g.inWidth, C = g.inChannels;
  const OH = g.outHeight, OW = g.outWidth;
  const P = g.batchSize * OH * OW;
  // One filter tap at a time, so only C rows of cols are being written at once.
  for (let kh = 0; kh < g.filterHeight; kh++) {
    for (let kw = 0; kw < g.filterWidth; kw++) {
      const rowBase = (kh * g.filterWidth + kw) * C * P;
      let p = 0;
      for (let b = 0; b < g.batchSize; b++) {
        for (let oy = 0; oy < OH; oy++) {
          const iy = oy * g.strideHeight - g.padTop + kh;
          const rowInside = iy >= 0 && iy < H;
          for (let ox = 0; ox < OW; ox++, p++) {
            const ix = ox * g.strideWidth - g.padLeft + kw;
            let d = rowBase + p;
            if (rowInside && ix >= 0 && ix < W) {
              const src = ((b * H + iy) * W + ix) * C;
              for (let c = 0; c < C; c++, d += P) cols[d] = x[src + c]!;
            } else {
              for (let c = 0; c < C; c++, d += P) cols[d] = 0;
            }
          }
        }
      }
    }
  }
}

/** dx (NHWC, zeroed here) += each row p of dcols (P × K) at the pixels its receptive field covers. */
export function col2imAdd(dcols: Float32Array, dx: Float32Array, g: ConvGeometry): void {
  const H = g.inHeight, W = g.inWidth, C = g.inChannels;
  const KW = g.filterWidth;
  const K = g.filterHeight * KW * C;
  dx.fill(0);
  let src = 0;
  for (let b = 0; b < g.batchSize; b++) {
    for (let oy = 0; oy < g.outHeight; oy++) {
      const iy0 = oy * g.strideHeight - g.padTop;
      for (let ox = 0; ox < g.outWidth; ox++, src += K) {
        const ix0 = ox * g.strideWidth - g.padLeft;
        for (let kh = 0; kh < g.filterHeight; kh++) {
          const iy = iy0 + kh;
          if (iy < 0 || iy >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const ix = ix0 + kw;
            if (ix < 0 || ix >= W) continue;
            const dst = ((b * H + iy) * W + ix) * C;
            const from = src + (kh * KW + kw) * C;
            for (let c = 0; c < C; c++) dx[dst + c] = dx[dst + c]! + dcols[from + c]!;
          }
        }
      }
    }
  }
}

function geometry(
  kernelName: string,
  xShape: number[],
  filterShape: number[],
  attrs: { strides: number | [number, number]; pad: tf.Conv2DBackpropFilterAttrs['pad']; dataFormat: string; dimRoundingMode?: 'floor' | 'round' | 'ceil' },
): { info: tf.backend_util.Conv2DInfo; g: ConvGeometry } {
  // tf.layers hands conv2d NHWC even for channelsFirst layers (it transposes).
  if (attrs.dataFormat === 'NCHW') throw new Error(`${kernelName}: only NHWC is supported on wasm.`);
  // The attrs carry no dilations: tfjs-core's conv2d gradient already refuses
  // dilation > 1, so the forward conv had dilation 1 whenever we get here.
  const dilations = (attrs as { dilations?: number | number[] }).dilations;
  if (dilations != null && [dilations].flat().some((d) => d !== 1)) {
    throw new Error(`${kernelName}: dilations other than 1 are not supported.`);
  }
  // computeConv2DInfo applies TF's asymmetric 'same' padding (top = floor(total / 2)),
  // numeric and explicit padding, and dimRoundingMode, exactly as the forward conv did.
  const info = tf.backend_util.computeConv2DInfo(
    as4D(xShape),
    as4D(filterShape),
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  return { info, g: { ...info, padTop: info.padInfo.top, padLeft: info.padInfo.left } };
}

function checkDy(kernelName: string, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo): void {
  const expected = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (dy.shape.some((d, i) => d !== expected[i])) {
    throw new Error(`${kernelName}: dy has shape [${dy.shape.join(', ')}], expected [${expected.join(', ')}].`);
  }
}

export function conv2DBackpropFilterWasm(args: KernelArgs): tf.TensorInfo {
  const name = tf.Conv2DBackpropFilter;
  const backend = asHeapBackend(args.backend, name);
  const x = requireInput(args.inputs, 'x', name);
  const dy = requireInput(args.inputs, 'dy', name);
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const { info, g } = geometry(name, x.shape, attrs.filterShape, attrs);
  checkDy(name, dy, info);

  const K = g.filterHeight * g.filterWidth * g.inChannels;
  const P = g.batchSize * g.outHeight * g.outWidth;
  const cols = backend.makeOutput([K, P], 'float32');
  im2colTransposed(heapF32(backend, x), heapF32(backend, cols), g);
  const dw = wasmMatMul(backend, cols, dy, K, P, g.outChannels);
  backend.disposeData(cols.dataId);
  return withShape(dw, info.filterShape);
}

/**
 * @param fallback the backend's own kernel, left to handle NCHW, which
 *   tf.layers never produces.
 */
export function makeConv2DBackpropInputWasm(fallback: tf.KernelFunc | undefined): (args: KernelArgs) => tf.TensorInfo {
  return (args) => {
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    if (attrs.dataFormat === 'NCHW' && fallback != null) {
      return fallback(args as unknown as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
    }
    return conv2DBackpropInputNHWC(args, attrs);
  };
}

function conv2DBackpropInputNHWC(args: KernelArgs, attrs: tf.Conv2DBackpropInputAttrs): tf.TensorInfo {
  const name = tf.Conv2DBackpropInput;
  const backend = asHeapBackend(args.backend, name);
  const dy = requireInput(args.inputs, 'dy', name);
  const filter = requireInput(args.inputs, 'filter', name);
  const { info, g } = geometry(name, attrs.inputShape, filter.shape, attrs);
  checkDy(name, dy, info);

  const K = g.filterHeight * g.filterWidth * g.inChannels;
  const P = g.batchSize * g.outHeight * g.outWidth;
  const CO = g.outChannels;
  // Wᵀ (Co × K) from the filter, whose [kh, kw, ci, co] layout is K × Co.
  const wT = backend.makeOutput([CO, K], 'float32');
  transpose(heapF32(backend, filter), heapF32(backend, wT), K, CO);
  const dcols = wasmMatMul(backend, dy, wT, P, CO, K);
  backend.disposeData(wT.dataId);

  const unpadded = g.padTop === 0 && g.padLeft === 0 && g.outHeight === g.inHeight && g.outWidth === g.inWidth;
  if (g.filterHeight === 1 && g.filterWidth === 1 && g.strideHeight === 1 && g.strideWidth === 1 && unpadded) {
    // A 1×1 stride-1 conv maps pixels one to one: dcols already is dx.
    return withShape(dcols, info.inShape);
  }
  const dx = backend.makeOutput(info.inShape, 'float32');
  col2imAdd(heapF32(backend, dcols), heapF32(backend, dx), g);
  backend.disposeData(dcols.dataId);
  return dx;
}

function transpose(src: Float32Array, dst: Float32Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0, s = r * cols; c < cols; c++, s++) dst[c * rows + r] = src[s]!;
  }
}

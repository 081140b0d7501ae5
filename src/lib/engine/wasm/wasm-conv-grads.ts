/**
 * The two gradients of conv2d for TF.js's WASM backend, built from the
 * backend's own XNNPACK kernels (Conv2D, BatchMatMul, Transpose) and, where
 * those cannot serve, a TypeScript gather or scatter (wasm-conv-layout.ts).
 * With P = batch·outH·outW pixels and K = kh·kw·Ci:
 *
 * Conv2DBackpropFilter, which TF.js 4.22's WASM backend lacks (so no
 * convolutional network could train there):
 *   dW[kh, kw, ci, co] = Σ_{b, oy, ox} x[b, oy·sh + kh − padTop, ox·sw + kw − padLeft, ci] · dy[b, oy, ox, co]
 * - output channels in fours, where the browser has SIMD: our own kernel (conv-grad-simd.wat), which
 *   reads x and dy where they lie; 2.5–5× faster than the routes below on our layers;
 * - 1×1 unpadded: dW (Ci × Co) = xᵀ · dy, one GEMM and a transpose
 *   (pointwiseFilterGrad);
 * - other stride-1 convs: the sum above is itself a forward convolution, of x
 *   with batch and channels swapped by the "filter" dy (filterGradAsConv);
 * - otherwise: dW (K × Co) = colsᵀ (K × P) · dy (P × Co), colsᵀ gathered.
 *
 * Conv2DBackpropInput, whose built-in is a naive loop (measured 2–18× slower
 * than the GEMM route below on our ResNets' layers):
 * - input channels in fours, where the browser has SIMD: our own kernel
 *   (conv-input-grad-simd.wat), dx gathered from dy where it lies;
 * - 1×1 unpadded, stride 1: dx (P × Ci) = dy · Wᵀ, one GEMM;
 * - other stride-1 convs: dx is the forward convolution of dy with the filter
 *   turned by 180° and its channels swapped, with no im2col at all;
 * - otherwise: dcols (P × K) = dy · Wᵀ, each row of dcols added back onto the
 *   input pixels its receptive field covers (col2im).
 * Convolutions run on the backend's own Conv2D (XNNPACK), with filters made
 * for the call and disposed after it, so nothing is cached across steps.
 *
 * The backend's BatchMatMul is only fast without transposes (with one it falls
 * back to a naive loop, measured 3–12× slower here), so every GEMM's operands
 * are laid out for it. A plain-TypeScript GEMM measured ~8× slower than XNNPACK.
 */
import * as tf from '@tensorflow/tfjs';
import { attrsOf, requireInput, type KernelArgs } from '../kernel-args';
import {
  as4D,
  asHeapBackend,
  heapF32,
  wasmConv2D,
  wasmMatMul,
  wasmTranspose,
  wasmTransposeMatrix,
  withShape,
  type SpatialPadding,
  type WasmHeapBackend,
} from './wasm-backend';
import { convGradSimd, convInputGradSimd, filterGradSimd, inputGradSimd, swappedFilterShape } from './conv-grad-simd';
import { col2imAdd, flipFilter, im2colTransposed, subsample, transpose2D, type ConvGeometry } from './wasm-conv-layout';

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
  const info = tf.backend_util.computeConv2DInfo(as4D(xShape), as4D(filterShape), attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const { top, bottom, left, right } = info.padInfo;
  return { info, g: { ...info, padTop: top, padBottom: bottom, padLeft: left, padRight: right } };
}

function checkDy(kernelName: string, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo): void {
  const expected = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (dy.shape.some((d, i) => d !== expected[i])) {
    throw new Error(`${kernelName}: dy has shape [${dy.shape.join(', ')}], expected [${expected.join(', ')}].`);
  }
}

const isPointwise = (g: ConvGeometry) =>
  g.filterHeight === 1 && g.filterWidth === 1 && g.padTop === 0 && g.padBottom === 0 && g.padLeft === 0 && g.padRight === 0;
const isUnitStride = (g: ConvGeometry) => g.strideHeight === 1 && g.strideWidth === 1;

export function conv2DBackpropFilterWasm(args: KernelArgs): tf.TensorInfo {
  const name = tf.Conv2DBackpropFilter;
  const backend = asHeapBackend(args.backend, name);
  const x = requireInput(args.inputs, 'x', name);
  const dy = requireInput(args.inputs, 'dy', name);
  const attrs = attrsOf<tf.Conv2DBackpropFilterAttrs>(args);
  const { info, g } = geometry(name, x.shape, attrs.filterShape, attrs);
  checkDy(name, dy, info);

  const simd = convGradSimd(backend, g);
  if (simd != null) {
    const dw = backend.makeOutput(info.filterShape, 'float32');
    filterGradSimd(simd, heapF32(backend, x), heapF32(backend, dy), heapF32(backend, dw), g);
    return dw;
  }
  const pointwise = isPointwise(g);
  // A strided 1×1 conv with Ci ≥ Co is best served by the gather below: it
  // subsamples and transposes x in one pass, and dy is the narrower to pack.
  if (pointwise && (isUnitStride(g) || g.inChannels < g.outChannels)) {
    return withShape(pointwiseFilterGrad(backend, x, dy, g), info.filterShape);
  }
  if (!pointwise && isUnitStride(g)) return filterGradAsConv(backend, x, dy, g);
  const K = g.filterHeight * g.filterWidth * g.inChannels;
  const P = g.batchSize * g.outHeight * g.outWidth;
  const cols = backend.makeOutput([K, P], 'float32');
  im2colTransposed(heapF32(backend, x), heapF32(backend, cols), g);
  const dw = wasmMatMul(backend, cols, dy, K, P, g.outChannels);
  backend.disposeData(cols.dataId);
  return withShape(dw, info.filterShape);
}

/**
 * dW (Ci × Co) = xᵀ · dy for an unpadded 1×1 conv, x first subsampled when
 * strided. The GEMM needs one operand transposed, and packs the other (its
 * `b`) into XNNPACK's layout; packing cost 2–3 ns a float here, the backend's
 * transpose about 0.3, so we pack the narrower of x and dy and transpose the
 * wider, computing dWᵀ = dyᵀ · x when x is the narrower. Measured on
 * [6,272 pixels, 16 → 64 channels]: 0.64 against 1.28 ms the other way round.
 *
 * XNNPACK caches the packing under b's tensor id until that tensor is
 * disposed: safe, as a tensor's data never changes, and we always view an
 * NHWC tensor as the same [pixels, channels] matrix.
 */
function pointwiseFilterGrad(backend: WasmHeapBackend, x: tf.TensorInfo, dy: tf.TensorInfo, g: ConvGeometry): tf.TensorInfo {
  const P = g.batchSize * g.outHeight * g.outWidth;
  const CI = g.inChannels,
    CO = g.outChannels;
  let pixels = x;
  if (!isUnitStride(g)) {
    pixels = backend.makeOutput([P, CI], 'float32');
    subsample(heapF32(backend, x), heapF32(backend, pixels), g);
  }
  let dw: tf.TensorInfo;
  if (CI < CO) {
    const dyT = wasmTransposeMatrix(backend, dy, P, CO);
    const dwT = wasmMatMul(backend, dyT, pixels, CO, P, CI);
    backend.disposeData(dyT.dataId);
    dw = backend.makeOutput([CI, CO], 'float32');
    transpose2D(heapF32(backend, dwT), heapF32(backend, dw), CO, CI);
    backend.disposeData(dwT.dataId);
  } else {
    const xT = wasmTransposeMatrix(backend, pixels, P, CI);
    dw = wasmMatMul(backend, xT, dy, CI, P, CO);
    backend.disposeData(xT.dataId);
  }
  if (pixels !== x) backend.disposeData(pixels.dataId);
  return dw;
}

/**
 * For stride 1, dW[kh, kw, ci, co] = Σ_{oy, ox, b} x'[ci, kh + oy − padTop, kw + ox − padLeft, b] · dy'[oy, ox, b, co]
 * with x' = x transposed to [Ci, H, W, batch] and dy' = dy to [outH, outW, batch, Co]:
 * a forward convolution of x' (Ci images of `batch` channels) by the filter dy'
 * (outH × outW, batch → Co) with the forward pass's padding, whose output
 * [Ci, kh, kw, Co] is dW up to a transpose. XNNPACK reads the receptive fields
 * through pointers, so the kh·kw-fold im2col copy of x is never written.
 */
function filterGradAsConv(backend: WasmHeapBackend, x: tf.TensorInfo, dy: tf.TensorInfo, g: ConvGeometry): tf.TensorInfo {
  const xT = wasmTranspose(backend, x, [3, 1, 2, 0]);
  const dyT = wasmTranspose(backend, dy, [1, 2, 0, 3]);
  const pad: SpatialPadding = [
    [0, 0],
    [g.padTop, g.padBottom],
    [g.padLeft, g.padRight],
    [0, 0],
  ];
  const dwT = wasmConv2D(backend, xT, dyT, pad);
  backend.disposeData(xT.dataId);
  backend.disposeData(dyT.dataId);
  const dw = wasmTranspose(backend, dwT, [1, 2, 0, 3]);
  backend.disposeData(dwT.dataId);
  return dw;
}

/**
 * @param fallback the backend's own kernel, left to handle NCHW, which
 *   tf.layers never produces.
 */
export function makeConv2DBackpropInputWasm(fallback: tf.KernelFunc | undefined): tf.KernelFunc {
  return (args) => {
    const attrs = attrsOf<tf.Conv2DBackpropInputAttrs>(args);
    if (attrs.dataFormat === 'NCHW' && fallback != null) return fallback(args);
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

  const simd = convInputGradSimd(backend, g);
  if (simd != null) {
    const shape = swappedFilterShape(g);
    const swapped = shape == null ? null : backend.makeOutput(shape, 'float32');
    const dx = backend.makeOutput(info.inShape, 'float32');
    // Views only after the last allocation, which may grow (and so detach) the heap.
    inputGradSimd(simd, heapF32(backend, dy), heapF32(backend, filter), swapped == null ? null : heapF32(backend, swapped), heapF32(backend, dx), g);
    if (swapped != null) backend.disposeData(swapped.dataId);
    return dx;
  }
  // The transposed convolution's padding: what the forward pass did not pad of
  // each filter's reach. Negative only for padding wider than the filter.
  const pad: SpatialPadding = [
    [0, 0],
    [g.filterHeight - 1 - g.padTop, g.filterHeight - 1 - g.padBottom],
    [g.filterWidth - 1 - g.padLeft, g.filterWidth - 1 - g.padRight],
    [0, 0],
  ];
  if (isUnitStride(g) && !isPointwise(g) && pad.flat().every((p) => p >= 0)) {
    const flipped = backend.makeOutput([g.filterHeight, g.filterWidth, g.outChannels, g.inChannels], 'float32');
    flipFilter(heapF32(backend, filter), heapF32(backend, flipped), g);
    const dx = wasmConv2D(backend, dy, flipped, pad);
    backend.disposeData(flipped.dataId);
    return dx;
  }

  const K = g.filterHeight * g.filterWidth * g.inChannels;
  const P = g.batchSize * g.outHeight * g.outWidth;
  const CO = g.outChannels;
  // Wᵀ (Co × K) from the filter, whose [kh, kw, ci, co] layout is K × Co.
  const wT = backend.makeOutput([CO, K], 'float32');
  transpose2D(heapF32(backend, filter), heapF32(backend, wT), K, CO);
  const dcols = wasmMatMul(backend, dy, wT, P, CO, K);
  backend.disposeData(wT.dataId);
  if (isPointwise(g) && isUnitStride(g)) {
    // Pixels map one to one, so dcols already is dx. (The same as a 1×1
    // convolution on XNNPACK measured up to 1.6× slower.)
    return withShape(dcols, info.inShape);
  }
  const dx = backend.makeOutput(info.inShape, 'float32');
  col2imAdd(heapF32(backend, dcols), heapF32(backend, dx), g);
  backend.disposeData(dcols.dataId);
  return dx;
}

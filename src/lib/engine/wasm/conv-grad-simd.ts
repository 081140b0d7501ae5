/**
 * The two gradients of conv2d in WebAssembly SIMD (conv-grad-simd.wat, conv-input-grad-simd.wat),
 * on the backend's own memory: no im2col, no transposes of the activations, no packing. They
 * replace the GEMM and convolution routes of wasm-conv-grads.ts (XNNPACK) where the channels
 * allow; `npm run profile` shows their share of a step as the two convolution-gradient families.
 */
import { plain, shared } from './conv-grad-simd-wasm';
import * as inputGradBytes from './conv-input-grad-simd-wasm';
import { simdBinder } from './simd-module';
import { transpose2D, type ConvGeometry } from './wasm-conv-layout';

/** The module's exports; a type literal, so that WebAssembly's `Exports` converts to it directly. */
export type ConvGradExports = {
  filterGrad(
    x: number,
    dy: number,
    dw: number,
    batch: number,
    h: number,
    w: number,
    ci: number,
    oh: number,
    ow: number,
    co: number,
    kh: number,
    kw: number,
    sh: number,
    sw: number,
    padTop: number,
    padLeft: number,
  ): void;
};

/** The input gradient's module: the same geometry, with dy, the swapped filter and dx. */
export type ConvInputGradExports = {
  inputGrad(...args: Parameters<ConvGradExports['filterGrad']>): void;
};

const bind = simdBinder<ConvGradExports>({ plain, shared });
const bindInput = simdBinder<ConvInputGradExports>(inputGradBytes);
let allowed = true;

/** Turns the SIMD kernel off (or on again), to compare it with the GEMM routes (tests, scripts). */
export function allowConvGradSimd(allow: boolean): void {
  allowed = allow;
}

/** The kernel bound to a backend's memory, or null where it cannot run or the output channels are not in fours. */
export function convGradSimd(backend: unknown, g: ConvGeometry): ConvGradExports | null {
  if (!allowed || g.outChannels % 4 !== 0) return null;
  return bind(backend);
}

/** The input gradient's kernel bound to a backend's memory, or null where it cannot run or neither channel count is in fours. */
export function convInputGradSimd(backend: unknown, g: ConvGeometry): ConvInputGradExports | null {
  if (!allowed || (g.inChannels % 4 !== 0 && g.outChannels % 4 !== 0)) return null;
  return bindInput(backend);
}

/** The geometry as the modules take it, after the three tensors' byte offsets. */
type GeometryArgs = [number, number, number, number, number, number, number, number, number, number, number, number, number];

function geometryArgs(g: ConvGeometry): GeometryArgs {
  return [
    g.batchSize,
    g.inHeight,
    g.inWidth,
    g.inChannels,
    g.outHeight,
    g.outWidth,
    g.outChannels,
    g.filterHeight,
    g.filterWidth,
    g.strideHeight,
    g.strideWidth,
    g.padTop,
    g.padLeft,
  ];
}

/** dW (zeroed here) for x, dy and dw viewed on the memory `simd` is bound to. */
export function filterGradSimd(simd: ConvGradExports, x: Float32Array, dy: Float32Array, dw: Float32Array, g: ConvGeometry): void {
  dw.fill(0);
  simd.filterGrad(x.byteOffset, dy.byteOffset, dw.byteOffset, ...geometryArgs(g));
}

/**
 * The shape of the scratch tensor inputGradSimd needs: the filter with its channel axes swapped,
 * [kh, kw, co, ci]; null for input channels not in fours, where the kernel reads the filter as it
 * is (see conv-input-grad-simd.wat).
 */
export function swappedFilterShape(g: ConvGeometry): number[] | null {
  return g.inChannels % 4 === 0 ? [g.filterHeight, g.filterWidth, g.outChannels, g.inChannels] : null;
}

/**
 * dx (zeroed here) for dy and the filter, with `swapped` as scratch of swappedFilterShape(g) (null
 * where that is null); all viewed on the memory `simd` is bound to.
 */
export function inputGradSimd(
  simd: ConvInputGradExports,
  dy: Float32Array,
  filter: Float32Array,
  swapped: Float32Array | null,
  dx: Float32Array,
  g: ConvGeometry,
): void {
  const tap = g.inChannels * g.outChannels;
  for (let t = 0; swapped != null && t < g.filterHeight * g.filterWidth; t++) {
    transpose2D(filter.subarray(t * tap, (t + 1) * tap), swapped.subarray(t * tap, (t + 1) * tap), g.inChannels, g.outChannels);
  }
  dx.fill(0);
  simd.inputGrad(dy.byteOffset, (swapped ?? filter).byteOffset, dx.byteOffset, ...geometryArgs(g));
}

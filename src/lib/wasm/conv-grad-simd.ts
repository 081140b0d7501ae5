/**
 * The filter gradient of conv2d in WebAssembly SIMD (conv-grad-simd.wat), on the backend's own
 * memory: no im2col, no transposes, no packing. Measured in Node against the GEMM and convolution
 * routes of wasm-conv-grads.ts (XNNPACK) on the Small preset's layers at batch 32: see
 * `npm run profile`, whose "convolution filter gradient" family this is.
 */
import { plain, shared } from './conv-grad-simd-wasm';
import { simdBinder } from './simd-module';
import type { ConvGeometry } from './wasm-conv-layout';

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

const bind = simdBinder<ConvGradExports>({ plain, shared });
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

/** dW (zeroed here) for x, dy and dw viewed on the memory `simd` is bound to. */
export function filterGradSimd(simd: ConvGradExports, x: Float32Array, dy: Float32Array, dw: Float32Array, g: ConvGeometry): void {
  dw.fill(0);
  simd.filterGrad(
    x.byteOffset,
    dy.byteOffset,
    dw.byteOffset,
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
  );
}

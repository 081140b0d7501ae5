/**
 * Sum and Mean over leading axes for TF.js's WASM backend.
 *
 * The backend reduces only innermost axes, so for anything else it first
 * transposes the whole tensor. Training reduces over the leading axes all the
 * time — BatchNorm's moments and gradients over [batch, height, width], a
 * bias gradient over the batch — and those transposes were the largest cost
 * left in a training step. Reducing leading axes needs no transpose: add the
 * rows up. Every other case goes to the backend's own kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { attrsOf } from '../kernel-args';
import { asHeapBackend, heapF32 } from './wasm-backend';

/**
 * out[j] = Σ_i x[i·inner + j] (divided by `outer` for a mean), accumulated
 * in float64 as the CPU backend does.
 */
export function reduceLeading(x: Float32Array, out: Float32Array, outer: number, inner: number, mean: boolean): void {
  const acc = new Float64Array(inner);
  const n = inner;
  let i = 0;
  let off = 0;
  // Eight rows per pass: one accumulator load and store per eight values
  // instead of per value, measured 2.5–5× faster than the plain loop.
  for (; i + 8 <= outer; i += 8, off += 8 * n) {
    for (let j = 0; j < n; j++) {
      const b = off + j;
      acc[j] = acc[j]! + (x[b]! + x[b + n]! + (x[b + 2 * n]! + x[b + 3 * n]!)) + (x[b + 4 * n]! + x[b + 5 * n]! + (x[b + 6 * n]! + x[b + 7 * n]!));
    }
  }
  for (; i < outer; i++, off += n) {
    for (let j = 0; j < n; j++) acc[j] = acc[j]! + x[off + j]!;
  }
  // A mean over nothing is 0, as on the CPU backend (not NaN).
  const scale = mean && outer > 0 ? 1 / outer : 1;
  for (let j = 0; j < n; j++) out[j] = acc[j]! * scale;
}

/** How many leading axes `axes` reduces, or -1 if it is not exactly 0, 1, …, k − 1 for some k ≥ 1. */
function leadingCount(axes: number[]): number {
  const sorted = [...new Set(axes)].sort((a, b) => a - b);
  if (sorted.length === 0 || sorted.some((a, i) => a !== i)) return -1;
  return sorted.length;
}

export function makeReduceWasm(kind: 'sum' | 'mean', fallback: tf.KernelFunc | undefined): tf.KernelFunc {
  const name = kind === 'sum' ? tf.Sum : tf.Mean;
  return (args) => {
    const x = args.inputs.x;
    if (x == null) throw new Error(`${name}: missing input x.`);
    const { axis, keepDims } = attrsOf<tf.SumAttrs>(args);
    const axes = tf.util.parseAxisParam(axis, x.shape);
    const k = leadingCount(axes);
    if (x.dtype !== 'float32' || k < 0) {
      if (fallback == null) throw new Error(`${name}: this reduction is not supported on wasm.`);
      return fallback(args);
    }
    const backend = asHeapBackend(args.backend, name);
    const kept = x.shape.slice(k);
    const out = backend.makeOutput(keepDims ? [...x.shape.slice(0, k).map(() => 1), ...kept] : kept, 'float32');
    const outer = tf.util.sizeFromShape(x.shape.slice(0, k));
    const inner = tf.util.sizeFromShape(kept);
    // Views only now: makeOutput may have grown (and so detached) the heap.
    reduceLeading(heapF32(backend, x), heapF32(backend, out), outer, inner, kind === 'mean');
    return out;
  };
}

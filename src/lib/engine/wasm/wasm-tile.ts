/**
 * Tile for TF.js's WASM backend.
 *
 * The backend's own Tile computes every output element's source index
 * separately, and the BatchNorm gradient tiles a per-channel vector out to
 * the full activation's size once per BN layer: measured, it was a quarter of
 * a training step of our ResNets. This one copies whole runs with
 * `set`/`copyWithin` (native memmove), so its cost is a few calls per run.
 */
import * as tf from '@tensorflow/tfjs';
import { attrsOf } from '../kernel-args';
import { asHeapBackend } from './wasm-backend';

type Numeric = Float32Array | Int32Array | Uint8Array;

/** Repeats ov[start, start + len) so it fills `times` consecutive copies, doubling each time. */
function replicate(ov: Numeric, start: number, len: number, times: number): void {
  const total = len * times;
  for (let filled = len; filled < total; filled *= 2) {
    ov.copyWithin(start + filled, start, start + Math.min(filled, total - filled));
  }
}

/** out = tile(x, reps), both row-major with x's shape `shape`. */
export function tileInto(xv: Numeric, ov: Numeric, shape: readonly number[], reps: readonly number[]): void {
  const rank = shape.length;
  if (rank === 0) {
    ov.set(xv);
    return;
  }
  const xStrides = new Array<number>(rank);
  const oStrides = new Array<number>(rank);
  xStrides[rank - 1] = 1;
  oStrides[rank - 1] = 1;
  for (let d = rank - 2; d >= 0; d--) {
    xStrides[d] = xStrides[d + 1]! * shape[d + 1]!;
    oStrides[d] = oStrides[d + 1]! * shape[d + 1]! * reps[d + 1]!;
  }
  // Lay out x's slab at each position, then replicate it along this axis:
  // every output element is written once by a copy, never index by index.
  const fill = (d: number, xOff: number, oOff: number): void => {
    const n = shape[d]!;
    if (d === rank - 1) {
      ov.set(xv.subarray(xOff, xOff + n), oOff);
    } else {
      for (let i = 0; i < n; i++) fill(d + 1, xOff + i * xStrides[d]!, oOff + i * oStrides[d]!);
    }
    replicate(ov, oOff, n * oStrides[d]!, reps[d]!);
  };
  fill(0, 0, 0);
}

/**
 * @param fallback the backend's own Tile, left to handle string and complex
 *   tensors (which are not plain numbers on the heap) exactly as before.
 */
export function makeTileWasm(fallback: tf.KernelFunc | undefined): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x;
    if (x == null) throw new Error('Tile: missing input x.');
    const { reps } = attrsOf<tf.TileAttrs>(args);
    if (x.dtype !== 'float32' && x.dtype !== 'int32' && x.dtype !== 'bool') {
      if (fallback == null) throw new Error(`Tile: dtype ${x.dtype} is not supported on wasm.`);
      return fallback(args);
    }
    if (reps.length !== x.shape.length) {
      throw new Error(`Tile: reps [${reps.join(', ')}] must have one entry per axis of x [${x.shape.join(', ')}].`);
    }
    const backend = asHeapBackend(args.backend, tf.Tile);
    const out = backend.makeOutput(
      x.shape.map((d, i) => d * reps[i]!),
      x.dtype,
    );
    if (out.shape.some((d) => d === 0)) return out;
    // Views only now: makeOutput may have grown (and so detached) the heap.
    const xv = backend.typedArrayFromHeap(x) as Numeric;
    const ov = backend.typedArrayFromHeap(out) as Numeric;
    tileInto(xv, ov, x.shape, reps);
    return out;
  };
}

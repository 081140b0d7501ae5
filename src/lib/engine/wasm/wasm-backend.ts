/**
 * The small slice of TF.js's WASM backend that our hand-written kernels use.
 *
 * Typed structurally rather than importing `BackendWasm`, so these kernels do
 * not depend on the backend's internal class or on Emscripten's types.
 */
import * as tf from '@tensorflow/tfjs';

export interface WasmHeapBackend {
  /** Allocates an output tensor on the WASM heap (contents uninitialised). */
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  /** A view (not a copy) of a tensor's bytes on the WASM heap. */
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
  /** Frees a scratch tensor that never reached the engine. */
  disposeData(dataId: tf.DataId): boolean;
}

export function asHeapBackend(backend: unknown, kernelName: string): WasmHeapBackend {
  const b = backend as Partial<WasmHeapBackend> | null;
  if (b == null || typeof b.makeOutput !== 'function' || typeof b.typedArrayFromHeap !== 'function' || typeof b.disposeData !== 'function') {
    throw new Error(`${kernelName}: this kernel only runs on TF.js's 'wasm' backend.`);
  }
  return b as WasmHeapBackend;
}

/**
 * Float32 view of a tensor on the WASM heap.
 *
 * Take views only after the kernel's last allocation (`makeOutput`, or a
 * kernel it calls): allocating can grow the WASM memory, which detaches every
 * view made before.
 */
export function heapF32(backend: WasmHeapBackend, info: tf.TensorInfo): Float32Array {
  const view = backend.typedArrayFromHeap(info);
  if (!(view instanceof Float32Array)) throw new Error('Expected a float32 tensor on the WASM heap.');
  return view;
}

export function as4D(shape: number[]): [number, number, number, number] {
  if (shape.length !== 4) throw new Error(`Expected a 4-D shape, got [${shape.join(', ')}].`);
  return shape as [number, number, number, number];
}

/** The same data seen with another shape of equal size, as the Reshape kernel does without copying. */
export function withShape(info: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/**
 * a [m, k] · b [k, n] → [1, m, n] with the backend's own BatchMatMul, which
 * runs XNNPACK's SIMD GEMM when neither side is transposed (TF.js 4.22 falls
 * back to a naive loop otherwise, so callers lay out their operands to avoid
 * transposes). XNNPACK packs `b` once per tensor id and frees the packing
 * when that tensor is disposed.
 */
export function wasmMatMul(backend: WasmHeapBackend, a: tf.TensorInfo, b: tf.TensorInfo, m: number, k: number, n: number): tf.TensorInfo {
  const kernel = tf.getKernel(tf.BatchMatMul, 'wasm') as tf.KernelConfig | undefined;
  if (kernel == null) throw new Error("The 'wasm' backend has no BatchMatMul kernel.");
  return kernel.kernelFunc({
    inputs: { a: withShape(a, [1, m, k]), b: withShape(b, [1, k, n]) },
    backend,
    attrs: { transposeA: false, transposeB: false },
  }) as tf.TensorInfo;
}

/**
 * The backend's own Transpose: C++, 3–4× faster than a TypeScript loop on our
 * activations ([25,088, 16] → [16, 25,088]: 0.13 against 0.47 ms). The result
 * is a new tensor the caller disposes.
 */
export function wasmTranspose(backend: WasmHeapBackend, x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
  const kernel = tf.getKernel(tf.Transpose, 'wasm') as tf.KernelConfig | undefined;
  if (kernel == null) throw new Error("The 'wasm' backend has no Transpose kernel.");
  return kernel.kernelFunc({
    inputs: { x },
    backend,
    attrs: { perm },
  }) as tf.TensorInfo;
}

/**
 * a [rows, cols] → aᵀ [cols, rows], a new tensor.
 *
 * The backend's 2-D transpose reads in order and writes `cols` output rows at
 * once, `rows` floats apart. When that distance is a multiple of 2 KB (rows a
 * multiple of 512, as at batch 32 on 28×28) those rows share a few sets of a
 * typical 32 KB L1 cache, and past 16 of them they evict each other:
 * [25,088, 32] took 1.57 ms against 0.13 ms for [25,088, 16]. Its 3-D
 * transpose writes in order instead (0.59 ms there, but about twice the 2-D
 * time elsewhere), so there we view the rows as [2, rows / 2].
 */
export function wasmTransposeMatrix(backend: WasmHeapBackend, a: tf.TensorInfo, rows: number, cols: number): tf.TensorInfo {
  if (rows % 512 === 0 && cols > 16) {
    const t = wasmTranspose(backend, withShape(a, [2, rows / 2, cols]), [2, 0, 1]);
    return withShape(t, [cols, rows]);
  }
  return wasmTranspose(backend, withShape(a, [rows, cols]), [1, 0]);
}

/** Explicit padding of a 4-D NHWC tensor: [[0, 0], [top, bottom], [left, right], [0, 0]]. */
export type SpatialPadding = [[0, 0], [number, number], [number, number], [0, 0]];

/**
 * x [n, h, w, ci] ⊛ filter [kh, kw, ci, co], stride 1, with the backend's own
 * Conv2D (XNNPACK). XNNPACK packs the filter into an operator cached under the
 * filter's tensor id and freed when that tensor is disposed, so a filter made
 * for one call and disposed after it caches nothing across calls.
 */
export function wasmConv2D(backend: WasmHeapBackend, x: tf.TensorInfo, filter: tf.TensorInfo, pad: SpatialPadding): tf.TensorInfo {
  const kernel = tf.getKernel(tf.Conv2D, 'wasm') as tf.KernelConfig | undefined;
  if (kernel == null) throw new Error("The 'wasm' backend has no Conv2D kernel.");
  return kernel.kernelFunc({
    inputs: { x, filter },
    backend,
    attrs: { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 },
  }) as tf.TensorInfo;
}

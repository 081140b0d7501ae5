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

/** Arguments TF.js passes to a kernel function. */
export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}

export function asHeapBackend(backend: unknown, kernelName: string): WasmHeapBackend {
  const b = backend as Partial<WasmHeapBackend> | null;
  if (
    b == null ||
    typeof b.makeOutput !== 'function' ||
    typeof b.typedArrayFromHeap !== 'function' ||
    typeof b.disposeData !== 'function'
  ) {
    throw new Error(`${kernelName}: this kernel only runs on TF.js's 'wasm' backend.`);
  }
  return b as WasmHeapBackend;
}

export function requireInput(
  inputs: tf.NamedTensorInfoMap,
  name: string,
  kernelName: string,
  rank = 4,
): tf.TensorInfo {
  const t = inputs[name];
  if (t == null) throw new Error(`${kernelName}: missing input '${name}'.`);
  if (t.dtype !== 'float32') {
    throw new Error(`${kernelName}: input '${name}' must be float32, got ${t.dtype}.`);
  }
  if (t.shape.length !== rank) {
    throw new Error(`${kernelName}: input '${name}' must have rank ${rank}, got shape [${t.shape.join(', ')}].`);
  }
  return t;
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
export function wasmMatMul(
  backend: WasmHeapBackend,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  m: number,
  k: number,
  n: number,
): tf.TensorInfo {
  const kernel = tf.getKernel(tf.BatchMatMul, 'wasm') as tf.KernelConfig | undefined;
  if (kernel == null) throw new Error("The 'wasm' backend has no BatchMatMul kernel.");
  return kernel.kernelFunc({
    inputs: { a: withShape(a, [1, m, k]), b: withShape(b, [1, k, n]) },
    backend: backend as unknown as tf.KernelBackend,
    attrs: { transposeA: false, transposeB: false },
  }) as tf.TensorInfo;
}

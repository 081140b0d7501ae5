/**
 * Identity and same-dtype Cast for TF.js's WASM backend that share the input's data instead of
 * copying it, as the CPU and WebGL backends (and WASM's own Reshape) already do.
 *
 * A training step runs hundreds of Identity kernels: TF.js clones every tensor it keeps for the
 * backward pass, and the gradient of a clone is a float32 → float32 Cast. The backend's own
 * kernels copy each one on the heap; for our ResNets that copying was about a tenth of a step.
 *
 * Sharing is safe because no kernel writes into its inputs, and the backend counts references
 * per data id: `incRef` here, and `disposeData` frees the memory only when the last tensor that
 * shares it is disposed.
 *
 * While it owns Cast, this module also mends a cast to bool: the built-in copies the numbers
 * into bytes, so 3 became 3 and −1 became 255 where TF.js means 1 (true).
 */
import type * as tf from '@tensorflow/tfjs';
import { attrsOf, type KernelArgs } from '../kernel-args';
import { asHeapBackend } from './wasm-backend';

interface RefCountingBackend {
  incRef(dataId: tf.DataId): void;
}

function asRefCounting(backend: unknown, kernelName: string): RefCountingBackend {
  const b = backend as Partial<RefCountingBackend> | null;
  if (b == null || typeof b.incRef !== 'function')
    throw new Error(`${kernelName}: the backend has no incRef; this kernel only runs on TF.js's 'wasm' backend.`);
  return b as RefCountingBackend;
}

/** Dtypes held as plain numbers on the heap; strings live apart and keep the built-in path. */
const NUMERIC = new Set<tf.DataType>(['float32', 'int32', 'bool']);

/** The same data under a new tensor: one more reference, no copy. */
function share(backend: unknown, x: tf.TensorInfo, kernelName: string): tf.TensorInfo {
  asRefCounting(backend, kernelName).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

function builtinOr(fallback: tf.KernelFunc | undefined, kernelName: string, dtype: string): tf.KernelFunc {
  return (args) => {
    if (fallback == null) throw new Error(`${kernelName}: dtype ${dtype} is not supported on wasm.`);
    return fallback(args);
  };
}

/** @param fallback the backend's own Identity, kept for string tensors. */
export function makeIdentityWasm(fallback: tf.KernelFunc | undefined): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x;
    if (x == null) throw new Error('Identity: missing input x.');
    if (!NUMERIC.has(x.dtype)) return builtinOr(fallback, 'Identity', x.dtype)(args);
    return share(args.backend, x, 'Identity');
  };
}

/** A numeric tensor as bool: 1 where it is not 0 (NaN included), as the CPU backend casts. */
function castToBool(args: KernelArgs, x: tf.TensorInfo): tf.TensorInfo {
  const backend = asHeapBackend(args.backend, 'Cast');
  const out = backend.makeOutput(x.shape, 'bool');
  // Views only now: makeOutput may have grown (and so detached) the heap.
  const xv = backend.typedArrayFromHeap(x);
  const ov = backend.typedArrayFromHeap(out);
  for (let i = 0; i < ov.length; i++) ov[i] = xv[i] !== 0 ? 1 : 0;
  return out;
}

/** @param fallback the backend's own Cast, for the other casts that change the dtype. */
export function makeCastWasm(fallback: tf.KernelFunc | undefined): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x;
    if (x == null) throw new Error('Cast: missing input x.');
    const { dtype } = attrsOf<tf.CastAttrs>(args);
    if (!NUMERIC.has(x.dtype)) return builtinOr(fallback, 'Cast', `${x.dtype} → ${dtype}`)(args);
    if (dtype === x.dtype) return share(args.backend, x, 'Cast');
    if (dtype === 'bool') return castToBool(args, x);
    return builtinOr(fallback, 'Cast', `${x.dtype} → ${dtype}`)(args);
  };
}

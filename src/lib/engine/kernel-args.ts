/**
 * What every kernel of ours takes, whichever backend runs it: TF.js's kernel arguments, their
 * attrs as the op's own type, and a checked input. The backend-specific helpers are in
 * wasm/wasm-backend.ts and the WebGL programs.
 */
import type * as tf from '@tensorflow/tfjs';

/**
 * Arguments TF.js passes to a kernel function: our kernels are `tf.KernelFunc`s, so they register,
 * and call the backend's own kernels, as they are.
 */
export type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * A kernel call's attrs as the type its op sends them (`tf.SumAttrs`, `tf.TileAttrs`, …). TF.js
 * declares those as interfaces, which its `NamedAttrMap` does not match, so the one conversion
 * between the two lives here.
 */
export function attrsOf<T extends object>(args: KernelArgs): T {
  return args.attrs as T;
}

/** Input `name` of a kernel call, checked to be float32 of rank `rank`; throws naming the kernel and the input. */
export function requireInput(inputs: tf.NamedTensorInfoMap, name: string, kernelName: string, rank = 4): tf.TensorInfo {
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

/**
 * Kernels that apply a whole optimizer step to one variable: `FusedAdamUpdate` reads the variable,
 * its gradient and both moments and writes the new three; `FusedMomentumUpdate` does the same
 * with the one accumulator. TF.js's own optimizers spend 14 (Adam) and 4 (momentum) element-wise
 * kernels per variable per step, each a dispatch, an allocation and a pass over memory; for our
 * small ResNets these calls were over a third of a training step's kernels.
 *
 * This module has the CPU and WASM kernels (loops over the WASM heap); fused-webgl.ts has WebGL's.
 * fused-optimizers.ts registers them and falls back to the stock update on any other backend.
 */
import * as tf from '@tensorflow/tfjs';
import { adamInto, momentumInto, type AdamCoefficients, type MomentumCoefficients } from './fused-update';
import { attrsOf, type KernelArgs } from './kernel-args';
import { cpuStoredValues } from './tf-internals';

export const FUSED_ADAM = 'FusedAdamUpdate';
export const FUSED_MOMENTUM = 'FusedMomentumUpdate';

/** Inputs `names`, each float32 and of the first one's shape. */
export function sameShapeInputs(kernelName: string, inputs: tf.NamedTensorInfoMap, names: readonly string[]): tf.TensorInfo[] {
  const infos = names.map((name) => {
    const t = inputs[name];
    if (t == null) throw new Error(`${kernelName}: missing input '${name}'.`);
    if (t.dtype !== 'float32') throw new Error(`${kernelName}: input '${name}' must be float32, got ${t.dtype}.`);
    return t;
  });
  const shape = infos[0]!.shape;
  for (const [i, t] of infos.entries()) {
    if (!tf.util.arraysEqual(t.shape, shape)) {
      throw new Error(`${kernelName}: input '${names[i]}' has shape [${t.shape.join(', ')}]; it must match '${names[0]}' [${shape.join(', ')}].`);
    }
  }
  return infos;
}

/** The parts of the CPU and WASM backends these kernels use, typed structurally. */
interface ArrayBackend {
  /** Float32 values of a tensor: the CPU backend's own array, or a view of the WASM heap. */
  values(info: tf.TensorInfo): Float32Array;
  /** New float32 outputs of `shape`, allocated before any view is taken (see heapF32). */
  outputs(shape: number[], count: number): tf.TensorInfo[];
}

function cpuArrays(backend: unknown): ArrayBackend {
  const b = backend as {
    makeTensorInfo(shape: number[], dtype: tf.DataType, values?: tf.TypedArray): tf.TensorInfo;
  };
  return {
    values: (info) => {
      const v = cpuStoredValues(backend, info.dataId);
      if (!(v instanceof Float32Array)) throw new Error('Expected float32 values on the CPU backend.');
      return v;
    },
    outputs: (shape, count) => Array.from({ length: count }, () => b.makeTensorInfo(shape, 'float32', new Float32Array(tf.util.sizeFromShape(shape)))),
  };
}

function wasmArrays(backend: unknown): ArrayBackend {
  const b = backend as {
    makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
    typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
  };
  return {
    // Views of the heap: valid only until the next allocation, so the kernels below allocate
    // every output first and take views after.
    values: (info) => b.typedArrayFromHeap(info) as Float32Array,
    outputs: (shape, count) => Array.from({ length: count }, () => b.makeOutput(shape, 'float32')),
  };
}

function adamOn(arrays: (backend: unknown) => ArrayBackend) {
  return (args: KernelArgs): tf.TensorInfo[] => {
    const { inputs, backend } = args;
    const [x, g, m, v] = sameShapeInputs(FUSED_ADAM, inputs, ['x', 'g', 'm', 'v']) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
    const a = arrays(backend);
    const outs = a.outputs(x.shape, 3) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
    adamInto(a.values(x), a.values(g), a.values(m), a.values(v), a.values(outs[0]), a.values(outs[1]), a.values(outs[2]), attrsOf<AdamCoefficients>(args));
    return outs;
  };
}

function momentumOn(arrays: (backend: unknown) => ArrayBackend) {
  return (args: KernelArgs): tf.TensorInfo[] => {
    const { inputs, backend } = args;
    const [x, g, acc] = sameShapeInputs(FUSED_MOMENTUM, inputs, ['x', 'g', 'a']) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
    const a = arrays(backend);
    const outs = a.outputs(x.shape, 2) as [tf.TensorInfo, tf.TensorInfo];
    momentumInto(a.values(x), a.values(g), a.values(acc), a.values(outs[0]), a.values(outs[1]), attrsOf<MomentumCoefficients>(args));
    return outs;
  };
}

/** Inputs x, g, m, v (one shape, float32); attrs AdamCoefficients → [x', m', v']. */
export const cpuAdam: tf.KernelFunc = adamOn(cpuArrays);
export const wasmAdam: tf.KernelFunc = adamOn(wasmArrays);
/** Inputs x, g, a (one shape, float32); attrs MomentumCoefficients → [x', a']. */
export const cpuMomentum: tf.KernelFunc = momentumOn(cpuArrays);
export const wasmMomentum: tf.KernelFunc = momentumOn(wasmArrays);

/** Whether `kernelName` runs on the backend TF.js is using now. */
export function hasFusedKernel(kernelName: string): boolean {
  return (tf.getKernel(kernelName, tf.getBackend()) as tf.KernelConfig | undefined) != null;
}

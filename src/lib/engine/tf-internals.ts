/**
 * Every private field of TF.js 4.22 that our code reads or writes, in one place. TF.js's typings
 * hide these (or its classes are not exported), so each is reached through a structural type
 * here; an upgrade that renames or drops one breaks our optimizers, BatchNorm layer or kernels
 * silently, so tests/unit/tf-internals.test.ts checks each on a real instance with
 * `internalsProblems`, naming the field and the TF.js version when one has gone.
 *
 * WebGL's fields (the backend's `gpgpu.gl`, `runWebGLProgram`) cannot be checked in Node: the
 * browser tests that train on WebGL (tests/e2e/bn-webgl.spec.ts, fused-webgl.spec.ts) reach them.
 */
import * as tf from '@tensorflow/tfjs';

/** One of an optimizer's per-variable slots (Adam's moments, momentum's accumulations). */
export interface OptimizerVariable {
  originalName: string;
  variable: tf.Variable;
}

/** tf.AdamOptimizer's private state, shared so that its dispose, getWeights and setWeights see ours. */
export interface AdamInternals {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: OptimizerVariable[];
  accumulatedSecondMoment: OptimizerVariable[];
}

/** tf.MomentumOptimizer's private state. */
export interface MomentumInternals {
  m: tf.Scalar;
  momentum: number;
  useNesterov: boolean;
  accumulations: OptimizerVariable[];
}

/** TF.js's weight wrapper, as a layer holds it. */
export interface LayerVariable {
  read(): tf.Tensor;
  write(value: tf.Tensor): unknown;
}

/** The fields of TF.js's BatchNormalization layer that the fused path reads. */
export interface BatchNormInternals {
  axis: number;
  momentum: number;
  epsilon: number;
  gamma?: LayerVariable;
  beta?: LayerVariable;
  movingMean: LayerVariable;
  movingVariance: LayerVariable;
}

/** The CPU backend's tensor store (MathBackendCPU.data): values by data id. */
interface CpuInternals {
  data: { get(id: tf.DataId): { values?: unknown } };
}

/** The part of TF.js's WASM backend that holds its memory: the Emscripten module. */
interface WasmInternals {
  wasm?: { wasmMemory?: unknown; asm?: { memory?: unknown } };
}

export const adamInternals = (optimizer: tf.AdamOptimizer): AdamInternals => optimizer as unknown as AdamInternals;
export const momentumInternals = (optimizer: tf.MomentumOptimizer): MomentumInternals => optimizer as unknown as MomentumInternals;
export const batchNormInternals = (layer: tf.layers.Layer): BatchNormInternals => layer as unknown as BatchNormInternals;

/** The values of a tensor on the CPU backend, as stored (a view, not a copy). */
export function cpuStoredValues(backend: unknown, dataId: tf.DataId): unknown {
  return (backend as CpuInternals).data.get(dataId).values;
}

/** A WASM backend's memory: exported by the single-threaded build, created by JS in the threaded one. */
export function backendMemory(backend: unknown): WebAssembly.Memory | null {
  const module = (backend as WasmInternals | null)?.wasm;
  const memory = module?.wasmMemory ?? module?.asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : null;
}

/** The WebGL context the WebGL backend draws with; undefined on other backends. */
export function webglContext(backend: unknown): WebGLRenderingContext | undefined {
  return (backend as { gpgpu?: { gl?: WebGLRenderingContext } } | null)?.gpgpu?.gl;
}

type Check = (value: unknown) => boolean;
const isVariable: Check = (v) => v instanceof tf.Variable;
const isSlots: Check = (v) =>
  Array.isArray(v) && v.every((s: Partial<OptimizerVariable>) => typeof s.originalName === 'string' && s.variable instanceof tf.Variable);
const isLayerVariable: Check = (v) => typeof (v as Partial<LayerVariable> | null)?.read === 'function' && typeof (v as LayerVariable).write === 'function';
const isNumber: Check = (v) => typeof v === 'number';
const isFunction: Check = (v) => typeof v === 'function';

/** What each owner must have, field by field, for the accessors above (and wasm/wasm-backend.ts's). */
const EXPECTED = {
  AdamOptimizer: { accBeta1: isVariable, accBeta2: isVariable, accumulatedFirstMoment: isSlots, accumulatedSecondMoment: isSlots },
  MomentumOptimizer: {
    m: (v) => v instanceof tf.Tensor && v.rank === 0,
    momentum: isNumber,
    useNesterov: (v) => typeof v === 'boolean',
    accumulations: isSlots,
  },
  BatchNormalization: {
    axis: isNumber,
    momentum: isNumber,
    epsilon: isNumber,
    gamma: isLayerVariable,
    beta: isLayerVariable,
    movingMean: isLayerVariable,
    movingVariance: isLayerVariable,
  },
  MathBackendCPU: { data: (v) => isFunction((v as { get?: unknown } | null)?.get) },
  BackendWasm: {
    wasm: (v) => backendMemory({ wasm: v }) != null,
    makeOutput: isFunction,
    typedArrayFromHeap: isFunction,
    disposeData: isFunction,
    incRef: isFunction,
  },
} satisfies Record<string, Record<string, Check>>;

export type InternalsOwner = keyof typeof EXPECTED;

/**
 * The fields we rely on that `instance` (a real `owner`, after a step where it has state) lacks or
 * holds with another type, each as a sentence naming the field and this TF.js version.
 */
export function internalsProblems(owner: InternalsOwner, instance: object): string[] {
  const fields: Record<string, Check> = EXPECTED[owner];
  return Object.entries(fields)
    .filter(([field, check]) => !check((instance as Record<string, unknown>)[field]))
    .map(([field]) => {
      const value = (instance as Record<string, unknown>)[field];
      const found = field in instance ? `holds ${value === null ? 'null' : typeof value} ${Array.isArray(value) ? '(an array)' : ''}`.trim() : 'is missing';
      return `TF.js ${tf.version.tfjs}: ${owner}.${field} ${found}, not what src/lib/engine/tf-internals.ts expects; update the code that reads it for this version.`;
    });
}

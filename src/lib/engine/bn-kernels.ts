/**
 * Fused BatchNorm for training: one kernel for the forward pass (batch statistics, normalise,
 * moving averages) and one for its gradient, where TF.js runs about eighty (`moments`,
 * `FusedBatchNorm`, some twenty-five elementwise kernels for the gradient, more for the moving
 * averages). A design note:
 * - the kernels live under our own names, for 'cpu', 'wasm' and 'webgl', registered by
 *   register.ts when one of those backends starts; a backend without them (WebGPU) keeps
 *   TF.js's own path, chosen by `hasFusedBatchNorm`;
 * - the gradient is registered with `tf.registerGradient`, so TF.js's tape records the forward
 *   kernel like any other and calls the backward one;
 * - the layer that uses them is src/lib/resnet/batch-norm.ts.
 *
 * Kernel 'ResNetBatchNormTrain'
 *   inputs  x [N, H, W, C], gamma, beta, movingMean, movingVariance [C]  (float32)
 *   attrs   epsilon, momentum
 *   outputs y [N, H, W, C], movingMean, movingVariance [C], saved [3, C] (see bn-math.ts)
 * Kernel 'ResNetBatchNormTrainGrad'
 *   inputs  dy, x [N, H, W, C], saved [3, C]
 *   outputs dx [N, H, W, C], dGamma, dBeta [C]
 */
import * as tf from '@tensorflow/tfjs';
import { batchNormTrainBackward, batchNormTrainForward, SAVED_ROWS } from './bn-math';
import { batchNormSimd, batchNormTrainBackwardSimd, batchNormTrainForwardSimd, scratchFloats } from './wasm/bn-simd';
import { batchNormTrainGradWebGL, batchNormTrainWebGL } from './webgl/bn-webgl';
import { attrsOf, requireInput, type KernelArgs } from './kernel-args';
import { asHeapBackend, heapF32 } from './wasm/wasm-backend';

export const BN_TRAIN = 'ResNetBatchNormTrain';
export const BN_TRAIN_GRAD = 'ResNetBatchNormTrainGrad';

/** A type literal, not an interface, so that it is a `NamedAttrMap` and passes to `runKernel` as it is. */
export type BatchNormTrainAttrs = {
  epsilon: number;
  momentum: number;
};

/** Shapes of a forward call, checked: x is [N, H, W, C] and every parameter [C]. */
function forwardShapes(inputs: tf.NamedTensorInfoMap): { rows: number; channels: number } {
  const kernelName = BN_TRAIN;
  const x = requireInput(inputs, 'x', kernelName);
  const channels = x.shape[3]!;
  for (const name of ['gamma', 'beta', 'movingMean', 'movingVariance']) {
    const p = requireInput(inputs, name, kernelName, 1);
    if (p.shape[0] !== channels) {
      throw new Error(`${kernelName}: '${name}' must have shape [${channels}] to match x's channels, got [${p.shape.join(', ')}].`);
    }
  }
  return { rows: x.shape[0]! * x.shape[1]! * x.shape[2]!, channels };
}

/** Shapes of a backward call, checked: dy and x are [N, H, W, C], saved [3, C]. */
function backwardShapes(inputs: tf.NamedTensorInfoMap): { rows: number; channels: number } {
  const kernelName = BN_TRAIN_GRAD;
  const x = requireInput(inputs, 'x', kernelName);
  const dy = requireInput(inputs, 'dy', kernelName);
  const saved = requireInput(inputs, 'saved', kernelName, 2);
  const channels = x.shape[3]!;
  if (!tf.util.arraysEqual(dy.shape, x.shape) || saved.shape[0] !== SAVED_ROWS || saved.shape[1] !== channels) {
    throw new Error(`${kernelName}: expected dy of x's shape [${x.shape.join(', ')}] and saved [${SAVED_ROWS}, ${channels}].`);
  }
  return { rows: x.shape[0]! * x.shape[1]! * x.shape[2]!, channels };
}

function trainAttrs(args: KernelArgs): BatchNormTrainAttrs {
  const { epsilon, momentum } = attrsOf<Partial<BatchNormTrainAttrs>>(args) ?? {};
  if (typeof epsilon !== 'number' || typeof momentum !== 'number') {
    throw new Error(`${BN_TRAIN}: attrs epsilon and momentum must be numbers.`);
  }
  return { epsilon, momentum };
}

/** The CPU backend's public surface that these kernels use. */
interface CpuBackendLike {
  readSync(dataId: tf.DataId): unknown;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: tf.TypedArray): tf.TensorInfo;
}

function cpuValues(backend: CpuBackendLike, info: tf.TensorInfo): Float32Array {
  const values = backend.readSync(info.dataId);
  if (!(values instanceof Float32Array)) throw new Error(`${BN_TRAIN}: expected float32 data on the CPU backend.`);
  return values;
}

function forwardCpu(args: KernelArgs): tf.TensorInfo[] {
  const { rows, channels } = forwardShapes(args.inputs);
  const b = args.backend as CpuBackendLike;
  const { epsilon, momentum } = trainAttrs(args);
  const [x, gamma, beta, movingMean, movingVariance] = ['x', 'gamma', 'beta', 'movingMean', 'movingVariance'].map((n) =>
    cpuValues(b, args.inputs[n]!),
  ) as Float32Array[];
  const out = {
    y: new Float32Array(rows * channels),
    movingMean: new Float32Array(channels),
    movingVariance: new Float32Array(channels),
    saved: new Float32Array(SAVED_ROWS * channels),
  };
  batchNormTrainForward(x!, rows, channels, { gamma: gamma!, beta: beta!, movingMean: movingMean!, movingVariance: movingVariance! }, epsilon, momentum, out);
  return [
    b.makeTensorInfo(args.inputs.x!.shape, 'float32', out.y),
    b.makeTensorInfo([channels], 'float32', out.movingMean),
    b.makeTensorInfo([channels], 'float32', out.movingVariance),
    b.makeTensorInfo([SAVED_ROWS, channels], 'float32', out.saved),
  ];
}

function backwardCpu(args: KernelArgs): tf.TensorInfo[] {
  const { rows, channels } = backwardShapes(args.inputs);
  const b = args.backend as CpuBackendLike;
  const out = { dx: new Float32Array(rows * channels), dGamma: new Float32Array(channels), dBeta: new Float32Array(channels) };
  const { dy, x, saved } = args.inputs;
  batchNormTrainBackward(cpuValues(b, dy!), cpuValues(b, x!), cpuValues(b, saved!), rows, channels, out);
  return [
    b.makeTensorInfo(x!.shape, 'float32', out.dx),
    b.makeTensorInfo([channels], 'float32', out.dGamma),
    b.makeTensorInfo([channels], 'float32', out.dBeta),
  ];
}

function forwardWasm(args: KernelArgs): tf.TensorInfo[] {
  const { rows, channels } = forwardShapes(args.inputs);
  const b = asHeapBackend(args.backend, BN_TRAIN);
  const { epsilon, momentum } = trainAttrs(args);
  const { x, gamma, beta, movingMean, movingVariance } = args.inputs;
  const outputs = [
    b.makeOutput(x!.shape, 'float32'),
    b.makeOutput([channels], 'float32'),
    b.makeOutput([channels], 'float32'),
    b.makeOutput([SAVED_ROWS, channels], 'float32'),
  ] as const;
  const simd = batchNormSimd(args.backend, channels);
  const scratch = simd == null ? null : b.makeOutput([scratchFloats(channels)], 'float32');
  // Views only now: makeOutput may have grown (and so detached) the heap.
  const [y, mm, mv, saved] = outputs.map((o) => heapF32(b, o)) as Float32Array[];
  const params = { gamma: heapF32(b, gamma!), beta: heapF32(b, beta!), movingMean: heapF32(b, movingMean!), movingVariance: heapF32(b, movingVariance!) };
  const out = { y: y!, movingMean: mm!, movingVariance: mv!, saved: saved! };
  if (simd != null && scratch != null) {
    batchNormTrainForwardSimd(simd, heapF32(b, x!), rows, channels, params, epsilon, momentum, out, heapF32(b, scratch));
    b.disposeData(scratch.dataId);
  } else {
    batchNormTrainForward(heapF32(b, x!), rows, channels, params, epsilon, momentum, out);
  }
  return [...outputs];
}

function backwardWasm(args: KernelArgs): tf.TensorInfo[] {
  const { rows, channels } = backwardShapes(args.inputs);
  const b = asHeapBackend(args.backend, BN_TRAIN_GRAD);
  const { dy, x, saved } = args.inputs;
  const outputs = [b.makeOutput(x!.shape, 'float32'), b.makeOutput([channels], 'float32'), b.makeOutput([channels], 'float32')] as const;
  const simd = batchNormSimd(args.backend, channels);
  const scratch = simd == null ? null : b.makeOutput([scratchFloats(channels)], 'float32');
  const [dx, dGamma, dBeta] = outputs.map((o) => heapF32(b, o)) as Float32Array[];
  const out = { dx: dx!, dGamma: dGamma!, dBeta: dBeta! };
  if (simd != null && scratch != null) {
    batchNormTrainBackwardSimd(simd, heapF32(b, dy!), heapF32(b, x!), heapF32(b, saved!), rows, channels, out, heapF32(b, scratch));
    b.disposeData(scratch.dataId);
  } else {
    batchNormTrainBackward(heapF32(b, dy!), heapF32(b, x!), heapF32(b, saved!), rows, channels, out);
  }
  return [...outputs];
}

/** The WebGL programs take shapes and attrs on trust: check them here as the loops above do. */
function checked(kernel: tf.KernelFunc, check: (args: KernelArgs) => unknown): tf.KernelFunc {
  return (args) => {
    check(args);
    return kernel(args);
  };
}

const KERNELS: Record<string, [forward: tf.KernelFunc, backward: tf.KernelFunc]> = {
  cpu: [forwardCpu, backwardCpu],
  wasm: [forwardWasm, backwardWasm],
  webgl: [
    checked(batchNormTrainWebGL, (args) => [forwardShapes(args.inputs), trainAttrs(args)]),
    checked(batchNormTrainGradWebGL, (args) => backwardShapes(args.inputs)),
  ],
};

/**
 * Registers both kernels for `backendName` (by default every backend that has them: cpu, wasm, webgl; a backend
 * not among them keeps TF.js's own path), and the gradient. Idempotent; the backend need not be
 * loaded yet (TF.js looks kernels up when it runs one).
 */
export function registerFusedBatchNorm(backendName?: string): void {
  for (const [name, [forward, backward]] of Object.entries(KERNELS)) {
    if (backendName != null && name !== backendName) continue;
    for (const [kernelName, kernelFunc] of [
      [BN_TRAIN, forward],
      [BN_TRAIN_GRAD, backward],
    ] as const) {
      if (tf.getKernel(kernelName, name) != null) continue;
      tf.registerKernel({ kernelName, backendName: name, kernelFunc });
    }
  }
  if (tf.getGradient(BN_TRAIN) != null) return;
  tf.registerGradient({
    kernelName: BN_TRAIN,
    inputsToSave: ['x'],
    outputsToSave: [false, false, false, true],
    // Only y carries a gradient: the moving averages and saved statistics are state, not
    // values the loss is differentiated through (TF.js's layer treats them the same way).
    gradFunc: (dys, saved) => {
      const dy = Array.isArray(dys) ? dys[0]! : dys;
      const [x, stats] = saved;
      const [dx, dGamma, dBeta] = tf.engine().runKernel(BN_TRAIN_GRAD, { dy, x: x!, saved: stats! }) as tf.Tensor[];
      const none = () => tf.zerosLike(dBeta!);
      return { x: () => dx!, gamma: () => dGamma!, beta: () => dBeta!, movingMean: none, movingVariance: none };
    },
  });
}

/** Whether the fused kernels run on `backendName` (the active backend by default). */
export function hasFusedBatchNorm(backendName = tf.getBackend()): boolean {
  return tf.getKernel(BN_TRAIN, backendName) != null && tf.getKernel(BN_TRAIN_GRAD, backendName) != null;
}

/**
 * Training-mode BatchNorm over the channels of x in one kernel, differentiable with respect to
 * x, gamma and beta. The caller writes the new moving statistics into its variables.
 *
 * @param x [N, H, W, C] float32; gamma, beta, movingMean, movingVariance [C].
 * @returns y [N, H, W, C] and the moving mean and variance after this batch, [C] each.
 */
export function batchNormTrain(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  movingMean: tf.Tensor1D,
  movingVariance: tf.Tensor1D,
  attrs: BatchNormTrainAttrs,
): { y: tf.Tensor4D; movingMean: tf.Tensor1D; movingVariance: tf.Tensor1D } {
  const [y, mm, mv, saved] = tf.engine().runKernel(BN_TRAIN, { x, gamma, beta, movingMean, movingVariance }, attrs) as tf.Tensor[];
  // The tape keeps its own clone of `saved` for the backward pass.
  saved!.dispose();
  return { y: y as tf.Tensor4D, movingMean: mm as tf.Tensor1D, movingVariance: mv as tf.Tensor1D };
}

/**
 * Makes TF.js 4.22's WASM backend able to train our ResNets, and fast at it.
 *
 * Measured in Node by training conv / batchNorm / relu / add / maxPool /
 * avgPool / zeroPad / flatten / dense-softmax models with Adam, SGD and
 * momentum on 'wasm':
 * - Conv2DBackpropFilter is the only missing kernel;
 * - the built-in MaxPoolGrad gives wrong gradients (see wasm-pool-grads.ts);
 * - the built-in Conv2DBackpropInput, Tile, and Sum and Mean over leading
 *   axes are correct but slow: with our Conv2DBackpropFilter alone they were
 *   well over half of a training step (see wasm-conv-grads.ts, wasm-tile.ts,
 *   wasm-reduce.ts).
 * This module supplies those six, and three more that only save time:
 * Identity and same-dtype Cast share their input's data instead of copying
 * it (wasm-share.ts), and AvgPoolGrad for the global average pool takes one
 * pass (wasm-global-pool-grad.ts). BatchNorm trains with our fused kernels
 * (../bn-kernels.ts) and the optimizers update each variable in one kernel
 * (../fused-kernels.ts); ../register.ts registers them with these. ReLU's
 * gradient takes one kernel instead of three (relu-grad.ts). Every other
 * kernel the models use (FusedBatchNorm for inference, PadV2, BatchMatMul, …)
 * is the backend's own.
 *
 * Usage: call `registerWasmTrainingKernels()` once (../register.ts does, for
 * a user that trains), then `await tf.setBackend('wasm')`. Registering before or after the backend
 * starts both work: TF.js looks kernels up each time it runs one.
 */
import * as tf from '@tensorflow/tfjs';
// Imported for its side effect: it registers the backend and its built-in
// kernels. Their registration must come first, or it would overwrite ours.
import '@tensorflow/tfjs-backend-wasm';
import { conv2DBackpropFilterWasm, makeConv2DBackpropInputWasm } from './wasm-conv-grads';
import { makeAvgPoolGradWasm } from './wasm-global-pool-grad';
import { maxPoolGradWasm } from './wasm-pool-grads';
import { makeReduceWasm } from './wasm-reduce';
import { makeCastWasm, makeIdentityWasm } from './wasm-share';
import { makeTileWasm } from './wasm-tile';
import { registerReluGradient } from './relu-grad';

const BACKEND = 'wasm';

interface OwnKernel {
  kernelName: string;
  /** Builds our kernel, given the backend's own one if it has it. */
  make: (builtin: tf.KernelConfig | undefined) => tf.KernelFunc;
  /**
   * 'missing': register only where the backend has none (so a future TF.js
   * that ships its own wins). 'replace': the backend's own is wrong or slow.
   */
  when: 'missing' | 'replace';
}

const OWN_KERNELS: readonly OwnKernel[] = [
  { kernelName: tf.Conv2DBackpropFilter, make: () => conv2DBackpropFilterWasm, when: 'missing' },
  { kernelName: tf.MaxPoolGrad, make: () => maxPoolGradWasm, when: 'replace' },
  {
    kernelName: tf.Conv2DBackpropInput,
    make: (builtin) => makeConv2DBackpropInputWasm(builtin?.kernelFunc),
    when: 'replace',
  },
  { kernelName: tf.Tile, make: (builtin) => makeTileWasm(builtin?.kernelFunc), when: 'replace' },
  { kernelName: tf.Sum, make: (builtin) => makeReduceWasm('sum', builtin?.kernelFunc), when: 'replace' },
  { kernelName: tf.Mean, make: (builtin) => makeReduceWasm('mean', builtin?.kernelFunc), when: 'replace' },
  // The built-ins copy; these share the data (see wasm-share.ts).
  { kernelName: tf.Identity, make: (builtin) => makeIdentityWasm(builtin?.kernelFunc), when: 'replace' },
  { kernelName: tf.Cast, make: (builtin) => makeCastWasm(builtin?.kernelFunc), when: 'replace' },
  // Slow for the global average pool (see wasm-global-pool-grad.ts).
  { kernelName: tf.AvgPoolGrad, make: (builtin) => makeAvgPoolGradWasm(builtin?.kernelFunc), when: 'replace' },
];

/** The kernel names this module provides for 'wasm'. */
export const WASM_TRAINING_KERNELS: readonly string[] = OWN_KERNELS.map((k) => k.kernelName);

/** Kernel functions we registered, to recognise them on a second call. */
const ours = new WeakSet<tf.KernelFunc>();

/**
 * Registers our training kernels for the 'wasm' backend. Idempotent: our own
 * kernels, once registered, are left in place.
 *
 * @returns the names of the kernels registered by this call.
 */
export function registerWasmTrainingKernels(): string[] {
  // ReLU's gradient in one kernel on wasm (relu-grad.ts); TF.js's own composition elsewhere.
  registerReluGradient();
  const registered: string[] = [];
  for (const k of OWN_KERNELS) {
    // getKernel's type says it always returns a config; it returns undefined
    // for an unregistered kernel.
    const existing = tf.getKernel(k.kernelName, BACKEND) as tf.KernelConfig | undefined;
    if (existing != null && ours.has(existing.kernelFunc)) continue;
    if (existing != null && k.when === 'missing') continue;
    // Unregister first: registering over an existing kernel works too, but
    // TF.js then logs a warning.
    if (existing != null) tf.unregisterKernel(k.kernelName, BACKEND);
    const kernelFunc = k.make(existing);
    ours.add(kernelFunc);
    tf.registerKernel({
      kernelName: k.kernelName,
      backendName: BACKEND,
      kernelFunc,
      // Keep the built-in's setup (it binds the C++ function our fallback may
      // call) running when the backend initialises after this call.
      setupFunc: existing?.setupFunc,
      disposeFunc: existing?.disposeFunc,
    });
    registered.push(k.kernelName);
  }
  return registered;
}

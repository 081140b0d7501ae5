/**
 * ReLU's gradient on TF.js's WASM backend in one kernel (relu-grad.wat): dx = dy where x > 0.
 * TF.js's own gradient for Relu is Step, Cast and Multiply, three kernels and two passes over
 * every activation; the networks here run a ReLU after every BatchNorm.
 *
 * The gradient is TF.js's global registry entry for Relu, so `registerReluGradient` replaces it
 * for every backend: on 'wasm' it runs our kernel, elsewhere exactly TF.js's own composition.
 */
import * as tf from '@tensorflow/tfjs';
import { type KernelArgs } from '../kernel-args';
import { asHeapBackend, heapF32 } from './wasm-backend';
import * as bytes from './relu-grad-wasm';
import { simdBinder } from './simd-module';

export const RELU_GRAD = 'ResNetReluGrad';

type ReluGradExports = { reluGrad(dy: number, x: number, n: number, dx: number): void };
const bind = simdBinder<ReluGradExports>(bytes);

function reluGradWasm({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const b = asHeapBackend(backend, RELU_GRAD);
  const { dy, x } = inputs;
  if (dy == null || x == null || dy.dtype !== 'float32' || x.dtype !== 'float32' || dy.shape.join() !== x.shape.join()) {
    throw new Error(`${RELU_GRAD}: expected float32 dy and x of one shape.`);
  }
  const dx = b.makeOutput(x.shape, 'float32');
  const [g, v, out] = [heapF32(b, dy), heapF32(b, x), heapF32(b, dx)];
  const simd = bind(backend);
  // SIMD for the multiple of four; plain JavaScript for the rest (or all, without SIMD).
  const head = simd == null ? 0 : out.length - (out.length % 4);
  if (head > 0) simd!.reluGrad(g.byteOffset, v.byteOffset, head, out.byteOffset);
  for (let i = head; i < out.length; i++) out[i] = v[i]! > 0 ? g[i]! : 0;
  return dx;
}

/** Registers the kernel for 'wasm' and Relu's gradient that uses it there. Idempotent. */
export function registerReluGradient(): void {
  if (tf.getKernel(RELU_GRAD, 'wasm') == null) tf.registerKernel({ kernelName: RELU_GRAD, backendName: 'wasm', kernelFunc: reluGradWasm });
  if (tf.getGradient(tf.Relu)?.gradFunc === reluGradFunc) return;
  tf.registerGradient({ kernelName: tf.Relu, inputsToSave: ['x'], gradFunc: reluGradFunc });
}

function reluGradFunc(dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): Record<string, () => tf.Tensor> {
  const g = Array.isArray(dy) ? dy[0]! : dy;
  const [x] = saved;
  return {
    x: () => (tf.getBackend() === 'wasm' ? (tf.engine().runKernel(RELU_GRAD, { dy: g, x: x! }) as tf.Tensor) : tf.mul(g, tf.cast(tf.step(x!), 'float32'))),
  };
}

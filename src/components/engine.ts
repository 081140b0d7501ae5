/**
 * Starts TF.js's backend for every live part of the site, as src/lib/engine/policy.ts's table
 * says: the explorers and lesson demos on the page, the notebook kernel (and its grader), the
 * training lab in its worker and on its page, the loss-landscape worker. Here alone the
 * WebAssembly binaries are pointed at the site's own copy, under its base path (copied there by
 * scripts/copy-wasm.mjs), our kernels are registered for the backend that starts, and the WASM and
 * WebGPU backends are loaded only when one is started. No DOM: this runs in workers too.
 */
import * as tf from '@tensorflow/tfjs';
import { ENGINE_POLICY, engineFor, fallbackReason, type BackendName, type EngineUser } from '../lib/engine/policy';
import { registerKernels } from '../lib/engine/register';
import { registerBatchNormLayer } from '../lib/resnet/batch-norm';
import type { EngineInfo } from '../lib/train/trainer-protocol';
import { siteUrl } from './base-url';
import { gpuRenderer, hasWebGpu } from './gpu';

export type Engine = EngineInfo;

/** Puts TF.js on `name`, our kernels registered first; throws, saying why, when it cannot start here. */
async function startBackend(name: BackendName, training: boolean): Promise<void> {
  if (name === 'wasm') {
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    // Absolute: a worker may run from a blob: URL, against which a path does not resolve.
    setWasmPaths(siteUrl('wasm/'));
  }
  if (name === 'webgpu') {
    if (!hasWebGpu()) throw new Error('this browser has no WebGPU');
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  await registerKernels(name, { training });
  if (!(await tf.setBackend(name))) throw new Error(name === 'wasm' ? 'the WebAssembly backend did not start' : `the ${name} backend did not start`);
}

async function describe(backend: string, reason: string, renderer: string | null): Promise<Engine> {
  if (backend !== 'wasm') return { backend, reason, renderer };
  // Threads need cross-origin isolation (SharedArrayBuffer); without it WebAssembly runs on one.
  // With it, TF.js uses half the logical cores (it assumes two per physical core), at most 8.
  const [{ getThreadsCount }, { batchNormSimd }] = await Promise.all([import('@tensorflow/tfjs-backend-wasm'), import('../lib/engine/wasm/bn-simd')]);
  return { backend, reason, renderer, threads: getThreadsCount(), simd: batchNormSimd(tf.backend(), 4) != null };
}

/**
 * Puts TF.js on the backend ENGINE_POLICY gives `user` (with `choice`, the reader's pick, where
 * the user lets the reader pick), and says why; the CPU backend, which always starts, if that
 * one cannot. Saved models loaded afterwards get our BatchNorm layer.
 */
export async function startEngine(user: EngineUser, choice: 'auto' | BackendName = 'auto'): Promise<Engine> {
  const { pick, training } = ENGINE_POLICY[user];
  registerBatchNormLayer();
  const renderer = gpuRenderer();
  let picked = engineFor(user, renderer, choice);
  try {
    // A demo keeps the backend already running; a training user starts its own every time.
    if (pick === 'training' || tf.getBackend() !== picked.backend) await startBackend(picked.backend, training);
    // Whether the GPU renders 32-bit floats is known only once WebGL has started (many phones
    // render only 16-bit ones): 'auto' then moves to WASM, a pick of WebGL stays, warned.
    if (pick === 'training' && tf.getBackend() === 'webgl' && !tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED')) {
      picked = engineFor(user, renderer, choice, false);
      if (picked.backend !== 'webgl') await startBackend(picked.backend, training);
    }
    return await describe(tf.getBackend(), picked.reason, renderer);
  } catch (error) {
    await registerKernels('cpu', { training });
    await tf.setBackend('cpu');
    return describe('cpu', fallbackReason(picked.backend, error), renderer);
  }
}

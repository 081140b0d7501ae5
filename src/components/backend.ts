/**
 * Starts TF.js's backends for every live part of the site: the explorers and lesson demos on the
 * page, the grader's worker, and the training lab on the page and in its worker. Here alone the
 * WebAssembly binaries are pointed at the site's own copy, under its base path (copied there by
 * scripts/copy-wasm.mjs), and the WASM and WebGPU backends are loaded only when one is started.
 * Which backend the lab wants, and why, is decided in src/lib/train/backend.ts. No DOM: this runs
 * in workers too.
 */
import * as tf from '@tensorflow/tfjs';
import { fallbackReason, hasWebGpu, trainingBackendFor, type BackendName } from '../lib/train/backend';
import type { EngineInfo } from '../lib/train/trainer-protocol';
import { siteUrl } from './base-url';
import { gpuRenderer } from './model/gpu';

export type Engine = EngineInfo;

export interface StartOptions {
  /** Register our WASM training kernels before WASM starts (the lab trains; the others only run models). */
  trainingKernels?: boolean;
}

/** Puts TF.js on `name`; throws, saying why, when that backend cannot start here. */
export async function startBackend(name: BackendName, { trainingKernels = false }: StartOptions = {}): Promise<void> {
  if (name === 'wasm') {
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    // Absolute: the grader's worker runs from a blob: URL, against which a path does not resolve.
    setWasmPaths(siteUrl('wasm/'));
    if (trainingKernels) (await import('../lib/engine/wasm/wasm-kernels')).registerWasmTrainingKernels();
    if (!(await tf.setBackend('wasm'))) throw new Error('the WebAssembly backend did not start');
    return;
  }
  if (name === 'webgpu') {
    if (!hasWebGpu()) throw new Error('this browser has no WebGPU');
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend did not start`);
}

/** The first of `names` that is in use already or starts, else the CPU backend, which always does. */
export async function startFirst(names: readonly BackendName[]): Promise<BackendName> {
  for (const name of names) {
    if (tf.getBackend() === name) return name;
    try {
      await startBackend(name);
      return name;
    } catch {
      // Not in this browser: try the next.
    }
  }
  await tf.setBackend('cpu');
  return 'cpu';
}

/** The explorers' and demos' backend: WebGL where the browser has it, else the CPU. */
export function startDemoBackend(): Promise<BackendName> {
  return startFirst(['webgl']);
}

async function describe(backend: string, reason: string, renderer: string | null): Promise<Engine> {
  if (backend !== 'wasm') return { backend, reason, renderer };
  // Threads need cross-origin isolation (SharedArrayBuffer); without it WebAssembly runs on one.
  // With it, TF.js uses half the logical cores (it assumes two per physical core), at most 8.
  const [{ getThreadsCount }, { batchNormSimd }] = await Promise.all([import('@tensorflow/tfjs-backend-wasm'), import('../lib/engine/wasm/bn-simd')]);
  return { backend, reason, renderer, threads: getThreadsCount(), simd: batchNormSimd(tf.backend(), 4) != null };
}

/** Puts TF.js on the backend the lab will train with, and says why it chose it; the CPU if that fails. */
export async function useBackend(choice: 'auto' | BackendName): Promise<Engine> {
  const renderer = gpuRenderer();
  let picked = trainingBackendFor(choice, renderer);
  try {
    await startBackend(picked.backend, { trainingKernels: true });
    // Whether the GPU renders 32-bit floats is known only once WebGL has started (many phones
    // render only 16-bit ones): 'auto' then moves to WASM, a pick of WebGL stays, warned.
    if (tf.getBackend() === 'webgl' && !tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED')) {
      picked = trainingBackendFor(choice, renderer, false);
      if (picked.backend !== 'webgl') await startBackend(picked.backend, { trainingKernels: true });
    }
    return await describe(tf.getBackend(), picked.reason, renderer);
  } catch (error) {
    await tf.setBackend('cpu');
    return describe('cpu', fallbackReason(picked.backend, error), renderer);
  }
}

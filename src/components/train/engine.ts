/**
 * Puts TF.js on the backend the lab will train with, and says why it chose it. Runs on the page
 * and in the training worker alike (no DOM).
 */
import * as tf from '@tensorflow/tfjs';
import { chooseTrainingBackend, hasWebGpu, type BackendName } from '../../lib/train/backend';
import type { EngineInfo } from '../../lib/train/trainer-protocol';
import { withBase } from '../base-url';
import { gpuRenderer } from '../model/gpu';

export type Engine = EngineInfo;

let wasmThreads: (() => number) | undefined;
let wasmSimd = false;

async function startWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // The .wasm binaries are copied into the site at build time (scripts/copy-wasm.mjs).
  wasm.setWasmPaths(withBase('wasm/'));
  const { registerWasmTrainingKernels } = await import('../../lib/wasm/wasm-kernels');
  registerWasmTrainingKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('the WebAssembly backend did not start');
  wasmThreads = wasm.getThreadsCount;
  const { batchNormSimd } = await import('../../lib/wasm/bn-simd');
  wasmSimd = batchNormSimd(tf.backend(), 4) != null;
}

async function start(name: BackendName): Promise<void> {
  if (name === 'wasm') return startWasm();
  if (name === 'webgpu') {
    if (!hasWebGpu()) throw new Error('this browser has no WebGPU');
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend did not start`);
}

function describe(backend: string, reason: string, renderer: string | null): Engine {
  // Threads need cross-origin isolation (SharedArrayBuffer); without it WebAssembly runs on one.
  // With it, TF.js uses half the logical cores (it assumes two per physical core), at most 8.
  return backend === 'wasm' && wasmThreads ? { backend, reason, renderer, threads: wasmThreads(), simd: wasmSimd } : { backend, reason, renderer };
}

export async function useBackend(choice: 'auto' | BackendName): Promise<Engine> {
  const renderer = gpuRenderer();
  const available: BackendName[] = renderer === null ? ['wasm', 'cpu'] : ['webgl', 'wasm', 'cpu'];
  const picked = choice === 'auto' ? chooseTrainingBackend(renderer, available) : { backend: choice, reason: `You chose ${choice}.` };
  try {
    await start(picked.backend);
    return describe(tf.getBackend(), picked.reason, renderer);
  } catch (error) {
    await tf.setBackend('cpu');
    const why = error instanceof Error ? error.message : String(error);
    return describe('cpu', `${picked.backend} could not start here (${why}), so training runs on the CPU backend.`, renderer);
  }
}

/**
 * Our kernels, registered when a backend starts rather than when a module is imported: whoever
 * starts TF.js (the site's starter, src/components/engine.ts; the unit tests' setup; the scripts)
 * calls `registerKernels` for the backend it starts, before it starts it, and so nothing changes
 * TF.js's global registry behind an import.
 */
import { registerFusedBatchNorm } from './bn-kernels';
import { registerFusedOptimizerKernels } from './fused-optimizers';

export interface RegisterOptions {
  /**
   * Whether this user trains on WASM, and so needs the kernels that make WASM train (and train
   * fast): Conv2DBackpropFilter and the rest of wasm/wasm-kernels.ts, loaded only then.
   */
  training?: boolean;
}

/**
 * Registers our kernels for `backendName`: the fused BatchNorm and optimizer kernels wherever they
 * exist (cpu, wasm, webgl; a demo's forward pass in training mode uses BatchNorm's too), and with
 * `training` on 'wasm' the WASM training kernels. Call it before `tf.setBackend(backendName)`, so
 * the backend's first kernel call already finds ours. Idempotent.
 */
export async function registerKernels(backendName: string, { training = false }: RegisterOptions = {}): Promise<void> {
  registerFusedBatchNorm(backendName);
  registerFusedOptimizerKernels(backendName);
  if (training && backendName === 'wasm') (await import('./wasm/wasm-kernels')).registerWasmTrainingKernels();
}

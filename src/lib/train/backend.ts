/**
 * Which TF.js backend the lab starts on. WebGL is the default where the GPU is real; where the
 * browser runs WebGL in software (SwiftShader, llvmpipe — about a hundred times slower than native
 * code on the same CPU), WASM is faster, and the reader is told why. Pure: the caller reads the
 * renderer string and the list of backends the browser offers. Starting the backend chosen is
 * src/components/backend.ts's job, which needs the site's URL; this module loads no TF.js, so the
 * lab's page can ask `hasWebGpu` without it.
 */

export type BackendName = 'webgl' | 'wasm' | 'webgpu' | 'cpu';

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|microsoft basic render|mesa offscreen/i;

/** Whether this browser offers WebGPU at all (the lab offers the backend only then). */
export function hasWebGpu(): boolean {
  return typeof navigator !== 'undefined' && 'gpu' in navigator;
}

export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && SOFTWARE.test(renderer);
}

export interface BackendChoice {
  backend: BackendName;
  /** Why, in a sentence for the reader. */
  reason: string;
}

export function chooseTrainingBackend(renderer: string | null, available: readonly BackendName[]): BackendChoice {
  const has = (b: BackendName) => available.includes(b);
  if (renderer !== null && !isSoftwareRenderer(renderer) && has('webgl')) {
    return { backend: 'webgl', reason: `Your GPU (${renderer}) runs WebGL: training uses it.` };
  }
  const fallback: BackendName = has('wasm') ? 'wasm' : 'cpu';
  const name = fallback === 'wasm' ? 'WebAssembly (WASM)' : 'the CPU backend';
  if (renderer === null) return { backend: fallback, reason: `This browser has no WebGL, so training runs on ${name}.` };
  return {
    backend: fallback,
    reason: `Your browser draws WebGL in software (${renderer}), which is far slower than running on the processor directly, so training runs on ${name}. You can still pick WebGL.`,
  };
}

/** The lab's choice made concrete: the reader's own pick, or for 'auto' the best this browser has. */
export function trainingBackendFor(choice: 'auto' | BackendName, renderer: string | null): BackendChoice {
  if (choice !== 'auto') return { backend: choice, reason: `You chose ${choice}.` };
  const available: BackendName[] = renderer === null ? ['wasm', 'cpu'] : ['webgl', 'wasm', 'cpu'];
  return chooseTrainingBackend(renderer, available);
}

/** Why training runs on the CPU after `backend` failed to start with `error`. */
export function fallbackReason(backend: BackendName, error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  return `${backend} could not start here (${why}), so training runs on the CPU backend.`;
}

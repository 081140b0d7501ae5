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

/**
 * Why a GPU that renders only 16-bit floats does not train by default. Measured on Tiny with
 * TF.js's WEBGL_FORCE_F16_TEXTURES (tests/e2e/f16-webgl.spec.ts): TF.js's own layers and Adam
 * reach NaN at the second step; ours track a 32-bit run over 40 steps, but about one in ten of
 * Adam's second moments is stored as 0, and longer runs were not measured.
 */
const HALF_FLOAT = "renders only 16-bit floats, in which small values such as Adam's squared gradients round to zero";

/**
 * Which backend trains here, and why. `float32Renderable` is TF.js's WEBGL_RENDER_FLOAT32_ENABLED,
 * known only once WebGL has started: false where the GPU renders only 16-bit floats (many phones
 * and some laptops), and then training runs on WASM too.
 */
export function chooseTrainingBackend(renderer: string | null, available: readonly BackendName[], float32Renderable = true): BackendChoice {
  const has = (b: BackendName) => available.includes(b);
  const hardware = renderer !== null && !isSoftwareRenderer(renderer);
  if (hardware && has('webgl') && float32Renderable) {
    return { backend: 'webgl', reason: `Your GPU (${renderer}) runs WebGL: training uses it.` };
  }
  const fallback: BackendName = has('wasm') ? 'wasm' : 'cpu';
  const name = fallback === 'wasm' ? 'WebAssembly (WASM)' : 'the CPU backend';
  if (renderer === null) return { backend: fallback, reason: `This browser has no WebGL, so training runs on ${name}.` };
  if (hardware)
    return { backend: fallback, reason: `Your GPU (${renderer}) ${HALF_FLOAT}, so training runs on ${name}, in 32-bit floats. You can still pick WebGL.` };
  return {
    backend: fallback,
    reason: `Your browser draws WebGL in software (${renderer}), which is far slower than running on the processor directly, so training runs on ${name}. You can still pick WebGL.`,
  };
}

/**
 * The lab's choice made concrete: the reader's own pick, or for 'auto' the best this browser has.
 * A pick of WebGL on a GPU that renders only 16-bit floats (`float32Renderable` false) is kept,
 * with a warning.
 */
export function trainingBackendFor(choice: 'auto' | BackendName, renderer: string | null, float32Renderable = true): BackendChoice {
  if (choice === 'webgl' && !float32Renderable) {
    return {
      backend: choice,
      reason: `You chose webgl. Beware: this GPU ${HALF_FLOAT}, so losses may drift from a 32-bit run; WebAssembly (WASM) keeps 32-bit floats.`,
    };
  }
  if (choice !== 'auto') return { backend: choice, reason: `You chose ${choice}.` };
  const available: BackendName[] = renderer === null ? ['wasm', 'cpu'] : ['webgl', 'wasm', 'cpu'];
  return chooseTrainingBackend(renderer, available, float32Renderable);
}

/** Why training runs on the CPU after `backend` failed to start with `error`. */
export function fallbackReason(backend: BackendName, error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  return `${backend} could not start here (${why}), so training runs on the CPU backend.`;
}

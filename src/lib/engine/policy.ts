/**
 * Which TF.js backend each part of the site gets, and why: one table (ENGINE_POLICY) and the
 * choice behind it. WebGL is the training default where the GPU is real; where the browser runs
 * WebGL in software (SwiftShader, llvmpipe — about a hundred times slower than native code on the
 * same CPU), WASM is faster, and the reader is told why. Pure: the caller reads the renderer
 * string and whether WebGL renders 32-bit floats. Starting the backend chosen is
 * src/components/engine.ts's job, which needs the site's URL and a canvas; this module loads no
 * TF.js.
 */

export type BackendName = 'webgl' | 'wasm' | 'webgpu' | 'cpu';

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|microsoft basic render|mesa offscreen/i;

/** Whether `renderer` (WebGL's unmasked renderer string) draws in software rather than on a GPU. */
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

/** Every part of the site that runs TF.js. */
export type EngineUser = 'lab' | 'landscape' | 'notebook' | 'page' | 'demo';

export interface EngineRule {
  /**
   * 'training': the lab's choice (`trainingBackendFor`), the best this browser trains on;
   * 'webgl': WebGL, which runs a model forward well even in software. Either falls back to the
   * CPU backend when it cannot start.
   */
  pick: 'training' | 'webgl';
  /** Whether the reader picks the backend (only the lab offers a choice); otherwise 'auto'. */
  readerPicks: boolean;
  /** Whether it trains on WASM, and so needs WASM's training kernels (see register.ts). */
  training: boolean;
  /** Who this is, where it runs, and why it gets this. */
  why: string;
}

/** Which backend each user of TF.js gets. The starter (src/components/engine.ts) reads this alone. */
export const ENGINE_POLICY: Readonly<Record<EngineUser, EngineRule>> = {
  lab: {
    pick: 'training',
    readerPicks: true,
    training: true,
    why: "The training lab's worker (trainer.worker.ts): it trains, on the reader's pick or the best this browser has.",
  },
  landscape: {
    pick: 'training',
    readerPicks: false,
    training: true,
    why: 'The degradation experiment and the loss landscape (landscape.worker.ts): they train, as the lab would by default.',
  },
  notebook: {
    pick: 'training',
    readerPicks: false,
    training: true,
    why: "The notebook kernel (kernel.worker.ts), which also grades the exercises: Keras's fit trains there, at the lab's speed.",
  },
  page: {
    pick: 'training',
    readerPicks: false,
    training: true,
    why: "The lab's page (keep-panel.ts), once a trained model is kept or loaded there: the backend the lab trains on, so it predicts as it did.",
  },
  demo: {
    pick: 'webgl',
    readerPicks: false,
    training: false,
    why: 'The explorers and lesson demos on the page: they run small models forward (and the gradient demo a few steps of SGD), for which WebGL is fast enough and already loaded.',
  },
};

/**
 * The backend `user` starts on in a browser with WebGL renderer `renderer` (null: no WebGL), and
 * why. `choice` is the reader's pick, heeded only where the user lets the reader pick (the lab);
 * `float32Renderable` as for `chooseTrainingBackend`.
 */
export function engineFor(user: EngineUser, renderer: string | null, choice: 'auto' | BackendName = 'auto', float32Renderable = true): BackendChoice {
  const rule = ENGINE_POLICY[user];
  if (rule.pick === 'webgl') return { backend: 'webgl', reason: 'The explorers and demos run on WebGL, else on the CPU backend.' };
  return trainingBackendFor(rule.readerPicks ? choice : 'auto', renderer, float32Renderable);
}

/**
 * The fused BatchNorm kernels (see bn-kernels.ts) for TF.js's WebGL backend, as GPGPU programs:
 * fragment shaders, each writing one output texture, run with the backend's `runWebGLProgram`.
 *
 * A per-channel reduction over N·H·W rows with one thread per channel would leave a GPU nearly
 * idle (16 threads for 25,088 rows), so each reduction runs in two steps: ⌈√M⌉ partial sums per
 * channel, each over ⌈√M⌉ rows, then a sum of the partials. Forward: 7 programs (partial sums,
 * mean, partial squared deviations, saved statistics, two moving averages, y); backward: 4
 * (partial Σdy and Σdy·(x − mean), dβ, dγ, dx) — where TF.js's own path runs about eighty.
 *
 * Shapes are written into the shader source, as TF.js's own programs do: the backend compiles
 * each distinct program once and caches it.
 *
 * This folder holds the WebGL programs of kernels that run on several backends: the kernels
 * themselves, their argument checks and their registration are backend-neutral and sit one level
 * up, in src/lib/engine (bn-kernels.ts registers these beside the CPU and WASM ones), so the
 * dependency runs one way, from there down to here.
 */
import type * as tf from '@tensorflow/tfjs';
import { SAVED_ROWS } from '../bn-math';
import { attrsOf, type KernelArgs } from '../kernel-args';

/** What `runWebGLProgram` needs of a program: inputs by name, output shape, GLSL `main`. */
interface Program {
  variableNames: string[];
  outputShape: number[];
  userCode: string;
}

/** The WebGL backend's surface these kernels use, typed structurally (as ../wasm/wasm-backend.ts types WASM's). */
interface WebGLProgramBackend {
  runWebGLProgram(program: Program, inputs: tf.TensorInfo[], outputDtype: tf.DataType): tf.TensorInfo;
  disposeIntermediateTensorInfo(info: tf.TensorInfo): void;
}

function asWebGLBackend(backend: unknown): WebGLProgramBackend {
  const b = backend as Partial<WebGLProgramBackend> | null;
  if (b == null || typeof b.runWebGLProgram !== 'function' || typeof b.disposeIntermediateTensorInfo !== 'function') {
    throw new Error("ResNetBatchNormTrain: this kernel only runs on TF.js's 'webgl' backend.");
  }
  return b as WebGLProgramBackend;
}

/** A number as a GLSL float literal (GLSL has no implicit int → float). */
function glslFloat(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`Not a finite number: ${v}.`);
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** Sizes of x [N, H, W, C] seen as M rows of C, and of the two-step reduction. */
interface Layout {
  shape: number[];
  M: number;
  C: number;
  /** Rows per partial sum. */
  R: number;
  /** Partial sums per channel. */
  B: number;
}

function layoutOf(x: tf.TensorInfo): Layout {
  const [n, h, w, C] = x.shape as [number, number, number, number];
  const M = n * h * w;
  const R = Math.max(1, Math.ceil(Math.sqrt(M)));
  return { shape: x.shape, M, C, R, B: Math.max(1, Math.ceil(M / R)) };
}

/** GLSL: `<name>At(r, c)`, the value of a 4-D input at flat row r (over N·H·W) and channel c. */
function rowGetter(name: string, { shape }: Layout): string {
  const [, h, w] = shape as [number, number, number, number];
  const getter = `get${name[0]!.toUpperCase()}${name.slice(1)}`;
  return `
    float ${name}At(int r, int c) {
      int n = r / ${h * w};
      int s = r - n * ${h * w};
      int i = s / ${w};
      return ${getter}(n, i, s - i * ${w}, c);
    }`;
}

/** [B, C]: partial sums over R rows of x (or, with `mean`, of (x − mean)²). */
function partialSums(l: Layout, centred: boolean): Program {
  return {
    variableNames: centred ? ['x', 'mean'] : ['x'],
    outputShape: [l.B, l.C],
    userCode: `${rowGetter('x', l)}
    void main() {
      ivec2 bc = getOutputCoords();
      int c = bc.y;
      int start = bc.x * ${l.R};
      float shift = ${centred ? 'getMean(c)' : '0.0'};
      float acc = 0.0;
      for (int i = 0; i < ${l.R}; i++) {
        int r = start + i;
        if (r < ${l.M}) {
          float d = xAt(r, c) - shift;
          acc += ${centred ? 'd * d' : 'd'};
        }
      }
      setOutput(acc);
    }`,
  };
}

/** GLSL: `float total(int c)`, Σ over the B partial sums of column `column(c)` of input p. */
function totalOf(l: Layout, column = 'c'): string {
  return `
    float total(int c) {
      float s = 0.0;
      for (int b = 0; b < ${l.B}; b++) s += getP(b, ${column});
      return s;
    }`;
}

/** [C]: the batch mean from the partial sums. */
function meanProgram(l: Layout): Program {
  return {
    variableNames: ['p'],
    outputShape: [l.C],
    userCode: `${totalOf(l)}
    void main() { setOutput(total(getOutputCoords()) / float(${l.M})); }`,
  };
}

/** [3, C]: what the backward needs (bn-math.ts's SAVED_ROWS): mean, 1/√(var + ε), γ. */
function savedProgram(l: Layout, epsilon: number): Program {
  return {
    variableNames: ['mean', 'p', 'gamma'],
    outputShape: [SAVED_ROWS, l.C],
    userCode: `${totalOf(l)}
    void main() {
      ivec2 rc = getOutputCoords();
      int c = rc.y;
      float v = getGamma(c);
      if (rc.x == 0) v = getMean(c);
      if (rc.x == 1) v = 1.0 / sqrt(total(c) / float(${l.M}) + ${glslFloat(epsilon)});
      setOutput(v);
    }`,
  };
}

/**
 * [C]: moving − (moving − batch) · (1 − momentum), as TF.js's layer updates its moving averages.
 * The batch value is the mean [C], or for the variance the biased variance from partial sums.
 */
function movingProgram(l: Layout, momentum: number, ofVariance: boolean): Program {
  return {
    variableNames: ['moving', 'p'],
    outputShape: [l.C],
    userCode: `${ofVariance ? totalOf(l) : ''}
    void main() {
      int c = getOutputCoords();
      float batch = ${ofVariance ? `total(c) / float(${l.M})` : 'getP(c)'};
      float moving = getMoving(c);
      setOutput(moving - (moving - batch) * ${glslFloat(Math.fround(1 - momentum))});
    }`,
  };
}

/** [N, H, W, C]: y = (x − mean) / √(var + ε) · γ + β. */
function outputProgram(l: Layout): Program {
  return {
    variableNames: ['x', 'saved', 'beta'],
    outputShape: l.shape,
    userCode: `
    void main() {
      ivec4 co = getOutputCoords();
      int c = co.w;
      float x = getX(co.x, co.y, co.z, c);
      setOutput((x - getSaved(0, c)) * getSaved(1, c) * getSaved(2, c) + getBeta(c));
    }`,
  };
}

/** One program of a kernel: its result's name, and the tensors its variables read, in order. */
type Step = [name: string, program: Program, from: string[]];

/** Runs the steps in order, each reading inputs and earlier results by name; frees all but `keep`. */
function runAll(backend: WebGLProgramBackend, inputs: tf.NamedTensorInfoMap, steps: Step[], keep: string[]): tf.TensorInfo[] {
  const made: Record<string, tf.TensorInfo> = {};
  for (const [name, program, from] of steps) {
    const args = from.map((v) => {
      const t = made[v] ?? inputs[v];
      if (t == null) throw new Error(`ResNetBatchNormTrain: no tensor '${v}' for the WebGL program.`);
      return t;
    });
    made[name] = backend.runWebGLProgram(program, args, 'float32');
  }
  for (const [name, t] of Object.entries(made)) if (!keep.includes(name)) backend.disposeIntermediateTensorInfo(t);
  return keep.map((name) => made[name]!);
}

/** Forward kernel for 'webgl': inputs, attrs and outputs as in bn-kernels.ts. */
export function batchNormTrainWebGL(args: KernelArgs): tf.TensorInfo[] {
  const backend = asWebGLBackend(args.backend);
  const { epsilon, momentum } = attrsOf<{ epsilon: number; momentum: number }>(args);
  const l = layoutOf(args.inputs.x!);
  return runAll(
    backend,
    args.inputs,
    [
      ['sums', partialSums(l, false), ['x']],
      ['mean', meanProgram(l), ['sums']],
      ['squares', partialSums(l, true), ['x', 'mean']],
      ['saved', savedProgram(l, epsilon), ['mean', 'squares', 'gamma']],
      ['newMean', movingProgram(l, momentum, false), ['movingMean', 'mean']],
      ['newVariance', movingProgram(l, momentum, true), ['movingVariance', 'squares']],
      ['y', outputProgram(l), ['x', 'saved', 'beta']],
    ],
    ['y', 'newMean', 'newVariance', 'saved'],
  );
}

/** [B, 2C]: partial sums over R rows; column c < C holds Σ dy, column C + c Σ dy · (x − mean). */
function gradPartials(l: Layout): Program {
  return {
    variableNames: ['dy', 'x', 'saved'],
    outputShape: [l.B, 2 * l.C],
    userCode: `${rowGetter('dy', l)}${rowGetter('x', l)}
    void main() {
      ivec2 bj = getOutputCoords();
      bool centred = bj.y >= ${l.C};
      int c = centred ? bj.y - ${l.C} : bj.y;
      int start = bj.x * ${l.R};
      float mean = getSaved(0, c);
      float acc = 0.0;
      for (int i = 0; i < ${l.R}; i++) {
        int r = start + i;
        if (r < ${l.M}) {
          float g = dyAt(r, c);
          acc += centred ? g * (xAt(r, c) - mean) : g;
        }
      }
      setOutput(acc);
    }`,
  };
}

/** [C]: dβ = Σ dy, or with `gamma`, dγ = Σ dy · (x − mean) / √(var + ε). */
function paramGradProgram(l: Layout, gamma: boolean): Program {
  return {
    variableNames: gamma ? ['p', 'saved'] : ['p'],
    outputShape: [l.C],
    userCode: `${totalOf(l, gamma ? `${l.C} + c` : 'c')}
    void main() {
      int c = getOutputCoords();
      setOutput(total(c)${gamma ? ' * getSaved(1, c)' : ''});
    }`,
  };
}

/** [N, H, W, C]: dx = γ / √(var + ε) · (dy − dβ / M − x̂ · dγ / M). */
function inputGradProgram(l: Layout): Program {
  return {
    variableNames: ['dy', 'x', 'saved', 'dBeta', 'dGamma'],
    outputShape: l.shape,
    userCode: `
    void main() {
      ivec4 co = getOutputCoords();
      int c = co.w;
      float invStd = getSaved(1, c);
      float xhat = (getX(co.x, co.y, co.z, c) - getSaved(0, c)) * invStd;
      float m = float(${l.M});
      setOutput(getSaved(2, c) * invStd * (getDy(co.x, co.y, co.z, c) - getDBeta(c) / m - xhat * getDGamma(c) / m));
    }`,
  };
}

/** Backward kernel for 'webgl': inputs dy, x, saved; outputs dx, dGamma, dBeta (see bn-kernels.ts). */
export function batchNormTrainGradWebGL(args: KernelArgs): tf.TensorInfo[] {
  const backend = asWebGLBackend(args.backend);
  const l = layoutOf(args.inputs.x!);
  return runAll(
    backend,
    args.inputs,
    [
      ['partials', gradPartials(l), ['dy', 'x', 'saved']],
      ['dBeta', paramGradProgram(l, false), ['partials']],
      ['dGamma', paramGradProgram(l, true), ['partials', 'saved']],
      ['dx', inputGradProgram(l), ['dy', 'x', 'saved', 'dBeta', 'dGamma']],
    ],
    ['dx', 'dGamma', 'dBeta'],
  );
}

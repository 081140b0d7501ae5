/**
 * The fused optimizer kernels on TF.js's WebGL backend: GPGPU programs run with the backend's own
 * `runWebGLProgram`. A fragment shader writes one texture, so Adam takes three programs per
 * variable (new value, first moment, second moment) and momentum two, against the stock chain's
 * 14 and 4 dispatches.
 *
 * The constants travel as uniforms, not in the shader text: the bias correction changes every
 * step, and text that changed would compile a new shader every step.
 *
 * The programs are packed (four values per texel) when the backend packs its binary ops, as it
 * does by default: the stock update then leaves the variable packed, and so must we, or every
 * conv would first run a program to pack its filter, every step.
 *
 * Like bn-webgl.ts, this is one backend of kernels defined one level up: ../fused-kernels.ts holds
 * the kernels' names, input checks and CPU and WASM versions, and ../fused-optimizers.ts registers
 * all three backends.
 */
import * as tf from '@tensorflow/tfjs';
import { FUSED_ADAM, FUSED_MOMENTUM, sameShapeInputs } from '../fused-kernels';
import type { AdamCoefficients, MomentumCoefficients } from '../fused-update';
import { attrsOf, type KernelArgs } from '../kernel-args';

/** A GPGPU program as tfjs-backend-webgl 4.22 defines one (gpgpu_math.d.ts), the fields we use. */
interface Program {
  variableNames: string[];
  outputShape: number[];
  userCode: string;
  packedInputs: boolean;
  packedOutput: boolean;
  enableShapeUniforms: boolean;
  customUniforms: { name: string; type: 'float' | 'vec4' }[];
}

interface WebGLBackendLike {
  runWebGLProgram(program: Program, inputs: tf.TensorInfo[], outputDtype: tf.DataType, customUniformValues?: number[][]): tf.TensorInfo;
}

function asWebGL(backend: unknown, kernelName: string): WebGLBackendLike {
  const b = backend as Partial<WebGLBackendLike> | null;
  if (b == null || typeof b.runWebGLProgram !== 'function') throw new Error(`${kernelName}: this kernel only runs on TF.js's 'webgl' backend.`);
  return b as WebGLBackendLike;
}

/** What our uniforms hold, so each shader reads its constants by name. */
const UNIFORMS = {
  adam: [
    { name: 'adamBetas', type: 'vec4' }, // beta1, 1 − beta1, beta2, 1 − beta2
    { name: 'adamStep', type: 'vec4' }, // 1 − beta1^t, 1 − beta2^t, epsilon, −lr
  ],
  momentum: [
    { name: 'momentumStep', type: 'vec4' }, // momentum, −lr, 0, 0
  ],
} as const;

/**
 * A program over inputs of `shape`, in the backend's packing. `body` is GLSL in which `T` is the
 * element type (vec4 packed, float unpacked) and `getXAtOutCoords()` etc. read the inputs.
 */
function program(shape: number[], variableNames: string[], body: string, uniforms: readonly { name: string; type: 'vec4' }[]): Program {
  const packed = tf.env().getBool('WEBGL_PACK_BINARY_OPERATIONS');
  const type = packed ? 'vec4' : 'float';
  return {
    variableNames,
    outputShape: shape,
    // As tfjs-backend-webgl's useShapeUniforms: shape-agnostic shaders where the backend uses them.
    enableShapeUniforms: tf.env().getBool('WEBGL_USE_SHAPES_UNIFORMS') && shape.length <= 4,
    packedInputs: packed,
    packedOutput: packed,
    customUniforms: uniforms.map((u) => ({ ...u })),
    userCode: `#define T ${type}\nvoid main() {\n${body}\n}`,
  };
}

/** TF.js's epsilon for 16-bit backends (EPSILON_FLOAT16 in tfjs-core's backend.ts). */
const EPSILON_FLOAT16 = 1e-4;

/**
 * Adam's epsilon where textures hold 16-bit floats: at least TF.js's own for such backends. The
 * second moment v is stored between steps, and in half floats a v under about 6e-8 is 0, so a
 * weight whose gradient falls small takes m̂ / ε steps: with ε = 1e-7 (the float32 value, which
 * TF.js's precision probe hands such a backend) Tiny reached NaN after 37 steps here, with 1e-4
 * it tracked the 32-bit run. Where textures are 32-bit, ε is the optimizer's own.
 */
function halfFloatEpsilon(epsilon: number): number {
  return tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED') ? epsilon : Math.max(epsilon, EPSILON_FLOAT16);
}

const ADAM_M = `
  T m1 = getMAtOutCoords() * adamBetas.x + getGAtOutCoords() * adamBetas.y;`;
const ADAM_V = `
  T g = getGAtOutCoords();
  T v1 = getVAtOutCoords() * adamBetas.z + (g * g) * adamBetas.w;`;

/** Inputs x, g, m, v (one shape); attrs AdamCoefficients → [x', m', v']. */
export function webglAdam(args: KernelArgs): tf.TensorInfo[] {
  const { inputs, backend } = args;
  const [x, g, m, v] = sameShapeInputs(FUSED_ADAM, inputs, ['x', 'g', 'm', 'v']) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  const gl = asWebGL(backend, FUSED_ADAM);
  const c = attrsOf<AdamCoefficients>(args);
  const values = [
    [c.beta1, c.oneMinusBeta1, c.beta2, c.oneMinusBeta2],
    [c.correction1, c.correction2, halfFloatEpsilon(c.epsilon), c.negLr],
  ];
  const shape = x.shape;
  const newX = program(
    shape,
    ['X', 'G', 'M', 'V'],
    `${ADAM_M}${ADAM_V}
  T step = ((m1 / adamStep.x) / (sqrt(v1 / adamStep.y) + adamStep.z)) * adamStep.w;
  setOutput(step + getXAtOutCoords());`,
    UNIFORMS.adam,
  );
  const newM = program(shape, ['G', 'M'], `${ADAM_M}\n  setOutput(m1);`, UNIFORMS.adam);
  const newV = program(shape, ['G', 'V'], `${ADAM_V}\n  setOutput(v1);`, UNIFORMS.adam);
  return [
    gl.runWebGLProgram(newX, [x, g, m, v], 'float32', values),
    gl.runWebGLProgram(newM, [g, m], 'float32', values),
    gl.runWebGLProgram(newV, [g, v], 'float32', values),
  ];
}

/** Inputs x, g, a (one shape); attrs MomentumCoefficients → [x', a']. */
export function webglMomentum(args: KernelArgs): tf.TensorInfo[] {
  const { inputs, backend } = args;
  const [x, g, a] = sameShapeInputs(FUSED_MOMENTUM, inputs, ['x', 'g', 'a']) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  const gl = asWebGL(backend, FUSED_MOMENTUM);
  const c = attrsOf<MomentumCoefficients>(args);
  const values = [[c.momentum, c.negLr, 0, 0]];
  const accumulate = `
  T g = getGAtOutCoords();
  T a1 = momentumStep.x * getAAtOutCoords() + g;`;
  const direction = c.useNesterov ? 'g + a1 * momentumStep.x' : 'a1';
  const newX = program(x.shape, ['X', 'G', 'A'], `${accumulate}\n  setOutput(momentumStep.y * (${direction}) + getXAtOutCoords());`, UNIFORMS.momentum);
  const newA = program(x.shape, ['G', 'A'], `${accumulate}\n  setOutput(a1);`, UNIFORMS.momentum);
  return [gl.runWebGLProgram(newX, [x, g, a], 'float32', values), gl.runWebGLProgram(newA, [g, a], 'float32', values)];
}

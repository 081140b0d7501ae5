/**
 * Adam and momentum with one kernel per variable per step (see fused-kernels.ts), as drop-in
 * subclasses of TF.js's own: `model.compile` takes them, `dispose()` frees their moments,
 * `getWeights`/`setWeights` and the serialised config are the parent's.
 *
 * Where the backend in use has no fused kernel (WebGPU, say), a step is the parent's own, so the
 * optimizers train anywhere TF.js does.
 *
 * Adam's bias correction needs beta^t each step. The parent keeps it in two scalar variables and
 * spends four kernels a step advancing them; reading them back would stall a GPU. We keep the same
 * float32 values in JavaScript numbers instead, advanced by the same float32 multiply, and write
 * them into the parent's variables only before a stock step needs them.
 */
import * as tf from '@tensorflow/tfjs';
import { cpuAdam, cpuMomentum, FUSED_ADAM, FUSED_MOMENTUM, hasFusedKernel, wasmAdam, wasmMomentum } from './fused-kernels';
import { adamCoefficients, momentumCoefficients } from './fused-update';
import { adamInternals, momentumInternals } from './tf-internals';
import { webglAdam, webglMomentum } from './webgl/fused-webgl';

const KERNELS: Record<string, Record<string, tf.KernelFunc>> = {
  cpu: { [FUSED_ADAM]: cpuAdam, [FUSED_MOMENTUM]: cpuMomentum },
  wasm: { [FUSED_ADAM]: wasmAdam, [FUSED_MOMENTUM]: wasmMomentum },
  webgl: { [FUSED_ADAM]: webglAdam, [FUSED_MOMENTUM]: webglMomentum },
};

/**
 * Registers the fused optimizer kernels for `backendName` (by default every backend that has
 * them: cpu, wasm, webgl). Idempotent; a registry that already has one of them (from a second
 * copy of this module) keeps it. The optimizers also call it when made, so they fuse wherever
 * they are used.
 */
export function registerFusedOptimizerKernels(backendName?: string): void {
  for (const [name, kernels] of Object.entries(KERNELS)) {
    if (backendName != null && name !== backendName) continue;
    for (const [kernelName, kernelFunc] of Object.entries(kernels)) {
      // getKernel's type says it always returns a config; it returns undefined for none.
      if ((tf.getKernel(kernelName, name) as tf.KernelConfig | undefined) != null) continue;
      tf.registerKernel({ kernelName, backendName: name, kernelFunc });
    }
  }
}

/** What applyGradients takes: gradients by variable name, as a map or a list. */
type Gradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];
type NamedTensor = { name: string; tensor: tf.Tensor };
const namesOf = (grads: Gradients): string[] => (Array.isArray(grads) ? grads.map((g) => g.name) : Object.keys(grads));
const gradientOf = (grads: Gradients, name: string, i: number): tf.Tensor | undefined => (Array.isArray(grads) ? grads[i]?.tensor : grads[name]);
const zerosVariable = (value: tf.Variable): tf.Variable => tf.tidy(() => tf.zerosLike(value).variable(false));

/** The variable `name` as TF.js registered it (the optimizers look variables up by name). */
function registeredVariable(name: string): tf.Variable {
  const value = tf.engine().registeredVariables[name];
  if (value == null) throw new Error(`No variable named '${name}' is registered: gradients must be keyed by variable name.`);
  return value;
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  /** beta1^t and beta2^t for the coming step t, as float32 values. */
  #accBeta1: number;
  #accBeta2: number;
  /** The parent's accBeta variables lag behind #accBeta1/2 (fused steps do not advance them). */
  #stale = false;

  /** As `tf.train.adam`: epsilon defaults to the backend's (1e-7 on float32 backends). */
  constructor(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon?: number) {
    super(learningRate, beta1, beta2, epsilon);
    registerFusedOptimizerKernels();
    this.#accBeta1 = Math.fround(beta1);
    this.#accBeta2 = Math.fround(beta2);
  }

  override applyGradients(variableGradients: Gradients): void {
    const own = adamInternals(this);
    if (!hasFusedKernel(FUSED_ADAM)) {
      if (this.#stale) {
        tf.tidy(() => {
          own.accBeta1.assign(tf.scalar(this.#accBeta1));
          own.accBeta2.assign(tf.scalar(this.#accBeta2));
        });
        this.#stale = false;
      }
      super.applyGradients(variableGradients);
      this.#advance();
      return;
    }
    const attrs = adamCoefficients(this.learningRate, this.beta1, this.beta2, this.epsilon, this.#accBeta1, this.#accBeta2);
    tf.tidy(() => {
      namesOf(variableGradients).forEach((name, i) => {
        const value = registeredVariable(name);
        // Created as the parent creates them (names, order, not trainable), so its
        // getWeights/setWeights/dispose work on them unchanged.
        own.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: zerosVariable(value) };
        own.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: zerosVariable(value) };
        const gradient = gradientOf(variableGradients, name, i);
        if (gradient == null) return;
        const m = own.accumulatedFirstMoment[i].variable;
        const v = own.accumulatedSecondMoment[i].variable;
        const [x1, m1, v1] = tf.engine().runKernel(FUSED_ADAM, { x: value, g: gradient, m, v }, attrs) as tf.Tensor[];
        m.assign(m1!);
        v.assign(v1!);
        value.assign(x1!);
      });
    });
    this.#stale = true;
    this.#advance();
    this.incrementIterations();
  }

  /**
   * Sets the rate of the coming steps (a learning-rate schedule calls it before each step). The
   * parent reads `learningRate` afresh at every step and the fused kernels take it as a value,
   * so nothing else needs to change.
   */
  setLearningRate(learningRate: number): void {
    if (!(learningRate > 0)) throw new RangeError(`learningRate must be above 0, got ${learningRate}.`);
    this.learningRate = learningRate;
  }

  /** As the parent's `accBeta.assign(mul(accBeta, beta))`, in float32. */
  #advance(): void {
    this.#accBeta1 = Math.fround(this.#accBeta1 * Math.fround(this.beta1));
    this.#accBeta2 = Math.fround(this.#accBeta2 * Math.fround(this.beta2));
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    await super.setWeights(weightValues);
    // The parent set its accBeta variables from the restored iteration count: start from those.
    const own = adamInternals(this);
    this.#accBeta1 = (await own.accBeta1.data())[0]!;
    this.#accBeta2 = (await own.accBeta2.data())[0]!;
    this.#stale = false;
  }
}

export class FusedMomentumOptimizer extends tf.MomentumOptimizer {
  constructor(learningRate: number, momentum: number, useNesterov = false) {
    super(learningRate, momentum, useNesterov);
    registerFusedOptimizerKernels();
  }

  override applyGradients(variableGradients: Gradients): void {
    if (!hasFusedKernel(FUSED_MOMENTUM)) {
      super.applyGradients(variableGradients);
      return;
    }
    const own = momentumInternals(this);
    const attrs = momentumCoefficients(this.learningRate, own.momentum, own.useNesterov);
    tf.tidy(() => {
      namesOf(variableGradients).forEach((name, i) => {
        const value = registeredVariable(name);
        own.accumulations[i] ??= { originalName: `${name}/momentum`, variable: zerosVariable(value) };
        const gradient = gradientOf(variableGradients, name, i);
        if (gradient == null) return;
        const a = own.accumulations[i].variable;
        const [x1, a1] = tf.engine().runKernel(FUSED_MOMENTUM, { x: value, g: gradient, a }, attrs) as tf.Tensor[];
        a.assign(a1!);
        value.assign(x1!);
      });
    });
    this.incrementIterations();
  }

  /**
   * As the parent's, which makes a new −lr scalar each call; a schedule calls it every step, and
   * an unchanged rate needs no new tensor.
   */
  override setLearningRate(learningRate: number): void {
    if (learningRate === this.learningRate && this.c != null) return;
    super.setLearningRate(learningRate);
  }

  /** The parent's dispose misses the −lr scalar its own parent (SGD) keeps; free it too. */
  override dispose(): void {
    super.dispose();
    this.c.dispose();
  }

  /**
   * The parent's setMomentum changes the number but not the scalar tensor its own steps use;
   * change both, so a stock step and a fused one use the same momentum.
   */
  override setMomentum(momentum: number): void {
    super.setMomentum(momentum);
    const own = momentumInternals(this);
    own.m.dispose();
    own.m = tf.keep(tf.scalar(momentum));
  }
}

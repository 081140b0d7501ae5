/**
 * The arithmetic of one Adam or momentum step, element by element, as TF.js's own optimizers do
 * it with a chain of float32 kernels (tfjs-core 4.22, adam_optimizer.js and
 * momentum_optimizer.js). Each intermediate is rounded to float32 (`Math.fround`) where the stock
 * chain stores a float32 tensor, in the same order, so on the CPU and WASM backends the fused
 * update gives the stock update's bits, not merely values close to them.
 *
 * Pure functions over typed arrays: the CPU kernel calls them on its arrays, the WASM kernel on
 * views of the WASM heap.
 */

const f = Math.fround;

/**
 * Adam's constants for one step, as float32 values (see `adamCoefficients`). A type literal, not an
 * interface, so that it is a `NamedAttrMap` and travels as the kernel's attrs as it is.
 */
export type AdamCoefficients = {
  beta1: number;
  /** 1 − beta1, computed in double and then stored as float32, as the stock op's scalar is. */
  oneMinusBeta1: number;
  beta2: number;
  oneMinusBeta2: number;
  /** 1 − beta1^t: the first moment's bias correction at this step. */
  correction1: number;
  /** 1 − beta2^t. */
  correction2: number;
  epsilon: number;
  /** −learning rate. */
  negLr: number;
};

/**
 * The constants of one Adam step.
 *
 * @param accBeta1 beta1^t as the optimizer keeps it (a float32 value, advanced by one float32
 *   multiply per step), where t counts from 1 at the first step.
 */
export function adamCoefficients(lr: number, beta1: number, beta2: number, epsilon: number, accBeta1: number, accBeta2: number): AdamCoefficients {
  return {
    beta1: f(beta1),
    oneMinusBeta1: f(1 - beta1),
    beta2: f(beta2),
    oneMinusBeta2: f(1 - beta2),
    // Stock: sub(1, accBeta) on float32 tensors.
    correction1: f(1 - f(accBeta1)),
    correction2: f(1 - f(accBeta2)),
    epsilon: f(epsilon),
    negLr: f(-lr),
  };
}

/**
 * One Adam step over n elements. Inputs and outputs may not alias one another.
 *
 * m' = beta1·m + (1 − beta1)·g
 * v' = beta2·v + (1 − beta2)·g²
 * x' = x − lr · (m' / c1) / (√(v' / c2) + ε)     (ε added after the square root, as TF.js does)
 */
export function adamInto(
  x: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  xOut: Float32Array,
  mOut: Float32Array,
  vOut: Float32Array,
  c: AdamCoefficients,
): void {
  const { beta1, oneMinusBeta1, beta2, oneMinusBeta2, correction1, correction2, epsilon, negLr } = c;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const m1 = f(f(m[i]! * beta1) + f(gi * oneMinusBeta1));
    const v1 = f(f(v[i]! * beta2) + f(f(gi * gi) * oneMinusBeta2));
    const mHat = f(m1 / correction1);
    const vHat = f(v1 / correction2);
    const step = f(f(mHat / f(f(Math.sqrt(vHat)) + epsilon)) * negLr);
    mOut[i] = m1;
    vOut[i] = v1;
    xOut[i] = step + x[i]!;
  }
}

/** Momentum's constants for one step, as float32 values; a type literal as AdamCoefficients is. */
export type MomentumCoefficients = {
  momentum: number;
  /** −learning rate. */
  negLr: number;
  useNesterov: boolean;
};

export function momentumCoefficients(lr: number, momentum: number, useNesterov: boolean): MomentumCoefficients {
  return { momentum: f(momentum), negLr: f(-lr), useNesterov };
}

/**
 * One momentum step over n elements. Inputs and outputs may not alias one another.
 *
 * a' = momentum·a + g
 * x' = x − lr·a'                       (plain)
 * x' = x − lr·(g + momentum·a')        (Nesterov)
 */
export function momentumInto(x: Float32Array, g: Float32Array, a: Float32Array, xOut: Float32Array, aOut: Float32Array, c: MomentumCoefficients): void {
  const { momentum, negLr, useNesterov } = c;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const a1 = f(f(momentum * a[i]!) + gi);
    aOut[i] = a1;
    const direction = useNesterov ? f(gi + f(a1 * momentum)) : a1;
    xOut[i] = f(negLr * direction) + x[i]!;
  }
}

/**
 * The JavaScript half of the course's small numpy: the module `_resnet_live_np` that the Python
 * package (src/lib/keras/python/numpy/) calls. A Python `ndarray` holds one tf.Tensor made here
 * and disposes it when it is garbage-collected, so every function returns a new tensor that the
 * caller owns and never disposes its arguments; intermediate tensors die in `tf.tidy`.
 *
 * Python has already checked shapes, axes and dtypes and converted lists with `to_js`, so the
 * checks here only guard what Python cannot see (index values inside an index array). TF.js has
 * no uint8: Python keeps that dtype's name and stores int32 tensors, wrapped into 0..255 here.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { TF } from './bridge';

type Tensor = tfjs.Tensor;
/** The dtypes a tensor here has; Python's uint8 travels as int32. */
export type NpDtype = 'float32' | 'int32' | 'bool';
/** A tensor, or a Python number that has not become one yet. */
type Operand = Tensor | number;

export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'floordiv' | 'mod' | 'pow' | 'maximum' | 'minimum' | 'and' | 'or' | 'xor';
export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
export type UnaryOp = 'neg' | 'abs' | 'exp' | 'log' | 'sqrt' | 'square' | 'sign' | 'floor' | 'ceil' | 'round' | 'tanh' | 'not' | 'isnan';
export type ReduceOp = 'sum' | 'mean' | 'max' | 'min' | 'prod' | 'any' | 'all';

/** One axis indexed with an array of ints: `X[[0, 2]]`, `Y[:, idx]`. */
export interface Take {
  axis: number;
  indices: Tensor;
}

/** What an index expression selects, as Python's numpy/_indexing.py plans it. */
export interface IndexPlan {
  /** Where the slice starts on every axis, and how many it keeps (ints keep 1). */
  begin: number[];
  size: number[];
  /** Axes taken by index arrays after the slice, in order: stepped slices' (1-D), then at most one
   * index array, whose shape may add axes. */
  takes: Take[];
  /** NumPy's result shape (ints dropped, newaxis added, the index array's shape inserted). */
  shape: number[];
}

/** The functions Python calls; see numpy/_core.py for how it calls them. */
export interface NumpyBridge {
  /** `to_js`'s dict_converter: Python dicts (index plans) arrive as plain objects. */
  fromEntries(entries: Iterable<readonly [PropertyKey, unknown]>): Record<string, unknown>;
  fromValues(values: number[], shape: number[], dtype: NpDtype): Tensor;
  full(shape: number[], value: number, dtype: NpDtype): Tensor;
  eye(n: number, m: number, dtype: NpDtype): Tensor;
  arange(start: number, stop: number, step: number, dtype: NpDtype): Tensor;
  linspace(start: number, stop: number, num: number): Tensor;
  randomNormal(shape: number[], mean: number, std: number, seed: number): Tensor;
  randomUniform(shape: number[], low: number, high: number, seed: number): Tensor;
  binary(op: BinaryOp, a: Operand, b: Operand, dtype: NpDtype, wrap8: boolean): Tensor;
  compare(op: CompareOp, a: Operand, b: Operand, dtype: NpDtype): Tensor;
  unary(op: UnaryOp, x: Tensor, dtype: NpDtype): Tensor;
  cast(x: Tensor, dtype: NpDtype, wrap8: boolean): Tensor;
  reshape(x: Tensor, shape: number[]): Tensor;
  transpose(x: Tensor, perm: number[]): Tensor;
  reduce(op: ReduceOp, x: Tensor, axes: number[] | null, keepDims: boolean): Tensor;
  /** Index of the largest (or smallest) value along `axis`, or in the flattened array. */
  argExtreme(which: 'max' | 'min', x: Tensor, axis: number | null): Tensor;
  concat(xs: Tensor[], axis: number): Tensor;
  stack(xs: Tensor[], axis: number): Tensor;
  /** `condition ? a : b`, all three broadcast to `shape`. */
  where(condition: Tensor, a: Operand, b: Operand, dtype: NpDtype, shape: number[]): Tensor;
  matmul(a: Tensor, b: Tensor): Tensor;
  clip(x: Tensor, low: number, high: number): Tensor;
  roundTo(x: Tensor, decimals: number): Tensor;
  allclose(a: Tensor, b: Tensor, rtol: number, atol: number): boolean;
  index(x: Tensor, plan: IndexPlan): Tensor;
  /** `x` with the places `plan` selects set to `value` (broadcast to the plan's shape). */
  assign(x: Tensor, plan: IndexPlan, value: Operand): Tensor;
  /** `x[mask]` where mask's shape is x's leading axes: the rows where it is true, in order. */
  mask(x: Tensor, mask: Tensor): Tensor;
  assignMask(x: Tensor, mask: Tensor, value: number): Tensor;
  /** The first and last `edge` entries on every axis longer than 2·edge: what NumPy prints. */
  edges(x: Tensor, edge: number): Tensor;
  /** The values, row-major, bools as 0 and 1. */
  values(x: Tensor): number[];
  clone(x: Tensor): Tensor;
  dispose(x: Tensor): void;
  isTensor(x: unknown): boolean;
}

/** An index past the end of an axis. Python re-raises it as IndexError, told by its name (see
 * numpy/_core.py's `call`) rather than by the wording of its message. */
export class NumpyIndexError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'IndexError';
  }
}

const BINARY: Record<Exclude<BinaryOp, 'div'>, (tf: TF, a: Tensor, b: Tensor) => Tensor> = {
  add: (tf, a, b) => tf.add(a, b),
  sub: (tf, a, b) => tf.sub(a, b),
  mul: (tf, a, b) => tf.mul(a, b),
  floordiv: (tf, a, b) => tf.floorDiv(a, b),
  mod: (tf, a, b) => tf.mod(a, b),
  pow: (tf, a, b) => tf.pow(a, b),
  maximum: (tf, a, b) => tf.maximum(a, b),
  minimum: (tf, a, b) => tf.minimum(a, b),
  and: (tf, a, b) => tf.logicalAnd(a, b),
  or: (tf, a, b) => tf.logicalOr(a, b),
  xor: (tf, a, b) => tf.logicalXor(a, b),
};

const COMPARE: Record<CompareOp, (tf: TF, a: Tensor, b: Tensor) => Tensor> = {
  eq: (tf, a, b) => tf.equal(a, b),
  ne: (tf, a, b) => tf.notEqual(a, b),
  lt: (tf, a, b) => tf.less(a, b),
  le: (tf, a, b) => tf.lessEqual(a, b),
  gt: (tf, a, b) => tf.greater(a, b),
  ge: (tf, a, b) => tf.greaterEqual(a, b),
};

const UNARY: Record<UnaryOp, (tf: TF, x: Tensor) => Tensor> = {
  neg: (tf, x) => tf.neg(x),
  abs: (tf, x) => tf.abs(x),
  exp: (tf, x) => tf.exp(x),
  log: (tf, x) => tf.log(x),
  sqrt: (tf, x) => tf.sqrt(x),
  square: (tf, x) => tf.square(x),
  sign: (tf, x) => tf.sign(x),
  floor: (tf, x) => tf.floor(x),
  ceil: (tf, x) => tf.ceil(x),
  // TF.js rounds half to even, as NumPy does.
  round: (tf, x) => tf.round(x),
  tanh: (tf, x) => tf.tanh(x),
  not: (tf, x) => tf.logicalNot(x),
  isnan: (tf, x) => tf.isNaN(x),
};

const REDUCE: Record<ReduceOp, (tf: TF, x: Tensor, axes: number[] | undefined, keep: boolean) => Tensor> = {
  sum: (tf, x, axes, keep) => tf.sum(x, axes, keep),
  // NumPy's mean of ints is a float.
  mean: (tf, x, axes, keep) => tf.mean(tf.cast(x, 'float32'), axes, keep),
  max: (tf, x, axes, keep) => tf.max(x, axes, keep),
  min: (tf, x, axes, keep) => tf.min(x, axes, keep),
  prod: (tf, x, axes, keep) => tf.prod(x, axes, keep),
  any: (tf, x, axes, keep) => tf.any(tf.cast(x, 'bool'), axes, keep),
  all: (tf, x, axes, keep) => tf.all(tf.cast(x, 'bool'), axes, keep),
};

/**
 * The bridge for one TF.js instance. Python's uint8 arithmetic wraps modulo 256 (`wrap8`), as
 * NumPy's does, on int32 tensors.
 */
export function createNumpyBridge(tf: TF): NumpyBridge {
  const operand = (x: Operand, dtype: NpDtype): Tensor => (typeof x === 'number' ? tf.scalar(x, dtype) : x.dtype === dtype ? x : tf.cast(x, dtype));
  const wrap = (x: Tensor, wrap8: boolean) => (wrap8 ? tf.mod(x, tf.scalar(256, 'int32')) : x);
  /** Negative entries of an index array count from the end of an axis of length `n`. */
  const positive = (indices: Tensor, n: number, axis: number): Tensor => {
    const values = indices.dataSync();
    for (const i of values) {
      if (i >= n || i < -n) throw new NumpyIndexError(`index ${i} is out of bounds for axis ${axis} with size ${n}`);
    }
    return tf.where(tf.less(indices, 0), tf.add(indices, tf.scalar(n, 'int32')), indices);
  };
  const select = (x: Tensor, plan: IndexPlan): Tensor => {
    const sliced = tf.slice(x, plan.begin, plan.size);
    const taken = plan.takes.reduce((y, { axis, indices }) => tf.gather(y, positive(tf.cast(indices, 'int32'), x.shape[axis]!, axis), axis), sliced);
    return tf.reshape(taken, plan.shape);
  };

  return {
    fromEntries: (entries) => Object.fromEntries(entries),
    fromValues: (values, shape, dtype) => tf.tensor(dtype === 'bool' ? values.map(Boolean) : values, shape, dtype),
    full: (shape, value, dtype) => tf.fill(shape, dtype === 'bool' ? Number(Boolean(value)) : value, dtype),
    eye: (n, m, dtype) => tf.tidy(() => tf.cast(tf.eye(n, m), dtype)),
    arange: (start, stop, step, dtype) => tf.range(start, stop, step, dtype === 'int32' ? 'int32' : 'float32'),
    linspace: (start, stop, num) => tf.linspace(start, stop, num),
    // Seeded: TF.js's generators give the same numbers for the same seed, which Python draws.
    randomNormal: (shape, mean, std, seed) => tf.randomNormal(shape, mean, std, 'float32', seed),
    randomUniform: (shape, low, high, seed) => tf.randomUniform(shape, low, high, 'float32', seed),
    binary: (op, a, b, dtype, wrap8) =>
      tf.tidy(() => {
        if (op === 'div') return tf.div(operand(a, 'float32'), operand(b, 'float32'));
        return wrap(BINARY[op](tf, operand(a, dtype), operand(b, dtype)), wrap8);
      }),
    compare: (op, a, b, dtype) => tf.tidy(() => COMPARE[op](tf, operand(a, dtype), operand(b, dtype))),
    unary: (op, x, dtype) => tf.tidy(() => UNARY[op](tf, operand(x, dtype))),
    cast: (x, dtype, wrap8) => tf.tidy(() => wrap(tf.cast(x, dtype), wrap8)),
    reshape: (x, shape) => tf.reshape(x, shape),
    transpose: (x, perm) => tf.transpose(x, perm),
    reduce: (op, x, axes, keepDims) => tf.tidy(() => REDUCE[op](tf, x, axes ?? undefined, keepDims)),
    argExtreme: (which, x, axis) =>
      tf.tidy(() => {
        const input = axis == null ? tf.reshape(x, [-1]) : x;
        return which === 'max' ? tf.argMax(input, axis ?? 0) : tf.argMin(input, axis ?? 0);
      }),
    concat: (xs, axis) => tf.concat(xs, axis),
    stack: (xs, axis) => tf.stack(xs, axis),
    where: (condition, a, b, dtype, shape) =>
      tf.tidy(() => tf.where(tf.broadcastTo(condition, shape), tf.broadcastTo(operand(a, dtype), shape), tf.broadcastTo(operand(b, dtype), shape))),
    matmul: (a, b) => tf.tidy(() => tf.matMul(operand(a, 'float32'), operand(b, 'float32'))),
    clip: (x, low, high) => tf.clipByValue(x, low, high),
    roundTo: (x, decimals) =>
      tf.tidy(() => {
        const scale = tf.scalar(10 ** decimals);
        return tf.div(tf.round(tf.mul(x, scale)), scale);
      }),
    allclose: (a, b, rtol, atol) =>
      tf.tidy(() => {
        const [fa, fb] = [operand(a, 'float32'), operand(b, 'float32')];
        const close = tf.lessEqual(tf.abs(tf.sub(fa, fb)), tf.add(atol, tf.mul(rtol, tf.abs(fb))));
        return tf.all(close).dataSync()[0] === 1;
      }),
    index: (x, plan) => tf.tidy(() => select(x, plan)),
    assign: (x, plan, value) =>
      tf.tidy(() => {
        // Which flat positions the index selects: the same selection applied to their numbers.
        const positions = tf.reshape(select(tf.reshape(tf.range(0, x.size, 1, 'int32'), x.shape), plan), [-1, 1]);
        const updates = tf.reshape(tf.broadcastTo(operand(value, x.dtype as NpDtype), plan.shape), [-1]);
        const chosen = tf.scatterND(positions, tf.ones([positions.shape[0]!], 'int32'), [x.size]);
        const scattered = tf.scatterND(positions, updates, [x.size]);
        return tf.reshape(tf.where(tf.greater(chosen, 0), scattered, tf.reshape(x, [-1])), x.shape);
      }),
    mask: (x, mask) =>
      tf.tidy(() => {
        const flags = mask.dataSync();
        const rows: number[] = [];
        flags.forEach((flag, i) => flag && rows.push(i));
        const flat = tf.reshape(x, [mask.size, ...x.shape.slice(mask.rank)]);
        return tf.gather(flat, tf.tensor1d(rows, 'int32'));
      }),
    assignMask: (x, mask, value) =>
      tf.tidy(() => {
        const full = tf.reshape(mask, [...mask.shape, ...x.shape.slice(mask.rank).map(() => 1)]);
        return tf.where(tf.broadcastTo(full, x.shape), tf.fill(x.shape, value, x.dtype), x);
      }),
    edges: (x, edge) =>
      tf.tidy(() =>
        x.shape.reduce<Tensor>((y, n, axis) => {
          if (n <= 2 * edge) return y;
          const kept = [...Array(edge).keys(), ...Array.from({ length: edge }, (_, i) => n - edge + i)];
          return tf.gather(y, tf.tensor1d(kept, 'int32'), axis);
        }, x.clone()),
      ),
    values: (x) => Array.from(x.dataSync() as ArrayLike<number>, Number),
    clone: (x) => x.clone(),
    dispose: (x) => x.dispose(),
    isTensor: (x) => x instanceof tf.Tensor,
  };
}

/**
 * Counts the kernels TF.js runs: each one is a dispatch (a shader on WebGL, a call into the
 * WebAssembly module on WASM), and on small models their number, more than the arithmetic, sets
 * the speed of a training step. The lab reports the count of one step, and the benchmark quotes it.
 *
 * Every op reaches its kernel through `engine.runKernel`, looked up on the engine at each call, so
 * wrapping that one method for the length of `fn` sees them all: forward, gradients and optimizer.
 * Wrappers such as `fusedConv2d__op` (custom gradients) go through `runKernelFunc` instead and run
 * no kernel of their own, so they are not counted; the kernels inside them are. Costs one
 * increment per kernel, so a counted step runs at full speed.
 */
import * as tf from '@tensorflow/tfjs';

type Engine = ReturnType<typeof tf.engine>;
type RunKernel = Engine['runKernel'];

/** Runs `fn` and returns its result with the number of kernels it ran, by name. */
export async function countKernelCalls<T>(fn: () => Promise<T> | T): Promise<{ result: T; calls: Map<string, number> }> {
  const engine = tf.engine();
  const own = Object.prototype.hasOwnProperty.call(engine, 'runKernel');
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with the engine as `this`, and put back
  const original: RunKernel = engine.runKernel;
  const calls = new Map<string, number>();
  engine.runKernel = function (this: Engine, kernelName: string, ...rest: unknown[]) {
    calls.set(kernelName, (calls.get(kernelName) ?? 0) + 1);
    return (original as (...args: unknown[]) => ReturnType<RunKernel>).call(this, kernelName, ...rest);
  } as RunKernel;
  try {
    return { result: await fn(), calls };
  } finally {
    if (own) engine.runKernel = original;
    else delete (engine as Partial<Pick<Engine, 'runKernel'>>).runKernel;
  }
}

/** All the calls counted. */
export function totalCalls(calls: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const n of calls.values()) total += n;
  return total;
}

/** The `n` kernels run most often, most first (ties by name). */
export function topKernels(calls: ReadonlyMap<string, number>, n = 15): [string, number][] {
  return [...calls].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
}

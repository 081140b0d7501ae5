import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, test } from 'vitest';
import { FusedAdamOptimizer } from '../../src/lib/engine/fused-optimizers';
import { adamInternals, backendMemory, internalsProblems, type InternalsOwner } from '../../src/lib/engine/tf-internals';

// The private TF.js fields our optimizers, BatchNorm layer and kernels read, checked on real
// instances of TF.js's own classes: a TF.js upgrade that renames or drops one fails here, naming
// the field and the version, instead of training wrongly.

/** One step of `optimizer` on a variable named `name`, so that its per-variable state exists. */
function stepped<T extends tf.Optimizer>(optimizer: T, name: string): T {
  const w = tf.variable(tf.tensor1d([1, 2]), true, name);
  optimizer.minimize(() => tf.sum(tf.square(w)));
  return optimizer;
}

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe.each<[InternalsOwner, () => Promise<object>]>([
  ['AdamOptimizer', async () => stepped(tf.train.adam(0.1), 'adam_w')],
  ['MomentumOptimizer', async () => stepped(tf.train.momentum(0.1, 0.9, true), 'momentum_w')],
  [
    'BatchNormalization',
    async () => {
      const layer = tf.layers.batchNormalization();
      layer.build([null, 2, 2, 3]);
      return layer;
    },
  ],
  ['MathBackendCPU', async () => (await tf.setBackend('cpu'), tf.backend())],
  ['BackendWasm', async () => (await tf.setBackend('wasm'), tf.backend())],
])('TF.js %s', (owner, make) => {
  test('has every private field we read, of the type we expect', async () => {
    expect(internalsProblems(owner, await make())).toEqual([]);
  });
});

describe('a field that has gone is named, with the TF.js version', () => {
  test.each<[InternalsOwner, object, string]>([
    ['AdamOptimizer', { accBeta1: 1 }, 'AdamOptimizer.accBeta1 holds number'],
    ['MomentumOptimizer', {}, 'MomentumOptimizer.accumulations is missing'],
    ['BackendWasm', { wasm: {} }, 'BackendWasm.wasm holds object'],
  ])('%s', (owner, fake, says) => {
    const problems = internalsProblems(owner, fake);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(`TF.js ${tf.version.tfjs}: ${says}`);
  });
});

test("our Adam's state is where TF.js's own dispose and getWeights look for it", async () => {
  await tf.setBackend('cpu');
  const adam = stepped(new FusedAdamOptimizer(0.1), 'fused_w');
  const own = adamInternals(adam);
  expect(own.accumulatedFirstMoment.map((s) => s.originalName)).toEqual(['fused_w/m']);
  expect((await adam.getWeights()).map((w) => w.name)).toEqual(['iter', 'fused_w/m', 'fused_w/v']);
  adam.dispose();
});

test('a backend without an Emscripten memory has none', () => {
  expect(backendMemory({ wasm: { asm: {} } })).toBeNull();
  expect(backendMemory(null)).toBeNull();
});

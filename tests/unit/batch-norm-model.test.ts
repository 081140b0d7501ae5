import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FusedBatchNormalization } from '../../src/lib/resnet/batch-norm';
import { artifactsOf } from '../../src/lib/train/session';
import { registerWasmTrainingKernels } from '../../src/lib/engine/wasm/wasm-kernels';
import { tinyBatch, tinyModel, trainTiny, withoutFusedKernels } from './bn-cases';
import { maxScaledDiff } from './helpers';

// Our models with the fused BatchNorm train, save and load as they did with TF.js's layer.
// tests/e2e/bn-webgl.spec.ts trains the same steps on WebGL in a browser.

const STEPS = 5;

beforeAll(() => {
  registerWasmTrainingKernels();
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(['cpu', 'wasm'])('on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  test(`${STEPS} steps of the Tiny preset lose the same fused and unfused, and leak nothing`, async () => {
    const before = tf.memory().numTensors;
    const fused = await trainTiny(STEPS);
    const unfused = await withoutFusedKernels(backend, () => trainTiny(STEPS));
    expect(tf.memory().numTensors).toBe(before);
    expect(fused.losses.every(Number.isFinite)).toBe(true);
    expect(maxScaledDiff(fused.losses, unfused.losses)).toBeLessThanOrEqual(1e-4);
    // The loss moves, so the weights (and the moving statistics) really were updated.
    expect(Math.abs(fused.losses[STEPS - 1]! - fused.losses[0]!)).toBeGreaterThan(1e-3);
    // Adam's slots appear in the first step; after it nothing may pile up.
    expect(new Set(fused.tensors.slice(1)).size).toBe(1);
    expect(fused.tensors[1]).toBe(fused.tensors[0]);
  });
});

test('a trained model saves and loads back with the same layers, classes and predictions', async () => {
  await tf.setBackend('cpu');
  const model = tinyModel();
  const { xs, ys } = tinyBatch();
  await model.trainOnBatch(xs, ys);
  const artifacts = await artifactsOf(model);
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  const describeLayers = (m: tf.LayersModel) => m.layers.map((l) => [l.name, l.getClassName(), l.countParams()]);
  expect(describeLayers(loaded)).toEqual(describeLayers(model));
  expect(loaded.countParams()).toBe(model.countParams());
  const norms = loaded.layers.filter((l) => l.getClassName() === 'BatchNormalization');
  expect(norms.map((l) => l.name)).toContain('bn_conv1');
  expect(norms.every((l) => l instanceof FusedBatchNormalization)).toBe(true);
  expect(JSON.stringify(artifacts.modelTopology)).not.toMatch(/Fused|Custom>/);
  const [a, b] = [model, loaded].map((m) => m.predict(xs) as tf.Tensor);
  expect(maxScaledDiff(a!.dataSync(), b!.dataSync())).toBe(0);
  tf.dispose([a!, b!, xs, ys]);
  model.optimizer.dispose();
  model.dispose();
  loaded.dispose();
});

test('a model saved with TF.js’s own BatchNormalization loads into the fused layer', async () => {
  await tf.setBackend('cpu');
  const input = tf.input({ shape: [4, 4, 2] });
  const output = tf.layers.batchNormalization({ axis: 3, name: 'bn_plain', momentum: 0.8 }).apply(input) as tf.SymbolicTensor;
  const plain = tf.model({ inputs: input, outputs: output });
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(await artifactsOf(plain)));
  const layer = loaded.getLayer('bn_plain');
  expect(layer).toBeInstanceOf(FusedBatchNormalization);
  expect(layer.getConfig()).toEqual(plain.getLayer('bn_plain').getConfig());
  plain.dispose();
  loaded.dispose();
});

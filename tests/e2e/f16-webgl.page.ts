/**
 * Runs in the browser (bundled by f16-webgl.spec.ts): a few Tiny training steps on the WebGL
 * backend as a GPU with only 16-bit float textures runs them, or with 32-bit ones, with our fused
 * kernels (BatchNorm, Adam) or TF.js's stock ones. Everything it reports is data for the spec.
 *
 * The texture flags must be set before the backend allocates its first texture: TF.js reads
 * WEBGL_RENDER_FLOAT32_ENABLED for every texture it makes, and caches derived flags (such as
 * WEBGL_SIZE_UPLOAD_UNIFORM) on first use. So each precision gets a fresh page, and
 * `trainTinyOnWebGL` sets them before anything touches a tensor.
 */
import * as tf from '@tensorflow/tfjs';
import { registerKernels } from '../../src/lib/engine/register';
import { PRESETS, smallResNet } from '../../src/lib/resnet/small';
import { BN_TRAIN, BN_TRAIN_GRAD, registerFusedBatchNorm } from '../../src/lib/engine/bn-kernels';
import { FusedAdamOptimizer } from '../../src/lib/engine/fused-optimizers';
import { randomBatch } from '../unit/kernel-count';

export interface TinyRun {
  backend: string;
  /** What TF.js ended up with: WEBGL_RENDER_FLOAT32_ENABLED. */
  float32: boolean;
  /** Loss after each step. */
  losses: number[];
  /** Whether every weight (moving statistics included) is finite after the last step. */
  finite: boolean;
  /** Adam's second moments after the last step: how many, how many are exactly 0, their median. */
  secondMoments: { count: number; zeros: number; median: number };
  /**
   * Adam's epsilon as the optimizer took it from the backend: TF.js's precision probe hands 1e-4 to
   * 32-bit WebGL and 1e-7 to 16-bit (the reverse of its intent); our WebGL kernel raises the latter.
   */
  epsilon: number;
}

export interface TinyOptions {
  /** Whose BatchNorm and Adam train: ours (fused) or TF.js's stock ones. */
  bn?: 'ours' | 'stock';
  adam?: 'ours' | 'stock';
  /** Adam's epsilon; by default the backend's, as the lab takes it. */
  epsilon?: number;
  steps?: number;
  /** The same batch every step (the loss then falls fast), rather than a new one each step. */
  sameBatch?: boolean;
}

/** Adam's v of every variable, from the optimizer's weights (iterations, then m and v by variable). */
function secondMoments(optimizer: tf.Optimizer): Promise<{ count: number; zeros: number; median: number }> {
  return optimizer.getWeights().then((weights) => {
    const values = weights.filter((w) => /\/v$/.test(w.name)).flatMap((w) => Array.from(w.tensor.dataSync()));
    tf.dispose(weights.map((w) => w.tensor));
    values.sort((a, b) => a - b);
    return { count: values.length, zeros: values.filter((v) => v === 0).length, median: values[Math.floor(values.length / 2)] ?? NaN };
  });
}

/** Steps of Tiny (batch 8, Adam at the lab's default rate) from seeded weights and data. */
export async function trainTinyOnWebGL(
  f16: boolean,
  { bn = 'ours', adam = 'ours', epsilon, steps = 5, sameBatch = false }: TinyOptions = {},
): Promise<TinyRun> {
  if (f16) {
    tf.env().set('WEBGL_FORCE_F16_TEXTURES', true);
    tf.env().set('WEBGL_RENDER_FLOAT32_ENABLED', false);
  }
  await registerKernels('webgl');
  await tf.setBackend('webgl');
  // With no fused kernel on this backend, our layer takes TF.js's own path (batch-norm.ts).
  if (bn === 'stock') {
    for (const name of [BN_TRAIN, BN_TRAIN_GRAD]) if (tf.getKernel(name, 'webgl')) tf.unregisterKernel(name, 'webgl');
  } else registerFusedBatchNorm();
  const lr = 0.003;
  const model = smallResNet({ ...PRESETS.tiny, residual: true }, { kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) });
  const optimizer = adam === 'ours' ? new FusedAdamOptimizer(lr, 0.9, 0.999, epsilon) : tf.train.adam(lr, 0.9, 0.999, epsilon);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const { xs, ys } = randomBatch(8, 10, sameBatch ? 1 : i + 1);
    losses.push((await model.trainOnBatch(xs, ys)) as number);
    tf.dispose([xs, ys]);
  }
  const finite = model.getWeights().every((w) => w.dataSync().every(Number.isFinite));
  const run = {
    backend: tf.getBackend(),
    float32: tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED'),
    losses,
    finite,
    secondMoments: await secondMoments(optimizer),
    epsilon: (optimizer as unknown as { epsilon: number }).epsilon,
  };
  model.dispose();
  optimizer.dispose();
  return run;
}

Object.assign(window, { trainTinyOnWebGL });

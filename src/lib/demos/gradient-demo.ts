/**
 * Lesson 1's demonstration of vanishing gradients. Two networks of the same depth, one plain and
 * one residual (each hidden layer adds its input back), train side by side on the same small
 * task; after every step we record the norm of the gradient of an early, a middle and a late
 * layer's weights. Dense layers with sigmoid activations and no normalisation make the effect plain
 * to see within a depth and a step count a browser trains in seconds: each sigmoid multiplies the
 * gradient by at most 1/4 on its way back (ReLU networks with BatchNorm lose it far more slowly).
 */
import * as tf from '@tensorflow/tfjs';

export interface GradientSample {
  step: number;
  early: number;
  middle: number;
  late: number;
  loss: number;
}

export interface DemoNetwork {
  model: tf.LayersModel;
  /** Names of the early, middle and late hidden layers. */
  watched: [string, string, string];
}

const WIDTH = 32;
const CLASSES = 4;

/** How many SGD steps the live demo trains each network for, and at what learning rate. */
export const DEMO_STEPS = 40;
export const DEMO_LEARNING_RATE = 0.1;

/** A deep network of `depth` sigmoid layers, plain or with a shortcut around every layer. */
export function deepNetwork(depth: number, residual: boolean): DemoNetwork {
  if (!Number.isSafeInteger(depth) || depth < 3) throw new RangeError(`depth must be a whole number of at least 3, got ${depth}`);
  const tag = residual ? 'res' : 'plain';
  const input = tf.input({ shape: [WIDTH] });
  let x: tf.SymbolicTensor = input;
  for (let i = 1; i <= depth; i++) {
    const h = tf.layers
      .dense({ units: WIDTH, activation: 'sigmoid', name: `${tag}_dense${i}`, kernelInitializer: tf.initializers.glorotUniform({ seed: i }) })
      .apply(x) as tf.SymbolicTensor;
    x = residual ? (tf.layers.add({ name: `${tag}_add${i}` }).apply([x, h]) as tf.SymbolicTensor) : h;
  }
  // The same head for both: normalising first keeps the logits in a sane range even though the
  // residual network's activations grow as each layer adds to them. The head is linear: it emits
  // logits, and the loss applies the softmax once (a softmax here as well would squash them
  // twice, hold the loss far from 0 and damp every gradient the demo measures).
  x = tf.layers.layerNormalization({ name: `${tag}_norm` }).apply(x) as tf.SymbolicTensor;
  // Seeded like the hidden layers, so that every run shows the same figures (the lesson quotes them).
  const output = tf.layers
    .dense({ units: CLASSES, name: `${tag}_out`, kernelInitializer: tf.initializers.glorotUniform({ seed: depth + 1 }) })
    .apply(x) as tf.SymbolicTensor;
  const middle = Math.ceil(depth / 2);
  return { model: tf.model({ inputs: input, outputs: output }), watched: [`${tag}_dense1`, `${tag}_dense${middle}`, `${tag}_dense${depth}`] };
}

/** A fixed task: 128 random points labelled by a random linear teacher. */
export function task(seed = 3): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  return tf.tidy(() => {
    const xs = tf.randomNormal([128, WIDTH], 0, 1, 'float32', seed) as tf.Tensor2D;
    const teacher = tf.randomNormal([WIDTH, CLASSES], 0, 1, 'float32', seed + 1);
    const ys = tf.oneHot(xs.matMul(teacher).argMax(1) as tf.Tensor1D, CLASSES).toFloat() as tf.Tensor2D;
    return { xs, ys };
  });
}

/** One SGD step; returns the loss and the gradient norms of the watched layers' kernels. */
export function step(net: DemoNetwork, optimizer: tf.Optimizer, data: { xs: tf.Tensor; ys: tf.Tensor }, index: number): GradientSample {
  const kernels = net.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(data.ys, net.model.apply(data.xs) as tf.Tensor) as tf.Scalar, kernels);
  const norm = (layer: string) => {
    const name = net.model.getLayer(layer).trainableWeights[0]?.name ?? '';
    const grad = grads[name];
    return grad ? tf.tidy(() => tf.norm(grad).dataSync()[0] ?? NaN) : NaN;
  };
  const [early, middle, late] = net.watched.map(norm) as [number, number, number];
  const loss = value.dataSync()[0] ?? NaN;
  optimizer.applyGradients(grads);
  tf.dispose([value, ...Object.values(grads)]);
  return { step: index, early, middle, late, loss };
}

/** A ratio of gradient norms as the reader sees it: plain below 100, in powers of ten above. */
function factor(ratio: number): string {
  return ratio < 100 ? ratio.toFixed(1) : ratio.toExponential(1);
}

/**
 * The demo's one-sentence reading of its last step in each network. Deep plain networks can push
 * the early layer's gradient below the smallest 32-bit float, to exactly 0, where a ratio would
 * read "Infinity"; and a residual network's early layer may get the larger gradient, where
 * "0.6 times smaller" would mislead, so the residual network is described by the factor between
 * its early and late layers whichever is larger.
 */
export function gradientSummary(depth: number, plain: GradientSample, residual: GradientSample): string {
  const plainPart =
    plain.early === 0
      ? `in the plain network the early layer's gradient is 0 (too small for a 32-bit float), the late layer's ${plain.late.toExponential(1)}`
      : plain.late >= plain.early
        ? `in the plain network the early layer's gradient is ${factor(plain.late / plain.early)} times smaller than the late layer's`
        : `in the plain network the early layer's gradient is ${factor(plain.early / plain.late)} times larger than the late layer's`;
  const spread = Math.max(residual.early, residual.late) / Math.min(residual.early, residual.late);
  return `Depth ${depth}: ${plainPart}; with shortcuts, the two are within a factor of ${factor(spread)} of each other.`;
}

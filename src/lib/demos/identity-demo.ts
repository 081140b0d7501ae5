/**
 * Lesson 2's demonstration that a residual block can be the identity for free. If the last
 * BatchNorm of the main path has gamma = 0 (and beta = 0), the main path outputs zeros, the Add
 * passes the shortcut through, and the block outputs ReLU(X) — which is X itself once X has been
 * through a ReLU. So stacking 1, 2, … N such blocks changes nothing. The same layers without the
 * shortcut (the plain twin) cannot do that: with gamma = 0 they output zeros, and with their
 * default starting weights they wander further from the input with every layer.
 */
import * as tf from '@tensorflow/tfjs';
import { identityBlockSpec } from '../resnet/blocks';
import { applyBlock } from '../resnet/build';

export interface DemoRow {
  blocks: number;
  /** Largest |output − input| over the test batch. */
  residual: number;
  plainZeroGamma: number;
  plainDefault: number;
  /** Largest |input|, for scale. */
  inputScale: number;
}

const SHAPE = [6, 6, 8];
const FILTERS = [4, 4, 8];

/** A stack of `n` identity blocks (or plain twins); with `zeroGamma`, each bn…2c starts at gamma 0. */
function stack(n: number, plain: boolean, zeroGamma: boolean): tf.LayersModel {
  const input = tf.input({ shape: SHAPE });
  let X = input;
  for (let b = 0; b < n; b++) {
    X = applyBlock(X, identityBlockSpec(3, FILTERS, 2, String.fromCharCode(97 + b)), {}, new Map(), plain).output;
  }
  const model = tf.model({ inputs: input, outputs: X });
  if (zeroGamma) {
    for (const layer of model.layers.filter((l) => /^bn2[a-z]_branch2c$/.test(l.name))) {
      const [gamma, ...rest] = layer.getWeights();
      const zero = tf.zerosLike(gamma as tf.Tensor);
      layer.setWeights([zero, ...rest]);
      zero.dispose();
    }
  }
  return model;
}

function distance(model: tf.LayersModel, x: tf.Tensor): number {
  return tf.tidy(() => (model.predict(x) as tf.Tensor).sub(x).abs().max().dataSync()[0] ?? NaN);
}

/** One row per depth from 1 to `maxBlocks`, on a fixed non-negative input (what a ReLU outputs). */
export async function identityDemo(maxBlocks: number, yieldToPage: () => Promise<unknown> = async () => undefined): Promise<DemoRow[]> {
  const x = tf.tidy(() => tf.relu(tf.randomNormal([4, ...SHAPE], 0, 1, 'float32', 42)));
  const inputScale = tf.tidy(() => x.max().dataSync()[0] ?? NaN);
  const rows: DemoRow[] = [];
  try {
    for (let n = 1; n <= maxBlocks; n++) {
      const row: DemoRow = { blocks: n, residual: NaN, plainZeroGamma: NaN, plainDefault: NaN, inputScale };
      for (const [key, plain, zeroGamma] of [
        ['residual', false, true],
        ['plainZeroGamma', true, true],
        ['plainDefault', true, false],
      ] as const) {
        const model = stack(n, plain, zeroGamma);
        row[key] = distance(model, x);
        model.dispose();
      }
      rows.push(row);
      await yieldToPage();
    }
  } finally {
    x.dispose();
  }
  return rows;
}

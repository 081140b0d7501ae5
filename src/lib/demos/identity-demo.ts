/**
 * Lesson 2's demonstration that a residual block can be the identity for free. If the last
 * BatchNorm of the main path has gamma = 0 (and beta = 0), the main path outputs zeros, the Add
 * passes the shortcut through, and the block outputs ReLU(X), which is X itself once X has been
 * through a ReLU. So stacking 1, 2, … N such blocks changes nothing. The same layers without the
 * shortcut (the plain twin) cannot do that: with gamma = 0 they output zeros, and with their
 * default starting weights each block shrinks the signal to about a third and turns it away from
 * the input, so the stack drifts towards the all-zero output block by block.
 *
 * Two measures tell these apart, both relative to the input's size (norms over the whole batch):
 * the change ‖out − in‖ / ‖in‖ (0 for the identity, 1 for an all-zero output) and the size
 * ‖out‖ / ‖in‖ (1 for the identity, 0 for an all-zero output). A largest-difference measure
 * cannot: an all-zero output and a faded one both sit about max |in| away from the input.
 */
import * as tf from '@tensorflow/tfjs';
import { identityBlockSpec } from '../resnet/blocks';
import { applyBlock } from '../resnet/build';

/** How an output compares with its input, both as fractions of the input's norm. */
export interface Comparison {
  /** ‖out − in‖ / ‖in‖: 0 when the output is the input, 1 when it is all zeros. */
  change: number;
  /** ‖out‖ / ‖in‖: 1 when the output is the input, 0 when it is all zeros. */
  size: number;
}

export interface DemoRow {
  blocks: number;
  residual: Comparison;
  plainZeroGamma: Comparison;
  plainDefault: Comparison;
}

const SHAPE = [6, 6, 8];
const FILTERS = [4, 4, 8];

/**
 * Compares `output` with `input` (same shape, any rank) by their Frobenius norms. The input must
 * not be all zeros: every measure is a fraction of its size.
 */
export function compare(input: tf.Tensor, output: tf.Tensor): Comparison {
  if (input.shape.join() !== output.shape.join()) {
    throw new RangeError(`compare: output has shape [${output.shape.join()}] but input has [${input.shape.join()}]; pass two tensors of the same shape`);
  }
  const [inNorm, changeNorm, outNorm] = tf.tidy(() => [tf.norm(input), tf.norm(output.sub(input)), tf.norm(output)].map((t) => t.dataSync()[0] ?? NaN));
  if (!(inNorm! > 0)) throw new RangeError('compare: the input is all zeros, so there is no size to compare with; pass a non-zero input');
  return { change: changeNorm! / inNorm!, size: outNorm! / inNorm! };
}

/**
 * A change as the table shows it: exact 0 and 1 as whole numbers, anything else to three decimals,
 * never rounded onto an exact value it is not ("> 0.999", not "1.000").
 */
export function formatChange(value: number): string {
  if (value === 0 || value === 1) return String(value);
  const text = value.toFixed(3);
  if (text === '1.000' && value < 1) return '> 0.999';
  if (text === '0.000') return '< 0.001';
  return text;
}

/** A size as the table shows it: exact 0 and 1 as whole numbers, else two significant digits (0.32, 0.0017). */
export function formatSize(value: number): string {
  if (value === 0 || value === 1) return String(value);
  return value.toPrecision(2);
}

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

/**
 * One row per depth from 1 to `maxBlocks`, on a fixed non-negative input (what a ReLU outputs) of
 * shape (4, 6, 6, 8). The models run in inference mode (`predict`), so every BatchNorm uses its
 * moving averages, which start at mean 0 and variance 1.
 */
export async function identityDemo(maxBlocks: number, yieldToPage: () => Promise<unknown> = async () => undefined): Promise<DemoRow[]> {
  const x = tf.tidy(() => tf.relu(tf.randomNormal([4, ...SHAPE], 0, 1, 'float32', 42)));
  const rows: DemoRow[] = [];
  try {
    for (let n = 1; n <= maxBlocks; n++) {
      const measure = (plain: boolean, zeroGamma: boolean) => {
        const model = stack(n, plain, zeroGamma);
        const y = model.predict(x) as tf.Tensor;
        try {
          return compare(x, y);
        } finally {
          y.dispose();
          model.dispose();
        }
      };
      rows.push({ blocks: n, residual: measure(false, true), plainZeroGamma: measure(true, true), plainDefault: measure(true, false) });
      await yieldToPage();
    }
  } finally {
    x.dispose();
  }
  return rows;
}

/** The status line's reading of the last row: what the reader should take from the table. */
export function identitySummary(row: DemoRow): string {
  const exact = row.residual.change === 0;
  const residual = exact
    ? 'the residual stack returns its input exactly (change 0)'
    : `the residual stack changes its input by ${formatChange(row.residual.change)}`;
  const zeros = row.plainZeroGamma.size === 0 ? 'returns all zeros (size 0)' : `keeps ${formatSize(row.plainZeroGamma.size)} of its size`;
  const blocks = row.blocks === 1 ? '1 block' : `${row.blocks} blocks`;
  return `With ${blocks}: ${residual}; the plain stack with gamma 0 ${zeros}; with its default start, ${formatSize(row.plainDefault.size)} of the input's size is left and the change is ${formatChange(row.plainDefault.change)}.`;
}

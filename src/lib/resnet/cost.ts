/**
 * What a block costs: conv weights and multiply-adds, layer by layer, for the bottleneck block of
 * ResNet-50 and the basic block of ResNet-18/34, and for a 1×1 projection on the shortcut. Pure
 * arithmetic, no TF.js, so the explorer recomputes it on every keystroke.
 *
 * Counted as He et al. 2016 count them: the conv kernels only. Biases and BatchNorm are left out
 * (they add a few numbers per channel, against thousands per kernel), and so are the additions of
 * the shortcut and the ReLUs. A multiply-add is one weight applied at one output position:
 * k × k × in × out × outHeight × outWidth per conv, per example.
 */
import { requireImageShape, requirePositiveInteger } from './errors';
import { formatCount } from './format';
import { slide } from './spec';

export interface ConvCost {
  /** What the conv is: `1×1, 256 → 64`. */
  label: string;
  kernel: number;
  inChannels: number;
  outChannels: number;
  /** [height, width, channels] of its output. */
  outputShape: [number, number, number];
  /** k × k × in × out: the kernel's weights. */
  weights: number;
  /** weights × output height × output width: multiply-adds per example. */
  macs: number;
}

export interface BlockCost {
  convs: ConvCost[];
  weights: number;
  macs: number;
}

/** One conv with 'same' padding and stride `s` on an input of [height, width, channels]. */
export function convCost(inputShape: readonly number[], kernel: number, filters: number, s = 1): ConvCost {
  const [h, w, c] = requireImageShape('inputShape', inputShape);
  requirePositiveInteger('kernel', kernel, 'the height and width of the conv window');
  requirePositiveInteger('filters', filters, 'the number of filters');
  requirePositiveInteger('s', s, 'the stride');
  const outputShape: [number, number, number] = [slide(h, kernel, s, 'same'), slide(w, kernel, s, 'same'), filters];
  const weights = kernel * kernel * c * filters;
  return {
    label: `${kernel}×${kernel}, ${c} → ${filters}`,
    kernel,
    inChannels: c,
    outChannels: filters,
    outputShape,
    weights,
    macs: weights * outputShape[0] * outputShape[1],
  };
}

function chain(inputShape: readonly number[], convs: readonly [kernel: number, filters: number][]): BlockCost {
  let shape = inputShape;
  const costs = convs.map(([kernel, filters]) => {
    const cost = convCost(shape, kernel, filters);
    shape = cost.outputShape;
    return cost;
  });
  return { convs: costs, weights: costs.reduce((n, c) => n + c.weights, 0), macs: costs.reduce((n, c) => n + c.macs, 0) };
}

/**
 * The bottleneck block's main path (ResNet-50): 1×1 to F1, f×f to F2, 1×1 to F3, stride 1.
 * On (56, 56, 256) with f = 3 and [64, 64, 256]: 69,632 weights, 218,365,952 multiply-adds.
 */
export function bottleneckCost(inputShape: readonly number[], f: number, filters: readonly [number, number, number]): BlockCost {
  const [F1, F2, F3] = filters;
  return chain(inputShape, [
    [1, F1],
    [f, F2],
    [1, F3],
  ]);
}

/**
 * The basic block's main path (ResNet-18/34): two f×f convs that keep the input's channels C.
 * On (56, 56, 64) with f = 3: 73,728 weights, 231,211,008 multiply-adds.
 */
export function basicCost(inputShape: readonly number[], f: number): BlockCost {
  const C = requireImageShape('inputShape', inputShape)[2];
  return chain(inputShape, [
    [f, C],
    [f, C],
  ]);
}

/** A 1×1 projection from C to F3 channels on the shortcut, stride 1: what an identity shortcut saves. */
export function projectionCost(inputShape: readonly number[], F3: number): ConvCost {
  return convCost(inputShape, 1, F3);
}

export interface CostComparison {
  /** The bottleneck on (H, W, C). */
  bottleneck: BlockCost;
  /** A basic block as wide as the bottleneck's input and output, C. */
  basicSameWidth: BlockCost;
  /** A basic block on F1 channels: the paper's pairing (ResNet-34 runs 64 where ResNet-50 runs 256). */
  basicInnerWidth: BlockCost;
  /** A 1×1 projection shortcut from C to F3, had the block one. */
  projection: ConvCost;
}

/** The explorer's cost table for an identity block's hyperparameters. */
export function compareCosts(H: number, W: number, C: number, f: number, filters: readonly [number, number, number]): CostComparison {
  return {
    bottleneck: bottleneckCost([H, W, C], f, filters),
    basicSameWidth: basicCost([H, W, C], f),
    basicInnerWidth: basicCost([H, W, filters[0]], f),
    projection: projectionCost([H, W, C], filters[2]),
  };
}

/** One row of the explorer's cost table, as text. */
export interface CostRow {
  id: 'bottleneck' | 'basic-same' | 'basic-inner' | 'projection';
  /** What the row is, with the reader's numbers: `Bottleneck [64, 64, 256] on (56, 56, 256)`. */
  block: string;
  /** Its convs, one per entry: `1×1, 256 → 64`, `3×3, 64 → 64`, `1×1, 64 → 256`. */
  convs: string[];
  weights: string;
  macs: string;
  /** Multiply-adds as a multiple of the bottleneck's: `1.00×`, `16.94×`. */
  ratio: string;
}

const times = (n: number, of: number) => `${of > 0 ? (n / of).toFixed(2) : '–'}×`;
const shape = (dims: readonly number[]) => `(${dims.join(', ')})`;

/**
 * The explorer's cost table for an identity block's fields: the bottleneck, a basic block on the
 * same C channels, a basic block on F1 channels (the paper's pairing), and a 1×1 projection on the
 * shortcut, each with its weights, multiply-adds and multiply-adds relative to the bottleneck.
 */
export function costRows(H: number, W: number, C: number, f: number, filters: readonly [number, number, number]): CostRow[] {
  const c = compareCosts(H, W, C, f, filters);
  const base = c.bottleneck.macs;
  const row = (id: CostRow['id'], block: string, convs: readonly ConvCost[], weights: number, macs: number): CostRow => ({
    id,
    block,
    convs: convs.map((conv) => conv.label),
    weights: formatCount(weights),
    macs: formatCount(macs),
    ratio: times(macs, base),
  });
  return [
    row('bottleneck', `Bottleneck [${filters.join(', ')}] on ${shape([H, W, C])}`, c.bottleneck.convs, c.bottleneck.weights, c.bottleneck.macs),
    row('basic-same', `Basic block, two ${f}×${f} on ${shape([H, W, C])}`, c.basicSameWidth.convs, c.basicSameWidth.weights, c.basicSameWidth.macs),
    row(
      'basic-inner',
      `Basic block, two ${f}×${f} on ${shape([H, W, filters[0]])}`,
      c.basicInnerWidth.convs,
      c.basicInnerWidth.weights,
      c.basicInnerWidth.macs,
    ),
    row('projection', `A 1×1 projection shortcut, ${C} → ${filters[2]}`, [c.projection], c.projection.weights, c.projection.macs),
  ];
}

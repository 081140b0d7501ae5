/**
 * The layers of the two ResNet blocks and of ResNet-50, as data, in the document's order.
 * Pure: no TF.js. `trace.ts` computes their shapes, `build.ts` turns them into tf.layers.
 */
import { ResNetArgumentError, requireFilters, requireNaming, requirePositiveInteger } from './errors';
import { MAIN_PATH_STEPS, PROJECTION_SHORTCUT_STEPS, nameBases, stepLayer } from './block-steps';
import type { LayerSpec } from './spec';

export type BlockKind = 'identity' | 'convolutional';

/**
 * Where each block puts its BatchNorm and ReLU. 'post' is the document's (He et al. 2016): conv →
 * BN → ReLU, and a ReLU after the Add. 'pre' is He et al. 2016b's: BN → ReLU → conv, and nothing
 * after the Add, so the shortcut's sum passes on untouched.
 */
export type BlockOrder = 'post' | 'pre';

export interface BlockSpec {
  kind: BlockKind;
  stage: number;
  block: string;
  /** CONV2D → BatchNorm → ReLU, twice, then CONV2D → BatchNorm with no ReLU (pre-activation: see preact.ts). */
  main: LayerSpec[];
  /** Empty for the identity block; CONV2D → BatchNorm for the convolutional block. */
  shortcut: LayerSpec[];
  /** 'post' when absent: a ReLU follows the Add. With 'pre', nothing does. */
  order?: BlockOrder;
  /**
   * Layers applied to the input before the paths split; both paths read their output. Only the
   * pre-activation convolutional block has them (its shared BN → ReLU); absent means none.
   */
  pre?: LayerSpec[];
}

/** Where the layer names start; kept here too, beside the blocks that use them (preact.ts, index.ts). */
export { nameBases };

/** The main path's layers: MAIN_PATH_STEPS with these numbers and names (s is 1 in the identity block). */
function mainPath(f: number, filters: [number, number, number], stage: number, block: string, s: number): LayerSpec[] {
  return MAIN_PATH_STEPS.map((step) => stepLayer(step, { f, filters, s, stage, block }));
}

/** The identity block: input and output have the same shape, so F3 must equal the input's channels. */
export function identityBlockSpec(f: number, filters: readonly number[], stage: number, block: string): BlockSpec {
  requirePositiveInteger('f', f, 'the height and width of the middle conv window');
  const checked = requireFilters(filters);
  requireNaming(stage, block);
  return { kind: 'identity', stage, block, main: mainPath(f, checked, stage, block, 1), shortcut: [] };
}

/** The convolutional block: a 1×1 conv with stride s on the shortcut resizes the input to match. */
export function convolutionalBlockSpec(f: number, filters: readonly number[], stage: number, block: string, s = 2): BlockSpec {
  requirePositiveInteger('f', f, 'the height and width of the middle conv window');
  const checked = requireFilters(filters);
  requireNaming(stage, block);
  requirePositiveInteger('s', s, 'the stride of the first conv and of the shortcut conv');
  return {
    kind: 'convolutional',
    stage,
    block,
    main: mainPath(f, checked, stage, block, s),
    shortcut: PROJECTION_SHORTCUT_STEPS.map((step) => stepLayer(step, { f, filters: checked, s, stage, block })),
  };
}

/** One stage of ResNet-50 after the stem: a convolutional block, then identity blocks. */
export interface StageSpec {
  filters: [number, number, number];
  f: number;
  s: number;
  identityBlocks: number;
}

/** Stages 2 to 5 as the document gives them. */
export const RESNET50_STAGES: readonly StageSpec[] = Object.freeze([
  { filters: [64, 64, 256], f: 3, s: 1, identityBlocks: 2 },
  { filters: [128, 128, 512], f: 3, s: 2, identityBlocks: 3 },
  { filters: [256, 256, 1024], f: 3, s: 2, identityBlocks: 5 },
  { filters: [512, 512, 2048], f: 3, s: 2, identityBlocks: 2 },
]);

/** Block letters run a, b, c, …; past z the Keras names would stop being letters. */
export const MAX_IDENTITY_BLOCKS = 25;

/**
 * One stage's blocks: a convolutional block 'a', then identity blocks 'b', 'c', …. `number` is
 * the stage's number in layer names (ResNet-50's first stage of blocks is stage 2).
 */
export function stageBlocks(stage: StageSpec, number: number): BlockSpec[] {
  const count = stage.identityBlocks;
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_IDENTITY_BLOCKS) {
    throw new ResNetArgumentError(
      'identityBlocks',
      `Stage ${number}: the number of identity blocks must be a whole number from 0 to ${MAX_IDENTITY_BLOCKS}, got ${count}.`,
    );
  }
  const identity = Array.from({ length: count }, (_, b) => identityBlockSpec(stage.f, stage.filters, number, String.fromCharCode(98 + b)));
  return [convolutionalBlockSpec(stage.f, stage.filters, number, 'a', stage.s), ...identity];
}

export interface ResNet50Spec {
  stem: LayerSpec[];
  blocks: BlockSpec[];
  head: LayerSpec[];
}

/** ResNet-50's layers: zero-padding, stage 1, stages 2–5 of blocks, then average pool, flatten, softmax. */
export function resNet50Spec(classes = 6, stages: readonly StageSpec[] = RESNET50_STAGES): ResNet50Spec {
  requirePositiveInteger('classes', classes, 'the number of classes the softmax layer predicts');
  const blocks = stages.flatMap((stage, i) => stageBlocks(stage, i + 2));
  return {
    stem: [
      { op: 'zeroPad', id: 'zero_padding', pad: 3 },
      { op: 'conv2d', name: 'conv1', filters: 64, kernel: 7, strides: 2, padding: 'valid' },
      { op: 'batchNorm', name: 'bn_conv1' },
      { op: 'relu', id: 'relu_conv1' },
      { op: 'maxPool', id: 'max_pool', pool: 3, strides: 2 },
    ],
    blocks,
    head: [
      { op: 'avgPool', name: 'avg_pool', pool: 2 },
      { op: 'flatten', id: 'flatten' },
      { op: 'dense', name: `fc${classes}`, units: classes, activation: 'softmax' },
    ],
  };
}

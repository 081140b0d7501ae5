/**
 * The pre-activation blocks of He et al. 2016b ("Identity Mappings in Deep Residual Networks"),
 * as data, beside the document's post-activation blocks in blocks.ts. Each component keeps its
 * three layers and their names (`bn2a_branch2a`, `relu_2a_2a`, `res2a_branch2a`); only the order
 * changes, BN → ReLU → CONV2D, and nothing follows the Add. Pure: no TF.js.
 */
import { nameBases, type BlockKind, type BlockOrder, type BlockSpec } from './blocks';
import { convolutionalBlockSpec, identityBlockSpec } from './blocks';
import type { LayerSpec } from './spec';

/** One component, pre-activation: BatchNorm and ReLU on what comes in, then the conv. */
function component(stage: number, block: string, part: '2a' | '2b' | '2c', conv: LayerSpec): LayerSpec[] {
  return [{ op: 'batchNorm', name: `${nameBases(stage, block).bn}${part}` }, { op: 'relu', id: `relu_${stage}${block}_${part}` }, conv];
}

/** The three convs of the main path, the same as the post-activation block's (checked there). */
function convs(spec: BlockSpec): [LayerSpec, LayerSpec, LayerSpec] {
  const [a, b, c] = spec.main.filter((layer) => layer.op === 'conv2d');
  return [a!, b!, c!];
}

/**
 * The pre-activation identity block: (BN → ReLU → CONV2D) for 2a, 2b and 2c, then Add(X) with
 * nothing after it. X: (None, H, W, C) → (None, H, W, C), with F3 = C. Arguments are checked as
 * identityBlockSpec checks them.
 */
export function preActivationIdentityBlockSpec(f: number, filters: readonly number[], stage: number, block: string): BlockSpec {
  const [a, b, c] = convs(identityBlockSpec(f, filters, stage, block));
  return {
    kind: 'identity',
    stage,
    block,
    order: 'pre',
    main: [...component(stage, block, '2a', a), ...component(stage, block, '2b', b), ...component(stage, block, '2c', c)],
    shortcut: [],
  };
}

/**
 * The pre-activation convolutional block: one BN → ReLU on the input, which both paths read; the
 * main path is CONV2D 2a, then (BN → ReLU → CONV2D) for 2b and 2c; the shortcut is the 1×1 conv
 * with stride s alone (its input is already normalised, so it has no BatchNorm of its own); then
 * Add with nothing after it. X: (None, H, W, C) → (None, ⌈H/s⌉, ⌈W/s⌉, F3).
 */
export function preActivationConvolutionalBlockSpec(f: number, filters: readonly number[], stage: number, block: string, s = 2): BlockSpec {
  const post = convolutionalBlockSpec(f, filters, stage, block, s);
  const [a, b, c] = convs(post);
  const [shared, relu] = component(stage, block, '2a', a);
  return {
    kind: 'convolutional',
    stage,
    block,
    order: 'pre',
    pre: [shared!, relu!],
    main: [a, ...component(stage, block, '2b', b), ...component(stage, block, '2c', c)],
    shortcut: post.shortcut.filter((layer) => layer.op === 'conv2d'),
  };
}

/** A block's layers in either order: the document's (post-activation) or He et al. 2016b's. */
export function blockSpec(kind: BlockKind, order: BlockOrder, f: number, filters: readonly number[], stage: number, block: string, s = 2): BlockSpec {
  if (kind === 'identity') return order === 'pre' ? preActivationIdentityBlockSpec(f, filters, stage, block) : identityBlockSpec(f, filters, stage, block);
  return order === 'pre' ? preActivationConvolutionalBlockSpec(f, filters, stage, block, s) : convolutionalBlockSpec(f, filters, stage, block, s);
}

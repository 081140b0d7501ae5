/** The document's three graded functions, with its signatures in camelCase. */
import * as tf from '@tensorflow/tfjs';
import { convolutionalBlockSpec, identityBlockSpec, RESNET50_STAGES, resNet50Spec, type StageSpec } from './blocks';
import { applyBlock, applyLayers, type BuildOptions } from './build';
import { requireImageShape } from './errors';
import { traceResNet50 } from './trace';

/**
 * The identity block. X: (None, H, W, C) → (None, H, W, C); filters = [F1, F2, F3] with F3 = C.
 * Layers are named `res{stage}{block}_branch2a` … and `bn{stage}{block}_branch2a` ….
 */
export function identityBlock(
  X: tf.SymbolicTensor,
  f: number,
  filters: readonly number[],
  stage: number,
  block: string,
  options: BuildOptions = {},
): tf.SymbolicTensor {
  return applyBlock(X, identityBlockSpec(f, filters, stage, block), options).output;
}

/**
 * The convolutional block. X: (None, H, W, C) → (None, ⌈H/s⌉, ⌈W/s⌉, F3); the shortcut is a
 * 1×1 conv with stride s (`res{stage}{block}_branch1`) and its BatchNorm (`bn{stage}{block}_branch1`).
 */
export function convolutionalBlock(
  X: tf.SymbolicTensor,
  f: number,
  filters: readonly number[],
  stage: number,
  block: string,
  s = 2,
  options: BuildOptions = {},
): tf.SymbolicTensor {
  return applyBlock(X, convolutionalBlockSpec(f, filters, stage, block, s), options).output;
}

export interface ResNet50Options extends BuildOptions {
  /** Stages 2–5; the document's by default. */
  stages?: readonly StageSpec[];
  /** The plain twin: the same layers without any shortcut, for the training lab. */
  plain?: boolean;
}

/**
 * ResNet-50: (None, 64, 64, 3) → (None, 6) softmax by default; 177 layers, 23,600,006 parameters.
 * The caller owns the model and disposes it.
 */
export function resNet50(inputShape: readonly number[] = [64, 64, 3], classes = 6, options: ResNet50Options = {}): tf.LayersModel {
  const stages = options.stages ?? RESNET50_STAGES;
  traceResNet50(inputShape, classes, stages); // every argument checked before any weight is made
  const spec = resNet50Spec(classes, stages);
  const tensors = new Map<string, tf.SymbolicTensor>();
  const input = tf.input({ shape: [...requireImageShape('inputShape', inputShape)] });
  let X = applyLayers(input, spec.stem, tensors, options);
  for (const block of spec.blocks) X = applyBlock(X, block, options, tensors, options.plain ?? false).output;
  X = applyLayers(X, spec.head, tensors, options);
  return tf.model({ inputs: input, outputs: X, name: 'ResNet50' });
}

/**
 * Small ResNets for training in the browser, assembled from the lessons' own blocks, and their
 * plain twins: the same layers with every shortcut removed (no Add, no shortcut conv), so the
 * two differ only in the skip connections.
 *
 * Input (28, 28, 1) images → a 3×3 stem → stages of one convolutional block and n identity
 * blocks → average pool over what is left → softmax.
 */
import * as tf from '@tensorflow/tfjs';
import { stageBlocks } from './blocks';
import { applyBlock, applyLayers, type BuildOptions } from './build';
import { ResNetArgumentError, requireImageShape, requirePositiveInteger } from './errors';
import type { SmallResNetConfig } from './presets';

export { PRESETS, type PresetName, type SmallResNetConfig } from './presets';

/**
 * Builds a small ResNet (or, with residual: false, its plain twin). The caller disposes it.
 * BatchNorm's moving averages use momentum 0.9 rather than 0.99: browser runs are a few hundred
 * steps, and at 0.99 the statistics used for validation and testing would still be mostly their
 * starting values (0.99^100 ≈ 0.37 of them), making those numbers meaningless.
 */
export function smallResNet(config: SmallResNetConfig, buildOptions: BuildOptions = {}): tf.LayersModel {
  const options: BuildOptions = { batchNormMomentum: 0.9, ...buildOptions };
  const inputShape = requireImageShape('inputShape', config.inputShape);
  requirePositiveInteger('classes', config.classes, 'the number of classes');
  requirePositiveInteger('stem', config.stem, 'the filters of the stem conv');
  if (config.stages.length === 0) throw new ResNetArgumentError('stages', 'A small ResNet needs at least one stage.');
  const input = tf.input({ shape: [...inputShape] });
  const tensors = new Map<string, tf.SymbolicTensor>();
  let X = applyLayers(
    input,
    [
      { op: 'conv2d', name: 'conv1', filters: config.stem, kernel: 3, strides: 1, padding: 'same' },
      { op: 'batchNorm', name: 'bn_conv1' },
      { op: 'relu', id: 'relu_conv1' },
    ],
    tensors,
    options,
  );
  config.stages.forEach((stage, i) => {
    const blocks = stageBlocks({ filters: [stage.F1, stage.F1, 4 * stage.F1], f: 3, s: stage.s, identityBlocks: stage.identityBlocks }, i + 2);
    for (const block of blocks) X = applyBlock(X, block, options, tensors, !config.residual).output;
  });
  const [h = 1, w = 1] = X.shape.slice(1) as number[];
  X = tf.layers.averagePooling2d({ poolSize: [h, w], name: 'avg_pool' }).apply(X) as tf.SymbolicTensor;
  X = tf.layers.flatten().apply(X) as tf.SymbolicTensor;
  X = applyLayers(X, [{ op: 'dense', name: `fc${config.classes}`, units: config.classes, activation: 'softmax' }], tensors, options);
  return tf.model({ inputs: input, outputs: X, name: config.residual ? 'SmallResNet' : 'PlainTwin' });
}

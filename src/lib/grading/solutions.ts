/** Complete solutions, shown only after the learner asks for them (and confirms). */
import { add, bn, conv, relu } from './snippets';
import type { ExerciseId } from './types';

export const SOLUTIONS: Record<ExerciseId, string> = {
  'identity-block': `function identityBlock(X: tf.SymbolicTensor, f: number, filters: number[], stage: number, block: string): tf.SymbolicTensor {
  const convNameBase = 'res' + stage + block + '_branch';
  const bnNameBase = 'bn' + stage + block + '_branch';
  const [F1, F2, F3] = filters;
  const XShortcut = X;

  // First component of the main path
  ${conv('F1', '[1, 1]', '[1, 1]', 'valid', "convNameBase + '2a'")}
  ${bn("bnNameBase + '2a'")}
  ${relu}

  // Second component of the main path
  ${conv('F2', '[f, f]', '[1, 1]', 'same', "convNameBase + '2b'")}
  ${bn("bnNameBase + '2b'")}
  ${relu}

  // Third component of the main path: no ReLU
  ${conv('F3', '[1, 1]', '[1, 1]', 'valid', "convNameBase + '2c'")}
  ${bn("bnNameBase + '2c'")}

  // Final step: add the shortcut, then ReLU
  ${add}
  ${relu}
  return X;
}
`,
  'convolutional-block': `function convolutionalBlock(X: tf.SymbolicTensor, f: number, filters: number[], stage: number, block: string, s = 2): tf.SymbolicTensor {
  const convNameBase = 'res' + stage + block + '_branch';
  const bnNameBase = 'bn' + stage + block + '_branch';
  const [F1, F2, F3] = filters;
  let XShortcut = X;

  // First component of the main path
  ${conv('F1', '[1, 1]', '[s, s]', 'valid', "convNameBase + '2a'")}
  ${bn("bnNameBase + '2a'")}
  ${relu}

  // Second component of the main path
  ${conv('F2', '[f, f]', '[1, 1]', 'same', "convNameBase + '2b'")}
  ${bn("bnNameBase + '2b'")}
  ${relu}

  // Third component of the main path: no ReLU
  ${conv('F3', '[1, 1]', '[1, 1]', 'valid', "convNameBase + '2c'")}
  ${bn("bnNameBase + '2c'")}

  // Shortcut path: a 1×1 CONV2D with stride s, then BatchNorm
  ${conv('F3', '[1, 1]', '[s, s]', 'valid', "convNameBase + '1'", 'XShortcut', 'XShortcut')}
  ${bn("bnNameBase + '1'", 'XShortcut')}

  // Final step: add the shortcut, then ReLU
  ${add}
  ${relu}
  return X;
}
`,
  resnet50: `function resNet50(inputShape: number[] = [64, 64, 3], classes = 6): tf.LayersModel {
  const XInput = tf.input({ shape: inputShape });
  let X = tf.layers.zeroPadding2d({ padding: [3, 3] }).apply(XInput) as tf.SymbolicTensor;

  // Stage 1
  ${conv('64', '[7, 7]', '[2, 2]', 'valid', "'conv1'")}
  ${bn("'bn_conv1'")}
  ${relu}
  X = tf.layers.maxPooling2d({ poolSize: [3, 3], strides: [2, 2] }).apply(X) as tf.SymbolicTensor;

  // Stage 2
  X = convolutionalBlock(X, 3, [64, 64, 256], 2, 'a', 1);
  X = identityBlock(X, 3, [64, 64, 256], 2, 'b');
  X = identityBlock(X, 3, [64, 64, 256], 2, 'c');

  // Stage 3
  X = convolutionalBlock(X, 3, [128, 128, 512], 3, 'a', 2);
  for (const block of ['b', 'c', 'd']) X = identityBlock(X, 3, [128, 128, 512], 3, block);

  // Stage 4
  X = convolutionalBlock(X, 3, [256, 256, 1024], 4, 'a', 2);
  for (const block of ['b', 'c', 'd', 'e', 'f']) X = identityBlock(X, 3, [256, 256, 1024], 4, block);

  // Stage 5
  X = convolutionalBlock(X, 3, [512, 512, 2048], 5, 'a', 2);
  for (const block of ['b', 'c']) X = identityBlock(X, 3, [512, 512, 2048], 5, block);

  // Average pool, flatten, softmax
  X = tf.layers.averagePooling2d({ poolSize: [2, 2], name: 'avg_pool' }).apply(X) as tf.SymbolicTensor;
  X = tf.layers.flatten().apply(X) as tf.SymbolicTensor;
  X = tf.layers.dense({ units: classes, activation: 'softmax', name: 'fc' + classes, kernelInitializer: tf.initializers.glorotUniform({ seed: 0 }) }).apply(X) as tf.SymbolicTensor;

  return tf.model({ inputs: XInput, outputs: X, name: 'ResNet50' });
}
`,
};

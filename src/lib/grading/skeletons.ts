/**
 * What each code cell starts with: the document's signature, the name bases, a comment per
 * component, and gaps marked YOUR CODE HERE. The first component is written out, as a model
 * for the rest.
 */
import { bn, conv, relu } from './snippets';
import { functionNames } from './exercises';
import type { ExerciseId } from './types';

export const SKELETONS: Record<ExerciseId, string> = {
  'identity-block': `function identityBlock(X: tf.SymbolicTensor, f: number, filters: number[], stage: number, block: string): tf.SymbolicTensor {
  // Layer names: res{stage}{block}_branch2a, bn{stage}{block}_branch2a, …
  const convNameBase = 'res' + stage + block + '_branch';
  const bnNameBase = 'bn' + stage + block + '_branch';

  // The numbers of filters of the three CONV2D layers.
  const [F1, F2, F3] = filters;

  // Keep the input: the shortcut adds it back at the end.
  const XShortcut = X;

  // First component of the main path.
  ${conv('F1', '[1, 1]', '[1, 1]', 'valid', "convNameBase + '2a'")}
  ${bn("bnNameBase + '2a'")}
  ${relu}

  // Second component of the main path (3 lines).
  // YOUR CODE HERE

  // Third component of the main path (2 lines).
  // YOUR CODE HERE

  // Final step: add the shortcut to the main path, then apply a ReLU (2 lines).
  // YOUR CODE HERE

  return X;
}
`,
  'convolutional-block': `function convolutionalBlock(X: tf.SymbolicTensor, f: number, filters: number[], stage: number, block: string, s = 2): tf.SymbolicTensor {
  // Layer names: res{stage}{block}_branch2a, bn{stage}{block}_branch1, …
  const convNameBase = 'res' + stage + block + '_branch';
  const bnNameBase = 'bn' + stage + block + '_branch';

  // The numbers of filters of the three CONV2D layers.
  const [F1, F2, F3] = filters;

  // Keep the input: the shortcut path starts from it.
  let XShortcut = X;

  // First component of the main path.
  ${conv('F1', '[1, 1]', '[s, s]', 'valid', "convNameBase + '2a'")}
  ${bn("bnNameBase + '2a'")}
  ${relu}

  // Second component of the main path (3 lines).
  // YOUR CODE HERE

  // Third component of the main path (2 lines).
  // YOUR CODE HERE

  // Shortcut path: a CONV2D and a BatchNorm on XShortcut (2 lines).
  // YOUR CODE HERE

  // Final step: add the shortcut to the main path, then apply a ReLU (2 lines).
  // YOUR CODE HERE

  return X;
}
`,
  resnet50: `function resNet50(inputShape: number[] = [64, 64, 3], classes = 6): tf.LayersModel {
  // The input, then zero-padding of (3, 3).
  const XInput = tf.input({ shape: inputShape });
  let X = tf.layers.zeroPadding2d({ padding: [3, 3] }).apply(XInput) as tf.SymbolicTensor;

  // Stage 1
  ${conv('64', '[7, 7]', '[2, 2]', 'valid', "'conv1'")}
  ${bn("'bn_conv1'")}
  ${relu}
  X = tf.layers.maxPooling2d({ poolSize: [3, 3], strides: [2, 2] }).apply(X) as tf.SymbolicTensor;

  // Stage 2: identityBlock and convolutionalBlock are the reference blocks, already in scope.
  X = convolutionalBlock(X, 3, [64, 64, 256], 2, 'a', 1);
  X = identityBlock(X, 3, [64, 64, 256], 2, 'b');
  X = identityBlock(X, 3, [64, 64, 256], 2, 'c');

  // Stage 3 (4 lines).
  // YOUR CODE HERE

  // Stage 4 (6 lines).
  // YOUR CODE HERE

  // Stage 5 (3 lines).
  // YOUR CODE HERE

  // Average pooling named 'avg_pool', flatten, and the softmax Dense layer named 'fc' + classes (3 lines).
  // YOUR CODE HERE

  return tf.model({ inputs: XInput, outputs: X, name: 'ResNet50' });
}
`,
};

/** The function each cell must define, by exercise (from the exercises' description). */
export const FUNCTION_NAMES: Readonly<Record<ExerciseId, string>> = functionNames('tfjs');

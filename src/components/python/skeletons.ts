/**
 * What a Keras cell starts with: the assignment's signature and names, a comment per component,
 * and gaps marked YOUR CODE HERE, as in the TF.js skeletons. Like the assignment's graded cells
 * they have no import lines: the runner provides Conv2D, BatchNormalization and the rest.
 * The files are read with Vite's `?raw`, so this loader lives in src/components, not src/lib.
 */
import type { ExerciseId } from '../../lib/course';
import convolutionalBlock from '../../lib/keras/skeletons/convolutional_block.py?raw';
import identityBlock from '../../lib/keras/skeletons/identity_block.py?raw';
import resNet50 from '../../lib/keras/skeletons/resnet50.py?raw';

export const PYTHON_SKELETONS: Readonly<Record<ExerciseId, string>> = Object.freeze({
  'identity-block': identityBlock,
  'convolutional-block': convolutionalBlock,
  resnet50: resNet50,
});

/**
 * The assignment's solutions in Keras, as Python cells: what a learner who picks Keras is shown
 * after asking for the solution, and what the unit tests build against the TF.js reference.
 * Like the assignment's graded cells they have no import lines: the runner provides them.
 * The files are read with Vite's `?raw`, so this loader lives in src/components, not src/lib.
 */
import type { ExerciseId } from '../../lib/course';
import convolutionalBlock from '../../lib/keras/solutions/convolutional_block.py?raw';
import identityBlock from '../../lib/keras/solutions/identity_block.py?raw';
import resNet50 from '../../lib/keras/solutions/resnet50.py?raw';

export const PYTHON_SOLUTIONS: Readonly<Record<ExerciseId, string>> = Object.freeze({
  'identity-block': identityBlock,
  'convolutional-block': convolutionalBlock,
  resnet50: resNet50,
});

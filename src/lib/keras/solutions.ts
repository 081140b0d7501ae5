/**
 * The assignment's solutions in Keras, as Python cells: what a learner who picks Keras is shown
 * after asking for the solution, and what the unit tests build against the TF.js reference.
 * Like the assignment's graded cells they have no import lines: the runner provides them.
 */
import type { ExerciseId } from '../grading/types';
import convolutionalBlock from './solutions/convolutional_block.py?raw';
import identityBlock from './solutions/identity_block.py?raw';
import resNet50 from './solutions/resnet50.py?raw';

export const PYTHON_SOLUTIONS: Readonly<Record<ExerciseId, string>> = Object.freeze({
  'identity-block': identityBlock,
  'convolutional-block': convolutionalBlock,
  resnet50: resNet50,
});

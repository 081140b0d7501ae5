import type { ExerciseId } from '../course';

/** The Python name of each exercise's function, as the assignment names it. */
export const PYTHON_FUNCTION_NAMES: Readonly<Record<ExerciseId, string>> = {
  'identity-block': 'identity_block',
  'convolutional-block': 'convolutional_block',
  resnet50: 'ResNet50',
};

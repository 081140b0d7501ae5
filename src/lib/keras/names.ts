import type { ExerciseId } from '../course';
import { functionNames } from '../grading/exercises';

/** The Python name of each exercise's function, as the assignment names it (from the exercises' description). */
export const PYTHON_FUNCTION_NAMES: Readonly<Record<ExerciseId, string>> = functionNames('keras');

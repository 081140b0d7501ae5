/** Grading is data: checks describe what passed and why; components only render them. */

export type { ExerciseId, Language } from '../course';

export interface Check {
  id: 'runs' | 'shapes' | 'layers' | 'params' | 'outputs';
  /** What the check verifies, as the cell shows it. */
  title: string;
  pass: boolean;
  /** Why it passed or failed, naming the step at fault. */
  message: string;
  /** What to change, when it failed. */
  hint?: string;
  /** Set when the check did not run because an earlier one failed (then `pass` is false). */
  skipped?: true;
}

/** Where in the learner's code something went wrong (1-based, as an editor shows it). */
export interface CodePosition {
  line: number;
  column?: number;
}

export interface GradeReport {
  checks: Check[];
  /** True when every check passed. */
  passed: boolean;
  /** A syntax or runtime error in the learner's code, with its position when known. */
  error?: { kind: 'syntax' | 'runtime' | 'timeout'; message: string; position?: CodePosition };
}

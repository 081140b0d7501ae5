/** Helpers for the grading tests: a solution with one slip, and finding checks in a report. */
import { SOLUTIONS } from '../../src/lib/grading/solutions';
import type { Check, ExerciseId } from '../../src/lib/grading/types';

/** The solution with one change, which must be found in it (so a typo in a test cannot pass silently). */
export function wrong(id: ExerciseId, find: string | RegExp, replace: string): string {
  const source = SOLUTIONS[id];
  const changed = source.replace(find, replace);
  if (changed === source) throw new Error(`test setup: ${String(find)} not found in the ${id} solution`);
  return changed;
}

export const first = (checks: Check[]) => checks.find((c) => !c.pass);
export const byId = (checks: Check[], id: Check['id']) => checks.find((c) => c.id === id);

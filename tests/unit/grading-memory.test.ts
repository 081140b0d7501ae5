import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradeExercise } from '../../src/lib/grading/exercise';
import { SOLUTIONS } from '../../src/lib/grading/solutions';
import type { ExerciseId } from '../../src/lib/grading/types';

/** The last line of each solution: every failing variant below replaces it or edits before it. */
const RETURNS: Record<ExerciseId, string> = {
  'identity-block': '  return X;\n}',
  'convolutional-block': '  return X;\n}',
  resnet50: "  return tf.model({ inputs: XInput, outputs: X, name: 'ResNet50' });",
};

/** The solution with one change, which must be found in it (so a typo cannot make a case vacuous). */
function edit(id: ExerciseId, find: string, replace: string): string {
  const changed = SOLUTIONS[id].replace(find, replace);
  if (changed === SOLUTIONS[id]) throw new Error(`test setup: ${find} not found in the ${id} solution`);
  return changed;
}

/** Every layer the solution made has weights by now; the ending decides whether they are freed. */
const ending = (id: ExerciseId, instead: string) => edit(id, RETURNS[id], `  ${instead}\n${id === 'resnet50' ? '' : '}'}`);

/** An edit after which the solution's Add (its own, or one inside a block it calls) throws. */
const SHAPE_MISMATCHES: Record<ExerciseId, [string, string]> = {
  'identity-block': ["padding: 'same'", "padding: 'valid'"],
  'convolutional-block': ["strides: [s, s], padding: 'valid', name: convNameBase + '1'", "strides: [1, 1], padding: 'valid', name: convNameBase + '1'"],
  resnet50: ["[512, 512, 2048], 5, 'a', 2", "[512, 512, 1024], 5, 'a', 2"],
};

interface Attempt {
  kind: string;
  source: (id: ExerciseId) => string;
  /** The first failing check's message, to show the attempt fails the way the case means. */
  fails?: RegExp;
}

const attempts: Attempt[] = [
  { kind: 'code that passes', source: (id) => SOLUTIONS[id] },
  // The model it returns does not contain that layer, so disposing the model does not free it.
  {
    kind: 'code that passes but applies a layer it never uses',
    source: (id) => edit(id, RETURNS[id], `  tf.layers.dense({ units: 3 }).apply(X);\n${RETURNS[id]}`),
  },
  { kind: 'code that throws', source: (id) => ending(id, "throw new Error('not yet');"), fails: /threw: not yet/ },
  {
    kind: 'code that throws at a shape mismatch',
    source: (id) => edit(id, ...SHAPE_MISMATCHES[id]),
    fails: /threw: /,
  },
  {
    kind: 'code returning the wrong shape',
    source: (id) => (id === 'resnet50' ? edit(id, "3, 'a', 2)", "3, 'a', 1)") : edit(id, 'const [F1, F2, F3] = filters;', 'const [F2, F1, F3] = filters;')),
    fails: /expected \(None, [\d, ]+\), got/,
  },
  { kind: 'code returning a number', source: (id) => ending(id, 'return 42;'), fails: /returned a number/ },
  { kind: 'code returning a concrete tensor', source: (id) => ending(id, 'return tf.zeros([2]);'), fails: /returned a concrete tf\.Tensor/ },
  // An endless loop cannot be stopped from inside the thread it blocks: the page terminates the
  // grader's worker, and everything the worker held goes with it (kernel-client.test.ts). Here,
  // the part that reaches this code: a loop that piles up a layer with weights on every turn,
  // until something throws.
  {
    kind: 'a loop making layers until it throws',
    source: (id) => ending(id, "for (let i = 0; ; i++) { if (i === 30) throw new Error('still looping'); tf.layers.dense({ units: 2 }).apply(X); }"),
    fails: /threw: still looping/,
  },
];

// ResNet-50 builds 53 conv layers per attempt (150 to 1,000 ms here), so it repeats fewer times;
// a single leaking attempt already moves the count by hundreds of tensors.
describe.each([
  { id: 'identity-block' as const, times: 20 },
  { id: 'convolutional-block' as const, times: 20 },
  { id: 'resnet50' as const, times: 2 },
])('$id: attempts leave no tensors behind', ({ id, times }) => {
  // ResNet-50's reference is built once per worker and kept: build it before counting.
  // Seconds alone; on two cores busy with other work, several times that.
  beforeAll(() => {
    if (id === 'resnet50') gradeExercise(id, SOLUTIONS[id]);
  }, 60_000);

  it.each(attempts)(`${times} × $kind`, ({ source, fails }) => {
    const code = source(id);
    const before = tf.memory().numTensors;
    for (let i = 0; i < times; i++) {
      const result = gradeExercise(id, code);
      expect(result.passed).toBe(!fails);
      if (fails) expect(result.checks.find((c) => !c.pass)?.message).toMatch(fails);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

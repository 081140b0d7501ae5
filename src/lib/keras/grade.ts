/**
 * Grades a Keras (Python) cell: the runtime runs the learner's code and builds the exercise's
 * model from our TF.js layers, and the checks in src/lib/grading/judge.ts judge it exactly as
 * they judge a TF.js cell. Only the words differ: the call is shown as Python writes it, and
 * Python's error type leads its message.
 */
import { fail } from '../grading/grade';
import { afterThrow, compileFailure, contained, judgeBlock, judgeModel, TEST_CASES, unfinished, wrongResult, type GradeError } from '../grading/judge';
import type { ExerciseId, GradeReport } from '../grading/types';
import type { KerasBuild, KerasCall, KerasRuntime } from './runtime';

/** The call the grader makes for each exercise: its test case (ResNet-50 at `inputShape`). */
export function kerasCall(id: ExerciseId, inputShape?: readonly number[]): KerasCall {
  if (id === 'resnet50') return { exercise: id, inputShape: [...(inputShape ?? TEST_CASES.resnet50.input)], classes: TEST_CASES.resnet50.classes };
  const t = TEST_CASES[id];
  const block = { input: [...t.input], f: t.f, filters: [...t.filters], stage: t.stage, block: t.block };
  return 's' in t ? { exercise: 'convolutional-block', ...block, s: t.s } : { exercise: 'identity-block', ...block };
}

/** What went wrong in a build that gave no model, as the report says it. */
function failedBuild(id: ExerciseId, build: Extract<KerasBuild, { ok: false }>): GradeReport {
  const { error } = build;
  if (error.kind === 'syntax') return compileFailure('syntax', error.message, error.position);
  if (error.kind === 'result') return wrongResult(error.message, error.hint ?? '', 'the function must return what the exercise asks for');
  const gradeError: GradeError = {
    kind: error.kind === 'timeout' ? 'timeout' : 'runtime',
    message: `${error.type}: ${error.message}`,
    ...(error.position ? { position: error.position } : {}),
  };
  return afterThrow(id, fail('runs', `${build.call} raised ${error.type}: ${error.message}`), build.made, gradeError, 'keras');
}

function attempt(id: ExerciseId, runtime: KerasRuntime, code: string): GradeReport {
  const build = runtime.build(code, kerasCall(id));
  try {
    if (!build.ok) return failedBuild(id, build);
    if (id !== 'resnet50') return judgeBlock(id, build.model, `${build.call} returns a tensor.`, 'keras');
    const { outputsInput } = TEST_CASES.resnet50;
    let small: KerasBuild | undefined;
    try {
      return judgeModel(
        build.model,
        `${build.call} returns a Model.`,
        () => {
          small = runtime.build(code, kerasCall(id, outputsInput));
          return small.ok ? small.model : `${small.call} did not return a model: ${small.error.message}`;
        },
        'keras',
      );
    } finally {
      small?.dispose();
    }
  } finally {
    build.dispose();
  }
}

/** Grades a Keras cell for one exercise. Never throws: problems are reported as data. */
export function gradeKeras(id: ExerciseId, runtime: KerasRuntime, code: string): GradeReport {
  try {
    return contained(() => attempt(id, runtime, code));
  } catch (error) {
    return unfinished(error);
  }
}

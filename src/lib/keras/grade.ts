/**
 * Grades a Keras (Python) cell: the runtime runs the learner's code and builds the exercise's
 * model from our TF.js layers, and the checks in src/lib/grading/judge.ts judge it exactly as
 * they judge a TF.js cell. Only the words differ: the call is shown as Python writes it, and
 * Python's error type leads its message.
 */
import { fail } from '../grading/grade';
import {
  afterThrow,
  compileFailure,
  contained,
  explain,
  judgeBlock,
  judgeModel,
  TEST_CASES,
  unfinished,
  wrongResult,
  type BlockId,
  type GradeError,
} from '../grading/judge';
import { SECOND_STRIDE, strideFault, withSecondStride } from '../grading/strides';
import { formatShape } from '../resnet/format';
import type { ExerciseId, GradeReport } from '../grading/types';
import type { KerasBuild, KerasCall, KerasRuntime } from './runtime';

/** The call the grader makes for each exercise: its test case (ResNet-50 at `inputShape`; the convolutional block at stride `s`). */
export function kerasCall(id: ExerciseId, inputShape?: readonly number[], s?: number): KerasCall {
  if (id === 'resnet50') return { exercise: id, inputShape: [...(inputShape ?? TEST_CASES.resnet50.input)], classes: TEST_CASES.resnet50.classes };
  const t = TEST_CASES[id];
  const block = { input: [...t.input], f: t.f, filters: [...t.filters], stage: t.stage, block: t.block };
  return 's' in t ? { exercise: 'convolutional-block', ...block, s: s ?? t.s } : { exercise: 'identity-block', ...block };
}

/** What went wrong in a build that gave no model, as the report says it. */
function failedBuild(id: ExerciseId, build: Extract<KerasBuild, { ok: false }>, s?: number): GradeReport {
  const { error } = build;
  if (error.kind === 'syntax') return compileFailure('syntax', error.message, error.position);
  // A name used twice: TF.js's message lists every layer name, so it is replaced by one naming it.
  const { message, hint } = explain(error.message, id, 'keras');
  if (error.kind === 'result') return wrongResult(message, hint ?? error.hint ?? '', 'the function must return what the exercise asks for');
  const gradeError: GradeError = {
    kind: error.kind === 'timeout' ? 'timeout' : 'runtime',
    message: `${error.type}: ${message}`,
    ...(error.position ? { position: error.position } : {}),
  };
  return afterThrow(id, fail('runs', `${build.call} raised ${error.type}: ${message}`, hint), build.made, gradeError, 'keras', s);
}

/** One build of a block at its test case (the convolutional block at stride `s`), judged; `output`: the shape it returned. */
function blockAt(id: BlockId, runtime: KerasRuntime, code: string, s?: number): { report: GradeReport; made: KerasBuild['made']; output?: string } {
  const build = runtime.build(code, kerasCall(id, undefined, s));
  try {
    if (!build.ok) return { report: failedBuild(id, build, s), made: build.made };
    const output = formatShape(build.model.outputs[0]?.shape.slice(1) as number[]);
    return { report: judgeBlock(id, build.model, `${build.call} returns a tensor.`, 'keras', s), made: build.made, output };
  } finally {
    build.dispose();
  }
}

/** A block, graded as the TF.js cell grades it: the convolutional block at s = 2, then at s = 1. */
function gradeBlock(id: BlockId, runtime: KerasRuntime, code: string): GradeReport {
  const t = TEST_CASES[id];
  if (!('s' in t)) return blockAt(id, runtime, code).report;
  const first = blockAt(id, runtime, code, t.s);
  if (!first.report.passed) return first.report;
  const second = blockAt(id, runtime, code, SECOND_STRIDE);
  return withSecondStride(first.report, second.report, strideFault(second.made, SECOND_STRIDE), second.output);
}

function attempt(id: ExerciseId, runtime: KerasRuntime, code: string): GradeReport {
  if (id !== 'resnet50') return gradeBlock(id, runtime, code);
  const build = runtime.build(code, kerasCall(id));
  try {
    if (!build.ok) return failedBuild(id, build);
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

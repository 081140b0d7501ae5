/**
 * Grades a TF.js cell: compiles it, calls the learner's function on the exercise's test case, and
 * hands what it built to the checks in judge.ts, which Keras cells share.
 */
import * as tf from '@tensorflow/tfjs';
import { convolutionalBlock, identityBlock } from '../resnet';
import { positionOf, compileFunction } from './compile';
import { fail } from './grade';
import { formatShape } from '../resnet/format';
import { duplicateName } from './hints';
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
} from './judge';
import { SECOND_STRIDE, strideFault, withSecondStride } from './strides';
import { FUNCTION_NAMES } from './skeletons';
import type { ExerciseId, GradeReport } from './types';

type BlockFn = (X: tf.SymbolicTensor, f: number, filters: number[], stage: number, block: string, s?: number) => unknown;
type ModelFn = (inputShape?: number[], classes?: number) => unknown;

const describe = (value: unknown): string =>
  value === null
    ? 'null'
    : value === undefined
      ? 'undefined'
      : value instanceof tf.Tensor
        ? 'a concrete tf.Tensor'
        : Array.isArray(value)
          ? 'an array'
          : typeof value === 'object'
            ? `a ${value.constructor?.name ?? 'object'}`
            : `a ${typeof value}`;

/**
 * The names each exercise's code may use. Its `tf` is TF.js with `tf.layers` wrapped to record
 * every layer the code makes, so that when the code throws (say, at an Add of two shapes that do
 * not match) the checks can still name the step where the shapes went wrong.
 */
function scopeFor(id: ExerciseId, made: tf.layers.Layer[]): Record<string, unknown> {
  const layers = Object.fromEntries(
    Object.entries(tf.layers).map(([name, factory]) => [
      name,
      typeof factory === 'function'
        ? (...args: unknown[]) => {
            const layer = (factory as (...a: unknown[]) => unknown)(...args);
            if (layer instanceof tf.layers.Layer) made.push(layer);
            return layer;
          }
        : factory,
    ]),
  );
  const recordingTf = { ...tf, layers };
  return id === 'resnet50' ? { tf: recordingTf, identityBlock, convolutionalBlock } : { tf: recordingTf };
}

/** Runs the learner's function, turning a throw into a runtime error at the learner's line. */
function call<T>(run: () => T): { ok: true; value: T } | { ok: false; error: GradeError } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    const position = positionOf(error);
    return { ok: false, error: { kind: 'runtime', message: error instanceof Error ? error.message : String(error), ...(position ? { position } : {}) } };
  }
}

/** Grades a block on its test case; the convolutional block at s = 2, then at s = 1 (strides.ts). */
function gradeBlock(id: BlockId, fn: BlockFn, made: tf.layers.Layer[]): GradeReport {
  const t = TEST_CASES[id];
  if (!('s' in t)) return gradeBlockAt(id, fn, made).report;
  const first = gradeBlockAt(id, fn, made, t.s);
  if (!first.report.passed) return first.report;
  made.length = 0;
  const second = gradeBlockAt(id, fn, made, SECOND_STRIDE);
  return withSecondStride(first.report, second.report, strideFault(made, SECOND_STRIDE), second.output);
}

/** One build of the learner's block, at stride `s` for the convolutional block; `output`: the shape it returned. */
function gradeBlockAt(id: BlockId, fn: BlockFn, made: tf.layers.Layer[], s?: number): { report: GradeReport; output?: string } {
  const t = TEST_CASES[id];
  const X = tf.input({ shape: [...t.input] });
  const args = [X, t.f, [...t.filters], t.stage, t.block, ...(s === undefined ? [] : [s])] as const;
  const result = call(() => fn(...(args as unknown as Parameters<BlockFn>)));
  const signatureText = `${FUNCTION_NAMES[id]}(X, ${t.f}, [${t.filters.join(', ')}], ${t.stage}, '${t.block}'${s === undefined ? '' : `, ${s}`})`;
  if (!result.ok) {
    const { message, hint } = explain(result.error.message, id, 'tfjs');
    return { report: afterThrow(id, fail('runs', `${signatureText} threw: ${message}`, hint), made, { ...result.error, message }, 'tfjs', s) };
  }
  if (!(result.value instanceof tf.SymbolicTensor)) {
    const report = wrongResult(
      `${signatureText} returned ${describe(result.value)}; it should return the block's output, a tf.SymbolicTensor.`,
      'end with return X, where X is the output of the final ReLU',
      'the function must return a SymbolicTensor',
    );
    return { report };
  }
  const output = formatShape(result.value.shape.slice(1) as number[]);
  let learner: tf.LayersModel;
  try {
    learner = tf.model({ inputs: X, outputs: result.value });
  } catch (error) {
    // TF.js checks the names when it makes the model: a name used twice is refused here.
    const duplicate = duplicateName(error instanceof Error ? error.message : String(error), id, 'tfjs');
    if (duplicate) return { report: wrongResult(duplicate.message, duplicate.hint, 'every layer needs a name of its own'), output };
    const report = wrongResult(
      'The returned tensor is not computed from X.',
      'start from the X passed in, rather than a new tf.input',
      'the output must depend on X',
    );
    return { report, output };
  }
  try {
    return { report: judgeBlock(id, learner, `${signatureText} returns a SymbolicTensor.`, 'tfjs', s), output };
  } finally {
    learner.dispose();
  }
}

function gradeModel(fn: ModelFn, made: tf.layers.Layer[]): GradeReport {
  const t = TEST_CASES.resnet50;
  const build = (input: readonly number[]) => call(() => fn([...input], t.classes));
  const result = build(t.input);
  const text = `resNet50([${t.input.join(', ')}], ${t.classes})`;
  if (!result.ok) {
    const { message, hint } = explain(result.error.message, 'resnet50', 'tfjs');
    return afterThrow('resnet50', fail('runs', `${text} threw: ${message}`, hint), made, { ...result.error, message }, 'tfjs');
  }
  if (!(result.value instanceof tf.LayersModel)) {
    return wrongResult(
      `${text} returned ${describe(result.value)}; it should return a tf.LayersModel.`,
      'end with return tf.model({ inputs: XInput, outputs: X })',
      'the function must return a model',
    );
  }
  const learner = result.value;
  const atOutputsInput = () => {
    const small = build(t.outputsInput);
    return small.ok && small.value instanceof tf.LayersModel ? small.value : `resNet50([${t.outputsInput.join(', ')}], ${t.classes}) did not return a model.`;
  };
  try {
    return judgeModel(learner, `${text} returns a LayersModel.`, atOutputsInput, 'tfjs');
  } finally {
    learner.dispose();
  }
}

/** Grades the learner's code for one exercise. Never throws: problems are reported as data. */
export function gradeExercise(id: ExerciseId, source: string): GradeReport {
  try {
    // The cell's top level runs when it compiles, so compiling belongs to the attempt.
    return contained(() => attempt(id, source));
  } catch (error) {
    return unfinished(error, positionOf(error));
  }
}

function attempt(id: ExerciseId, source: string): GradeReport {
  const made: tf.layers.Layer[] = [];
  const compiled = compileFunction<BlockFn & ModelFn>(source, FUNCTION_NAMES[id], scopeFor(id, made));
  if (!compiled.ok) return compileFailure(compiled.kind, compiled.message, compiled.position);
  return id === 'resnet50' ? gradeModel(compiled.fn, made) : gradeBlock(id, compiled.fn, made);
}

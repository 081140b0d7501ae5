/**
 * Grades one exercise: compiles the cell, calls the learner's function on the exercise's test
 * case, builds the reference the same way, and runs the checks in order. Later checks are only
 * meaningful once earlier ones pass (weights cannot be copied into layers that do not exist), so
 * they are reported as not checked yet rather than as confusing failures.
 */
import * as tf from '@tensorflow/tfjs';
import { convolutionalBlock, identityBlock, resNet50 } from '../resnet';
import { positionOf, compileFunction } from './compile';
import { checkLayers, checkOutputs, checkParams, checkShapes, fail, firstShapeDifference, fixedInput, outputsOf, pass, skipped } from './grade';
import { FUNCTION_NAMES } from './skeletons';
import type { Check, ExerciseId, GradeReport } from './types';

type BlockFn = (X: tf.SymbolicTensor, f: number, filters: number[], stage: number, block: string, s?: number) => unknown;
type ModelFn = (inputShape?: number[], classes?: number) => unknown;

/** The test case each exercise is graded on: the document's own (4, 4, 6) example for the blocks. */
export const TEST_CASES = {
  'identity-block': { input: [4, 4, 6], f: 2, filters: [2, 4, 6], stage: 1, block: 'a' },
  'convolutional-block': { input: [4, 4, 6], f: 2, filters: [2, 4, 6], stage: 1, block: 'a', s: 2 },
  // The smallest input ResNet-50 accepts has the same weights as (64, 64, 3) and runs ~3× faster.
  resnet50: { input: [64, 64, 3], classes: 6, outputsInput: [37, 37, 3] },
} as const;

const describe = (value: unknown): string =>
  value === null ? 'null' : value === undefined ? 'undefined' : value instanceof tf.Tensor ? 'a concrete tf.Tensor' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? `a ${value.constructor?.name ?? 'object'}` : `a ${typeof value}`;

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

function rest(checks: Check[], why: string): Check[] {
  const ids: Check['id'][] = ['shapes', 'layers', 'params', 'outputs'];
  return [...checks, ...ids.filter((id) => !checks.some((c) => c.id === id)).map((id) => skipped(id, why))];
}

function report(checks: Check[], error?: GradeReport['error']): GradeReport {
  return { checks, passed: checks.every((c) => c.pass), ...(error ? { error } : {}) };
}

/** Runs the learner's function, turning a throw into a runtime error at the learner's line. */
function call<T>(run: () => T): { ok: true; value: T } | { ok: false; error: NonNullable<GradeReport['error']> } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    const position = positionOf(error);
    return { ok: false, error: { kind: 'runtime', message: error instanceof Error ? error.message : String(error), ...(position ? { position } : {}) } };
  }
}

function compareModels(learner: tf.LayersModel, reference: tf.LayersModel, outputsOn: () => Check): Check[] {
  const shapes = checkShapes(learner, reference);
  const layers = checkLayers(learner, reference);
  const params = checkParams(learner, reference);
  const outputs = shapes.pass && layers.pass && params.pass ? outputsOn() : skipped('outputs', 'first make the shapes, layers and parameters match');
  return [shapes, layers, params, outputs];
}

/** After the code threw: the runs failure, plus the first step whose shape was already wrong. */
function afterThrow(runs: Check, made: readonly tf.layers.Layer[], reference: () => tf.LayersModel, error: NonNullable<GradeReport['error']>): GradeReport {
  const model = reference();
  try {
    const shapes = firstShapeDifference(new Map(made.map((l) => [l.name, l])), model);
    const checks = shapes && !/there is no layer named/.test(shapes.message) ? [runs, shapes] : [runs];
    return report(rest(checks, 'the function must run first'), error);
  } finally {
    model.dispose();
  }
}

function referenceBlock(id: 'identity-block' | 'convolutional-block'): tf.LayersModel {
  const t = TEST_CASES[id];
  const X = tf.input({ shape: [...t.input] });
  const out = 's' in t ? convolutionalBlock(X, t.f, [...t.filters], t.stage, t.block, t.s) : identityBlock(X, t.f, [...t.filters], t.stage, t.block);
  return tf.model({ inputs: X, outputs: out });
}

function gradeBlock(id: 'identity-block' | 'convolutional-block', fn: BlockFn, made: tf.layers.Layer[]): GradeReport {
  const t = TEST_CASES[id];
  const s = 's' in t ? t.s : undefined;
  const X = tf.input({ shape: [...t.input] });
  const args = [X, t.f, [...t.filters], t.stage, t.block, ...(s === undefined ? [] : [s])] as const;
  const result = call(() => fn(...(args as unknown as Parameters<BlockFn>)));
  const signatureText = `${FUNCTION_NAMES[id]}(X, ${t.f}, [${t.filters.join(', ')}], ${t.stage}, '${t.block}'${s === undefined ? '' : `, ${s}`})`;
  if (!result.ok) return afterThrow(fail('runs', `${signatureText} threw: ${result.error.message}`), made, () => referenceBlock(id), result.error);
  if (!(result.value instanceof tf.SymbolicTensor)) {
    return report(rest([fail('runs', `${signatureText} returned ${describe(result.value)}; it should return the block's output, a tf.SymbolicTensor.`, 'end with return X, where X is the output of the final ReLU')], 'the function must return a SymbolicTensor'));
  }
  let learner: tf.LayersModel;
  try {
    learner = tf.model({ inputs: X, outputs: result.value });
  } catch {
    return report(rest([fail('runs', 'The returned tensor is not computed from X.', 'start from the X passed in, rather than a new tf.input')], 'the output must depend on X'));
  }
  const reference = referenceBlock(id);
  try {
    const outputsOn = () => {
      const x = fixedInput([3, ...t.input]);
      const expected: tf.Tensor[] = [];
      try {
        return checkOutputs(learner, reference, x, () => {
          const outputs = outputsOf(reference, x);
          expected.push(...outputs);
          return outputs;
        });
      } finally {
        tf.dispose([x, ...expected]);
      }
    };
    return report([pass('runs', `${signatureText} returns a SymbolicTensor.`), ...compareModels(learner, reference, outputsOn)]);
  } finally {
    learner.dispose();
    reference.dispose();
  }
}

/**
 * The ResNet-50 reference is the same on every run (seeded weights, fixed input), so it is built
 * once per worker and kept: its model at (64, 64, 3), whose weights are copied into the learner's,
 * and its outputs at the smallest input, which has the same weights and costs a third of the
 * multiply-adds. A run then builds only the learner's models.
 */
let cachedReference: { model: tf.LayersModel; x: tf.Tensor; expected: [tf.Tensor, tf.Tensor] } | undefined;
function resNet50Reference() {
  if (!cachedReference) {
    const t = TEST_CASES.resnet50;
    const model = resNet50([...t.input], t.classes);
    const small = resNet50([...t.outputsInput], t.classes);
    for (const layer of small.layers) if (layer.countParams() > 0) layer.setWeights(model.getLayer(layer.name).getWeights());
    // Kept: the attempt that first needs the reference builds it inside contained(), which frees
    // every tensor it does not keep (and spares this model's weights, by keptVariables).
    const x = tf.keep(fixedInput([1, ...t.outputsInput]));
    const expected = outputsOf(small, x);
    expected.forEach((tensor) => tf.keep(tensor));
    cachedReference = { model, x, expected };
    small.dispose();
  }
  return cachedReference;
}

/** Names of the variables that outlive every attempt: the cached ResNet-50 reference's weights. */
function keptVariables(): Set<string> {
  return new Set(cachedReference?.model.weights.map((w) => w.name));
}

function gradeModel(fn: ModelFn, made: tf.layers.Layer[]): GradeReport {
  const t = TEST_CASES.resnet50;
  const build = (input: readonly number[]) => call(() => fn([...input], t.classes));
  const result = build(t.input);
  const text = `resNet50([${t.input.join(', ')}], ${t.classes})`;
  if (!result.ok) return afterThrow(fail('runs', `${text} threw: ${result.error.message}`), made, () => resNet50([...t.input], t.classes), result.error);
  if (!(result.value instanceof tf.LayersModel)) {
    return report(rest([fail('runs', `${text} returned ${describe(result.value)}; it should return a tf.LayersModel.`, 'end with return tf.model({ inputs: XInput, outputs: X })')], 'the function must return a model'));
  }
  const learner = result.value;
  const reference = resNet50Reference();
  try {
    const outputsOn = () => {
      const small = build(t.outputsInput);
      if (!small.ok || !(small.value instanceof tf.LayersModel)) return fail('outputs', `resNet50([${t.outputsInput.join(', ')}], ${t.classes}) did not return a model.`);
      try {
        return checkOutputs(small.value, reference.model, reference.x, () => reference.expected);
      } finally {
        small.value.dispose();
      }
    };
    return report([pass('runs', `${text} returns a LayersModel.`), ...compareModels(learner, reference.model, outputsOn)]);
  } finally {
    learner.dispose();
  }
}

/**
 * Runs one attempt so that it leaves no tensor behind, however it ends. The worker that grades
 * lives as long as the page, and an attempt's layers get weights as soon as they are applied.
 * Disposing the learner's model frees only the layers in it: not those of an attempt that throws
 * or returns something else, nor a layer applied and then left out of the model. (The layers
 * ResNet-50's code makes through identityBlock and convolutionalBlock are not even recorded.) So
 * the attempt runs in a tf.tidy, which frees every plain tensor it makes, and afterwards every
 * variable it registered is disposed by name.
 * An endless loop never gets here: the page terminates the worker, and its memory goes with it.
 */
function contained(attempt: () => GradeReport): GradeReport {
  const before = new Set(Object.keys(tf.engine().registeredVariables));
  let result: GradeReport | undefined;
  try {
    tf.tidy(() => {
      result = attempt();
    });
  } finally {
    const kept = keptVariables();
    for (const [name, variable] of Object.entries(tf.engine().registeredVariables)) if (!before.has(name) && !kept.has(name)) variable.dispose();
  }
  return result as GradeReport;
}

/** Grades the learner's code for one exercise. Never throws: problems are reported as data. */
export function gradeExercise(id: ExerciseId, source: string): GradeReport {
  try {
    // The cell's top level runs when it compiles, so compiling belongs to the attempt.
    return contained(() => attempt(id, source));
  } catch (error) {
    const position = positionOf(error);
    const message = error instanceof Error ? error.message : String(error);
    return report(rest([fail('runs', `The checks could not finish: ${message}`)], 'the function must run first'), { kind: 'runtime', message, ...(position ? { position } : {}) });
  }
}

function attempt(id: ExerciseId, source: string): GradeReport {
  const made: tf.layers.Layer[] = [];
  const compiled = compileFunction<BlockFn & ModelFn>(source, FUNCTION_NAMES[id], scopeFor(id, made));
  if (!compiled.ok) {
    const where = compiled.position ? ` (line ${compiled.position.line}${compiled.position.column ? `, column ${compiled.position.column}` : ''})` : '';
    const kind = compiled.kind === 'syntax' ? 'Syntax error' : 'Error';
    return report(rest([fail('runs', `${kind}${where}: ${compiled.message}`)], 'the code must compile first'), {
      kind: compiled.kind,
      message: compiled.message,
      ...(compiled.position ? { position: compiled.position } : {}),
    });
  }
  return id === 'resnet50' ? gradeModel(compiled.fn, made) : gradeBlock(id, compiled.fn, made);
}

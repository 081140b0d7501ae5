/**
 * Judges what a cell built, whatever language built it: the learner's model against the
 * reference on the exercise's test case, check by check. The TF.js cells (exercise.ts) and the
 * Keras cells (src/lib/keras/grade.ts) each run the learner's code their own way, then come here,
 * so both are held to the same checks and get the same messages. Later checks are only
 * meaningful once earlier ones pass (weights cannot be copied into layers that do not exist), so
 * they are reported as not checked yet rather than as confusing failures.
 */
import * as tf from '@tensorflow/tfjs';
import { convolutionalBlock, identityBlock, resNet50 } from '../resnet';
import { checkLayers, checkOutputs, checkParams, checkShapes, fail, firstShapeDifference, fixedInput, outputsOf, pass, skipped } from './grade';
import { duplicateName } from './hints';
import { TEST_CASES } from './exercises';
import type { Check, CodePosition, ExerciseId, GradeReport, Language } from './types';

// Defined with the rest of each exercise's description; exported here too, where it always was.
export { TEST_CASES };

export type BlockId = 'identity-block' | 'convolutional-block';
export type GradeError = NonNullable<GradeReport['error']>;

/** The checks after `checks`, each marked as not checked yet, for `why`. */
export function rest(checks: Check[], why: string): Check[] {
  const ids: Check['id'][] = ['shapes', 'layers', 'params', 'outputs'];
  return [...checks, ...ids.filter((id) => !checks.some((c) => c.id === id)).map((id) => skipped(id, why))];
}

export function report(checks: Check[], error?: GradeError): GradeReport {
  return { checks, passed: checks.every((c) => c.pass), ...(error ? { error } : {}) };
}

/** The report for a cell that does not compile (or whose top level throws). */
export function compileFailure(kind: 'syntax' | 'runtime', message: string, position?: CodePosition): GradeReport {
  const where = position ? ` (line ${position.line}${position.column ? `, column ${position.column}` : ''})` : '';
  const label = kind === 'syntax' ? 'Syntax error' : 'Error';
  return report(rest([fail('runs', `${label}${where}: ${message}`)], 'the code must compile first'), { kind, message, ...(position ? { position } : {}) });
}

/**
 * An error's message as the report shows it: TF.js's refusal of a name used twice lists every
 * layer name of the model, so it is replaced by one that names the duplicate, with a hint.
 */
export function explain(message: string, id: ExerciseId, language: Language): { message: string; hint?: string } {
  return duplicateName(message, id, language) ?? { message };
}

/** The report for a function that ran but gave back the wrong kind of value. */
export function wrongResult(message: string, hint: string, why: string): GradeReport {
  return report(rest([fail('runs', message, hint)], why));
}

/** The reference block on the exercise's test case; the convolutional block at stride `s`. */
export function referenceBlock(id: BlockId, s?: number): tf.LayersModel {
  const t = TEST_CASES[id];
  const X = tf.input({ shape: [...t.input] });
  const out = 's' in t ? convolutionalBlock(X, t.f, [...t.filters], t.stage, t.block, s ?? t.s) : identityBlock(X, t.f, [...t.filters], t.stage, t.block);
  return tf.model({ inputs: X, outputs: out });
}

/**
 * Every layer joined to `made` through the graph, both ways. ResNet-50's cell calls the reference
 * blocks, whose layers are not recorded: from the learner's max-pool the walk reaches them too, so
 * a stride that went wrong inside a block call is found even when a later layer threw.
 */
function connected(made: readonly tf.layers.Layer[]): tf.layers.Layer[] {
  const seen = new Set<tf.layers.Layer>(made);
  const queue = [...made];
  for (let layer = queue.pop(); layer; layer = queue.pop()) {
    const nodes = [...layer.inboundNodes, ...layer.outboundNodes];
    for (const next of nodes.flatMap((node) => [...node.inboundLayers, node.outboundLayer])) {
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return [...seen];
}

/**
 * After the code threw: the runs failure, plus the first step whose shape was already wrong
 * among the layers it made. A step it never reached is no news (the code stopped before it).
 */
export function afterThrow(id: ExerciseId, runs: Check, made: readonly tf.layers.Layer[], error: GradeError, language: Language, s?: number): GradeReport {
  // ResNet-50's is the cached reference, kept for every attempt; a block's is built, and freed here.
  const model = id === 'resnet50' ? resNet50Reference().model : referenceBlock(id, s);
  try {
    const layers = id === 'resnet50' ? connected(made) : made;
    const difference = firstShapeDifference(new Map(layers.map((l) => [l.name, l])), model, language);
    const checks = difference?.kind === 'shape' ? [runs, difference.check] : [runs];
    return report(rest(checks, 'the function must run first'), error);
  } finally {
    if (id !== 'resnet50') model.dispose();
  }
}

function compareModels(learner: tf.LayersModel, reference: tf.LayersModel, language: Language, outputsOn: () => Check): Check[] {
  const shapes = checkShapes(learner, reference, language);
  const layers = checkLayers(learner, reference, language);
  const params = checkParams(learner, reference);
  const outputs = shapes.pass && layers.pass && params.pass ? outputsOn() : skipped('outputs', 'first make the shapes, layers and parameters match');
  return [shapes, layers, params, outputs];
}

/** Judges a block's model (the learner's, from X to their output); `returned` is the runs message. */
export function judgeBlock(id: BlockId, learner: tf.LayersModel, returned: string, language: Language, s?: number): GradeReport {
  const t = TEST_CASES[id];
  const reference = referenceBlock(id, s);
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
    return report([pass('runs', returned), ...compareModels(learner, reference, language, outputsOn)]);
  } finally {
    reference.dispose();
  }
}

/**
 * The ResNet-50 reference is the same on every run (seeded weights, fixed input), so it is built
 * once per worker and kept: its model at (64, 64, 3), whose weights are copied into the learner's,
 * and its outputs at the smallest input, which has the same weights and needs a little more than half the
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

/**
 * Judges the learner's ResNet-50. `atOutputsInput` builds their model again at the smallest
 * input, where the outputs are compared: a message when it does not give a model.
 */
export function judgeModel(learner: tf.LayersModel, returned: string, atOutputsInput: () => tf.LayersModel | string, language: Language): GradeReport {
  const reference = resNet50Reference();
  const outputsOn = () => {
    const small = atOutputsInput();
    if (typeof small === 'string') return fail('outputs', small);
    try {
      return checkOutputs(small, reference.model, reference.x, () => reference.expected);
    } finally {
      small.dispose();
    }
  };
  return report([pass('runs', returned), ...compareModels(learner, reference.model, language, outputsOn)]);
}

/**
 * Runs one attempt so that it leaves no tensor behind, however it ends. The worker that grades
 * lives as long as the page, and an attempt's layers get weights as soon as they are applied.
 * Disposing the learner's model frees only the layers in it: not those of an attempt that throws
 * or returns something else, nor a layer applied and then left out of the model. (The layers
 * ResNet-50's code makes through the reference blocks are not even recorded.) So the attempt
 * runs in a tf.tidy, which frees every plain tensor it makes, and afterwards every variable it
 * registered is disposed by name.
 * An endless loop never gets here: the page stops the worker, and its memory goes with it.
 */
export function contained(attempt: () => GradeReport): GradeReport {
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

/** The report for a grader that could not finish: never a throw out of gradeExercise. */
export function unfinished(error: unknown, position?: CodePosition): GradeReport {
  const message = error instanceof Error ? error.message : String(error);
  return report(rest([fail('runs', `The checks could not finish: ${message}`)], 'the function must run first'), {
    kind: 'runtime',
    message,
    ...(position ? { position } : {}),
  });
}

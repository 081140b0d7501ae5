/**
 * The checks behind "Run checks": the learner's model against the reference from src/lib/resnet,
 * in five steps — it runs, the shape at every step, the layers, the parameter counts, and the
 * outputs with the reference's weights copied in. Each check returns data; nothing is rendered.
 */
import * as tf from '@tensorflow/tfjs';
import { formatCount, formatShape } from '../resnet/format';
import { wiringHint } from './hints';
import { configHint, inputsOf, keras, signature } from './structure';
import type { Check, Language } from './types';

type Layer = tf.layers.Layer;

export const TITLES: Record<Check['id'], string> = {
  runs: 'Runs and returns the right kind of value',
  shapes: 'Output shape at every step',
  layers: 'Layer names, kernels, strides, padding and ReLUs',
  params: 'Parameter counts, per layer and in total',
  outputs: 'Same outputs as the reference, with its weights (inference and training)',
};

export const pass = (id: Check['id'], message: string): Check => ({ id, title: TITLES[id], pass: true, message });
export const fail = (id: Check['id'], message: string, hint?: string): Check => ({ id, title: TITLES[id], pass: false, message, ...(hint ? { hint } : {}) });
export const skipped = (id: Check['id'], why: string): Check => ({ ...fail(id, `Not checked yet: ${why}.`), skipped: true });

/** Layers in the order the reference lists them, with the learner's layer of the same name. */
function named(reference: tf.LayersModel): Layer[] {
  return reference.layers.filter((l) => l.getClassName() !== 'InputLayer' && !/_[A-Z][A-Za-z0-9]*\d+$/.test(l.name));
}

/** The skeletons' name bases, as each language spells them. */
const NAME_BASES: Record<Language, { conv: string; bn: string }> = {
  tfjs: { conv: 'convNameBase', bn: 'bnNameBase' },
  keras: { conv: 'conv_name_base', bn: 'bn_name_base' },
};

/** How a layer's name is built: `res2a_branch2b` is conv_name_base + '2b' (convNameBase in TF.js). */
export function nameHint(name: string, language: Language): string {
  const parts = name.match(/^(res|bn)\d+[a-z]+_branch(\w+)$/);
  if (!parts) return `write this step, and name it '${name}'`;
  const bases = NAME_BASES[language];
  return `write this step, and name it ${parts[1] === 'res' ? bases.conv : bases.bn} + '${parts[2]}'`;
}

/** The hint for a step whose own settings are right but whose shape is not. */
const upstream = (name: string) => `its own settings match the reference: the shape goes wrong before it, in what feeds ${name}`;

/**
 * The hint for a step whose own settings are right: what feeds it, when that differs from the
 * reference (a Flatten left out before the Dense layer), else the step before it.
 */
function feedsHint(got: Layer, want: Layer, names: ReadonlySet<string>): string {
  const gotInputs = inputsOf(got).map((l) => signature(l, names));
  const wantInputs = inputsOf(want).map((l) => signature(l, names));
  return gotInputs.join() !== wantInputs.join() ? wiringHint(gotInputs, wantInputs) : upstream(want.name);
}

/** Output shape in Keras notation, or null for a layer the learner made but never applied. */
function applied(layer: Layer): string | null {
  try {
    return keras(layer);
  } catch {
    return null;
  }
}

/** Where the shapes first part: a step the learner's layers lack, or one whose shape differs. */
export interface ShapeDifference {
  kind: 'missing' | 'shape';
  check: Check;
}

/**
 * The first named step whose shape differs from the reference's, or undefined if none does.
 * `mine` holds the learner's layers by name: a model's, or those made before the code threw.
 */
export function firstShapeDifference(mine: ReadonlyMap<string, Layer>, reference: tf.LayersModel, language: Language): ShapeDifference | undefined {
  const names = new Set(named(reference).map((l) => l.name));
  for (const want of named(reference)) {
    const got = mine.get(want.name);
    const shape = got ? applied(got) : null;
    if (!got || shape === null)
      return {
        kind: 'missing',
        check: fail('shapes', `${want.name}: expected ${keras(want)}, but there is no layer named ${want.name}.`, nameHint(want.name, language)),
      };
    if (shape !== keras(want))
      return {
        kind: 'shape',
        check: fail('shapes', `${want.name}: expected ${keras(want)}, got ${shape}`, configHint(got, want) ?? feedsHint(got, want, names)),
      };
  }
  return undefined;
}

/** The shape at every named step, in the document's order; the first difference is reported. */
export function checkShapes(learner: tf.LayersModel, reference: tf.LayersModel, language: Language): Check {
  const difference = firstShapeDifference(new Map(learner.layers.map((l) => [l.name, l])), reference, language);
  if (difference) return difference.check;
  const out = formatShape(learner.outputs[0]?.shape.slice(1) as number[]);
  const expected = formatShape(reference.outputs[0]?.shape.slice(1) as number[]);
  if (out !== expected) return fail('shapes', `The output: expected ${expected}, got ${out}.`);
  return pass('shapes', `Every step has the expected shape, ending at ${expected}.`);
}

/** Names, settings, and what feeds what: ReLUs where the document has them and nowhere else. */
export function checkLayers(learner: tf.LayersModel, reference: tf.LayersModel, language: Language): Check {
  const names = new Set(named(reference).map((l) => l.name));
  const mine = new Map(learner.layers.map((l) => [l.name, l]));
  const missing = [...names].filter((n) => !mine.has(n));
  if (missing.length > 0) {
    const { conv, bn } = NAME_BASES[language];
    const extra = learner.layers.filter((l) => ['Conv2D', 'BatchNormalization', 'Dense'].includes(l.getClassName()) && !names.has(l.name)).map((l) => l.name);
    return fail(
      'layers',
      `Missing layer${missing.length > 1 ? 's' : ''}: ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ` and ${missing.length - 4} more` : ''}.`,
      extra.length > 0
        ? `found instead: ${extra.slice(0, 4).join(', ')} — names are built from ${conv} and ${bn}`
        : `every CONV2D and BatchNorm is named from ${conv} or ${bn}`,
    );
  }
  const memoMine = new Map<Layer, string>();
  const memoWant = new Map<Layer, string>();
  for (const want of named(reference)) {
    const got = mine.get(want.name) as Layer;
    const hint = configHint(got, want);
    if (hint) return fail('layers', `${want.name}: its settings differ from the reference's.`, hint);
    const wantInputs = inputsOf(want).map((l) => signature(l, names, memoWant));
    const gotInputs = inputsOf(got).map((l) => signature(l, names, memoMine));
    if (wantInputs.join() !== gotInputs.join()) {
      return fail(
        'layers',
        `${want.name} reads from ${gotInputs.join(' + ') || 'nothing'}; it should read from ${wantInputs.join(' + ')}.`,
        wiringHint(gotInputs, wantInputs),
      );
    }
  }
  const wantOut = signature(reference.outputLayers[0] as Layer, names, memoWant);
  const gotOut = signature(learner.outputLayers[0] as Layer, names, memoMine);
  if (wantOut !== gotOut) return fail('layers', `The output is ${gotOut}; it should be ${wantOut}.`, wiringHint([gotOut], [wantOut]));
  return pass('layers', `All ${names.size} named layers match the reference, and so does every ReLU and Add between them.`);
}

/** Parameters per named layer and in total. */
export function checkParams(learner: tf.LayersModel, reference: tf.LayersModel): Check {
  const mine = new Map(learner.layers.map((l) => [l.name, l]));
  for (const want of named(reference)) {
    const got = mine.get(want.name);
    if (got && got.countParams() !== want.countParams()) {
      return fail(
        'params',
        `${want.name}: expected ${formatCount(want.countParams())} parameters, got ${formatCount(got.countParams())}.`,
        configHint(got, want),
      );
    }
  }
  if (learner.countParams() !== reference.countParams()) {
    const fewer = learner.countParams() < reference.countParams();
    return fail(
      'params',
      `In total: expected ${formatCount(reference.countParams())} parameters, got ${formatCount(learner.countParams())}.`,
      fewer ? 'some of the reference’s layers are still missing' : 'a layer the reference does not have adds weights',
    );
  }
  return pass('params', `${formatCount(reference.countParams())} parameters, layer for layer as in the reference.`);
}

/** Largest absolute difference between two tensors. */
function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => a.sub(b).abs().max().dataSync()[0] ?? Infinity);
}

/** The fixed input the outputs are compared on. */
export function fixedInput(inputShape: number[]): tf.Tensor {
  return tf.randomNormal(inputShape, 0, 1, 'float32', 7);
}

/** A model's outputs on `x` in inference and in training mode (BatchNorm on batch statistics). */
export function outputsOf(model: tf.LayersModel, x: tf.Tensor): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => [model.apply(x, { training: false }) as tf.Tensor, model.apply(x, { training: true }) as tf.Tensor]);
}

/**
 * Copies the reference's weights (from `weights`, by layer name) into the learner's model, then
 * compares its outputs on `x` with the reference's, in both modes. `expected` is called after the
 * copy: a training-mode pass updates BatchNorm's moving statistics, so the reference's own outputs
 * must not be computed before its weights are read.
 */
export function checkOutputs(learner: tf.LayersModel, weights: tf.LayersModel, x: tf.Tensor, expected: () => [tf.Tensor, tf.Tensor], tolerance = 1e-4): Check {
  try {
    for (const want of named(weights)) learner.getLayer(want.name).setWeights(want.getWeights());
  } catch (error) {
    return fail('outputs', `The reference's weights do not fit: ${error instanceof Error ? error.message : String(error)}`);
  }
  const want = expected();
  const [mine, mineTraining] = outputsOf(learner, x);
  const inference = maxDiff(mine, want[0]);
  const training = maxDiff(mineTraining, want[1]);
  tf.dispose([mine, mineTraining]);
  return verdict(inference, training, tolerance);
}

function verdict(inference: number, training: number, tolerance: number): Check {
  const worst = Math.max(inference, training);
  if (!(worst <= tolerance)) {
    const mode = inference > tolerance ? 'inference' : 'training';
    return fail(
      'outputs',
      `With the reference's weights, the outputs differ by up to ${worst.toExponential(2)} in ${mode} mode (tolerance ${tolerance}).`,
      'every layer matches by name and shape, so look at the order of operations: the Add, and where each ReLU is applied',
    );
  }
  return pass('outputs', `Outputs agree within ${tolerance} in inference and in training mode (largest difference ${worst.toExponential(1)}).`);
}

import * as tf from '@tensorflow/tfjs';
import { referenceBlock, TEST_CASES } from '../../src/lib/grading/judge';
import type { ExerciseId } from '../../src/lib/grading/types';
import { resNet50 } from '../../src/lib/resnet';

/** Pyodide straight from the package, as Node has it; the site serves a copy (scripts/copy-pyodide.mjs). */
export const INDEX_URL = 'node_modules/pyodide/';

/** Loading Pyodide takes 1.5–4 s on two busy cores; once per file. */
export const LOAD_TIMEOUT = 120_000;

/** The call the grader makes for each exercise: its test case. */
export { kerasCall as callFor } from '../../src/lib/keras/grade';

/** The TF.js reference for an exercise's test case, as the grader builds it. */
export function referenceFor(id: ExerciseId, inputShape?: number[]): tf.LayersModel {
  if (id === 'resnet50') return resNet50(inputShape ?? [...TEST_CASES.resnet50.input], TEST_CASES.resnet50.classes);
  return referenceBlock(id);
}

/** TF.js's own names for layers nobody named: input3, activation_Activation12, add_Add4, … */
const AUTO_NAME = /^input\d+$|_[A-Z][A-Za-z0-9]*\d+$/;

/**
 * One row per layer, as a model summary lists them: class, Keras name ('-' where TF.js numbered
 * it), output shape, parameters, and every setting apart from the name.
 */
export function rows(model: tf.LayersModel) {
  return model.layers.map((layer) => {
    const { name: _name, ...config } = layer.getConfig();
    return {
      class: layer.getClassName(),
      name: AUTO_NAME.test(layer.name) ? '-' : layer.name,
      shape: JSON.stringify(layer.outputShape),
      params: layer.countParams(),
      config: JSON.stringify(config),
    };
  });
}

/** Where a line containing `text` is in `source`, 1-based, as an editor numbers lines. */
export function lineOf(source: string, text: string): number {
  const index = source.split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`no line contains ${text}`);
  return index + 1;
}

/** `source` with the first line containing `text` replaced by `line` (indentation kept). */
export function replaceLine(source: string, text: string, line: string): string {
  const lines = source.split('\n');
  const index = lineOf(source, text) - 1;
  const indent = lines[index]!.match(/^\s*/)![0];
  lines[index] = indent + line.trimStart();
  return lines.join('\n');
}

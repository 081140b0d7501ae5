/**
 * One description of each graded exercise, which every copy of it is held to: the function a
 * cell defines and its parameters in each language, the case it is graded on, and the names the
 * layers of its model must have there. The TF.js skeletons and solutions (skeletons.ts,
 * solutions.ts) and the Python ones (src/lib/keras/skeletons/, solutions/) are texts a reader
 * sees, so they stay written out; tests/unit/exercises.test.ts checks that each agrees with this.
 * The Python runner gets its part as JSON (`forPython`), written beside it by the runtime.
 */
import { type FilterName, FILTER_NAMES, FILTERS_RULE } from '../resnet/errors';
import { namedLayers } from '../resnet/block-steps';
import { RESNET50_STAGES } from '../resnet/blocks';
import type { ExerciseId, Language } from './types';

/** The test case each exercise is graded on: the (4, 4, 6) example for the blocks. */
export const TEST_CASES = {
  'identity-block': { input: [4, 4, 6], f: 2, filters: [2, 4, 6], stage: 1, block: 'a' },
  // Graded at s = 2, then again at s = 1 (SECOND_STRIDE), so a stride written in as 2 is found.
  'convolutional-block': { input: [4, 4, 6], f: 2, filters: [2, 4, 6], stage: 1, block: 'a', s: 2 },
  // The smallest input ResNet-50 accepts has the same weights as (64, 64, 3) and runs ~3× faster.
  resnet50: { input: [64, 64, 3], classes: 6, outputsInput: [37, 37, 3] },
} as const;

export interface ExerciseDescription {
  /** The function a cell must define: `identityBlock` in TF.js, `identity_block` in Keras. */
  function: Readonly<Record<Language, string>>;
  /** Its parameters in order, as each language spells them (defaults and types left out). */
  parameters: Readonly<Record<Language, readonly string[]>>;
  /** The named layers (Conv2D, BatchNormalization, pooling, Dense) of the model the function
   * builds on its test case, in the order the solution makes them. */
  layerNames: readonly string[];
}

/** ResNet-50's named layers for `classes` classes: the stem, each stage's blocks (a, b, …), the head. */
function resNet50LayerNames(classes: number): string[] {
  const stages = RESNET50_STAGES.flatMap((spec, i) => {
    const letters = Array.from({ length: spec.identityBlocks }, (_, j) => String.fromCharCode(98 + j));
    return [...namedLayers('convolutional', i + 2, 'a'), ...letters.flatMap((letter) => namedLayers('identity', i + 2, letter))];
  });
  return ['conv1', 'bn_conv1', ...stages, 'avg_pool', `fc${classes}`];
}

const BLOCK_PARAMETERS = ['X', 'f', 'filters', 'stage', 'block'] as const;
const { 'identity-block': identityCase, 'convolutional-block': convolutionalCase, resnet50: resNet50Case } = TEST_CASES;

export const EXERCISE_DESCRIPTIONS: Readonly<Record<ExerciseId, ExerciseDescription>> = Object.freeze({
  'identity-block': {
    function: { tfjs: 'identityBlock', keras: 'identity_block' },
    parameters: { tfjs: BLOCK_PARAMETERS, keras: BLOCK_PARAMETERS },
    layerNames: namedLayers('identity', identityCase.stage, identityCase.block),
  },
  'convolutional-block': {
    function: { tfjs: 'convolutionalBlock', keras: 'convolutional_block' },
    parameters: { tfjs: [...BLOCK_PARAMETERS, 's'], keras: [...BLOCK_PARAMETERS, 's'] },
    layerNames: namedLayers('convolutional', convolutionalCase.stage, convolutionalCase.block),
  },
  resnet50: {
    function: { tfjs: 'resNet50', keras: 'ResNet50' },
    parameters: { tfjs: ['inputShape', 'classes'], keras: ['input_shape', 'classes'] },
    layerNames: resNet50LayerNames(resNet50Case.classes),
  },
});

/** The function each exercise's cell defines in `language`, by exercise. */
export function functionNames(language: Language): Readonly<Record<ExerciseId, string>> {
  const entries = Object.entries(EXERCISE_DESCRIPTIONS).map(([id, description]) => [id, description.function[language]]);
  return Object.freeze(Object.fromEntries(entries) as Record<ExerciseId, string>);
}

/** What the Python runner (src/lib/keras/python/resnet_live_runner.py) reads instead of keeping
 * its own copies: each exercise's function name, and the rule its reference blocks check filters by. */
export interface PythonExercises {
  functions: Readonly<Record<ExerciseId, string>>;
  filters: { names: readonly FilterName[]; rule: string };
}

export function forPython(): PythonExercises {
  return { functions: functionNames('keras'), filters: { names: FILTER_NAMES, rule: FILTERS_RULE } };
}

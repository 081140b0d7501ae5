/**
 * The steps of the document's block, written once with its hyperparameters by name (F1, f, s):
 * blocks.ts fills in the numbers and the Keras layer names to build and trace a block, and the
 * lesson's block diagrams (components/lesson/diagram.ts) print the names. A step added, moved or
 * changed here shows in the model, the shape trace and the drawings alike. Pure: no TF.js.
 */
import type { FilterName } from './errors';
import type { LayerSpec, Padding } from './spec';

/** `res2a_branch` and `bn2a_branch`: the prefixes of every layer name in a block. */
export function nameBases(stage: number, block: string): { conv: string; bn: string } {
  return { conv: `res${stage}${block}_branch`, bn: `bn${stage}${block}_branch` };
}

/**
 * One step of a block. `part` is the suffix its layer names share (`2a` in `res2a_branch2a`);
 * `kernel: 'f'` is the block's middle window and `strides: 's'` the block's stride, which the
 * identity block fixes at 1.
 */
export type BlockStep =
  | { op: 'conv2d'; part: string; filters: FilterName; kernel: 1 | 'f'; strides: 1 | 's'; padding: Padding }
  | { op: 'batchNorm'; part: string }
  | { op: 'relu'; part: string };

/** CONV2D → BatchNorm → ReLU in 2a and 2b, then CONV2D → BatchNorm in 2c. */
export const MAIN_PATH_STEPS: readonly BlockStep[] = Object.freeze([
  { op: 'conv2d', part: '2a', filters: 'F1', kernel: 1, strides: 's', padding: 'valid' },
  { op: 'batchNorm', part: '2a' },
  { op: 'relu', part: '2a' },
  { op: 'conv2d', part: '2b', filters: 'F2', kernel: 'f', strides: 1, padding: 'same' },
  { op: 'batchNorm', part: '2b' },
  { op: 'relu', part: '2b' },
  { op: 'conv2d', part: '2c', filters: 'F3', kernel: 1, strides: 1, padding: 'valid' },
  // No ReLU here: it comes after the shortcut is added.
  { op: 'batchNorm', part: '2c' },
] as const);

/** The convolutional block's shortcut: a 1×1 conv with stride s to F3 channels, and its BatchNorm. */
export const PROJECTION_SHORTCUT_STEPS: readonly BlockStep[] = Object.freeze([
  { op: 'conv2d', part: '1', filters: 'F3', kernel: 1, strides: 's', padding: 'valid' },
  { op: 'batchNorm', part: '1' },
] as const);

/** The numbers and names a block's steps are filled in with; arguments already checked. */
export interface BlockValues {
  f: number;
  filters: readonly [number, number, number];
  /** 1 for the identity block. */
  s: number;
  stage: number;
  block: string;
}

const FILTER_INDEX: Record<FilterName, 0 | 1 | 2> = { F1: 0, F2: 1, F3: 2 };

/** One step as a layer: `res2a_branch2a`, `bn2a_branch2a`, `relu_2a_2a`, with its numbers. */
export function stepLayer(step: BlockStep, values: BlockValues): LayerSpec {
  const { conv, bn } = nameBases(values.stage, values.block);
  switch (step.op) {
    case 'conv2d':
      return {
        op: 'conv2d',
        name: `${conv}${step.part}`,
        filters: values.filters[FILTER_INDEX[step.filters]],
        kernel: step.kernel === 'f' ? values.f : step.kernel,
        strides: step.strides === 's' ? values.s : step.strides,
        padding: step.padding,
      };
    case 'batchNorm':
      return { op: 'batchNorm', name: `${bn}${step.part}` };
    case 'relu':
      return { op: 'relu', id: `relu_${values.stage}${values.block}_${step.part}` };
  }
}

/**
 * The names a block's weighted layers take, in the order it makes them: `res2a_branch2a`,
 * `bn2a_branch2a`, … along the main path, then the convolutional block's shortcut (`…_branch1`).
 */
export function namedLayers(kind: 'identity' | 'convolutional', stage: number, block: string): string[] {
  const steps = kind === 'identity' ? MAIN_PATH_STEPS : [...MAIN_PATH_STEPS, ...PROJECTION_SHORTCUT_STEPS];
  const { conv, bn } = nameBases(stage, block);
  return steps.flatMap((step) => (step.op === 'conv2d' ? [`${conv}${step.part}`] : step.op === 'batchNorm' ? [`${bn}${step.part}`] : []));
}

/**
 * Layers described as plain data. One description drives both the shape trace (arithmetic only,
 * no TF.js) and the TF.js builder, so the shapes a lesson shows are the shapes the model has.
 *
 * Shapes here leave out the batch axis: [height, width, channels] for maps, [units] after Flatten.
 */
import { ResNetArgumentError } from './errors';

export type Padding = 'valid' | 'same';

export type LayerSpec =
  | { op: 'conv2d'; name: string; filters: number; kernel: number; strides: number; padding: Padding }
  | { op: 'batchNorm'; name: string }
  | { op: 'relu'; id: string }
  | { op: 'zeroPad'; id: string; pad: number }
  | { op: 'maxPool'; id: string; pool: number; strides: number }
  | { op: 'avgPool'; name: string; pool: number }
  | { op: 'flatten'; id: string }
  | { op: 'dense'; name: string; units: number; activation: 'softmax' };

/**
 * Layers the document names keep that name; the others (ReLU, padding, pooling, flatten) get a
 * stable id of ours, since TF.js would otherwise number them by how many were made before.
 */
export function layerId(layer: LayerSpec): string {
  return 'name' in layer ? layer.name : layer.id;
}

/** Whether the document gives this layer a name (`res2a_branch2a`) or leaves it unnamed (ReLU). */
export function isNamed(layer: LayerSpec): boolean {
  return 'name' in layer;
}

/** The Keras class name each op becomes, as a model summary prints it. */
export const LAYER_TYPE: Record<LayerSpec['op'] | 'add' | 'input', string> = {
  input: 'InputLayer',
  conv2d: 'Conv2D',
  batchNorm: 'BatchNormalization',
  relu: 'Activation',
  add: 'Add',
  zeroPad: 'ZeroPadding2D',
  maxPool: 'MaxPooling2D',
  avgPool: 'AveragePooling2D',
  flatten: 'Flatten',
  dense: 'Dense',
};

/** Output length of a window of size `k` sliding with stride `s` over `n` cells. */
export function slide(n: number, k: number, s: number, padding: Padding): number {
  return padding === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1;
}

/** Where a step sits, so a shape error can say which one collapsed. */
export interface StepContext {
  /** How the step is named to the reader, e.g. `res2a_branch2b` or `stage 5's average pool`. */
  label: string;
  /** The stage the step belongs to (1 for the stem), carried into the error as data. */
  stage?: number;
}

function windowed(shape: readonly number[], k: number, s: number, padding: Padding, outChannels: number, where: StepContext): number[] {
  const [h = 0, w = 0] = shape;
  const oh = slide(h, k, s, padding);
  const ow = slide(w, k, s, padding);
  if (oh < 1 || ow < 1) {
    throw new ResNetArgumentError(
      'inputShape',
      `The map collapses at ${where.label}: its input is ${h} × ${w}, too small for a ${k} × ${k} ` + `window with '${padding}' padding. Use a larger input.`,
      { code: 'collapsed', ...(where.stage === undefined ? {} : { stage: where.stage }) },
    );
  }
  return [oh, ow, outChannels];
}

/** The output shape of `layer` on an input of `shape` (no batch axis). Throws if a map collapses. */
export function outputShape(layer: LayerSpec, shape: readonly number[], where: StepContext): number[] {
  const channels = shape[shape.length - 1] ?? 0;
  switch (layer.op) {
    case 'conv2d':
      return windowed(shape, layer.kernel, layer.strides, layer.padding, layer.filters, where);
    case 'batchNorm':
    case 'relu':
      return [...shape];
    case 'zeroPad':
      return [(shape[0] ?? 0) + 2 * layer.pad, (shape[1] ?? 0) + 2 * layer.pad, channels];
    case 'maxPool':
      return windowed(shape, layer.pool, layer.strides, 'valid', channels, where);
    case 'avgPool':
      return windowed(shape, layer.pool, layer.pool, 'valid', channels, where);
    case 'flatten':
      return [shape.reduce((a, b) => a * b, 1)];
    case 'dense':
      return [layer.units];
  }
}

/** Weights a layer holds: `trainable` are learned by gradient descent, the rest are running statistics. */
export function paramCount(layer: LayerSpec, inShape: readonly number[]): { trainable: number; nonTrainable: number } {
  const inChannels = inShape[inShape.length - 1] ?? 0;
  switch (layer.op) {
    case 'conv2d':
      // kernel (k × k × in × out) plus one bias per filter, as Keras' Conv2D has by default.
      return {
        trainable: layer.kernel * layer.kernel * inChannels * layer.filters + layer.filters,
        nonTrainable: 0,
      };
    case 'batchNorm':
      // gamma and beta are learned; the moving mean and variance are not.
      return { trainable: 2 * inChannels, nonTrainable: 2 * inChannels };
    case 'dense':
      return { trainable: inChannels * layer.units + layer.units, nonTrainable: 0 };
    default:
      return { trainable: 0, nonTrainable: 0 };
  }
}

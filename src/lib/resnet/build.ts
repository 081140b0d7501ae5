/**
 * TF.js builders for the blocks and ResNet-50. They read the same layer descriptions as the
 * shape trace and trace first, so bad arguments fail with the trace's message before any
 * weight is made.
 */
import * as tf from '@tensorflow/tfjs';
import { batchNormalization } from './batch-norm';
import type { BlockSpec } from './blocks';
import { ResNetArgumentError } from './errors';
import type { LayerSpec } from './spec';
import { layerId } from './spec';
import { inputStep, traceBlockFrom, type TraceStep } from './trace';

export type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

export interface BuildOptions {
  /** Replaces the document's `glorot_uniform(seed=0)` for every conv and dense kernel. */
  kernelInitializer?: Initializer;
  /** BatchNorm's moving-average momentum; Keras' and TF.js's default, 0.99, when absent. */
  batchNormMomentum?: number;
}

/** The document's "use 0 as the seed": Glorot uniform with seed 0. */
export function defaultKernelInitializer(): Initializer {
  return tf.initializers.glorotUniform({ seed: 0 });
}

/** One tf.layers layer for a layer description. */
export function toLayer(layer: LayerSpec, options: BuildOptions = {}): tf.layers.Layer {
  const kernelInitializer = options.kernelInitializer ?? defaultKernelInitializer();
  switch (layer.op) {
    case 'conv2d':
      return tf.layers.conv2d({
        filters: layer.filters,
        kernelSize: [layer.kernel, layer.kernel],
        strides: [layer.strides, layer.strides],
        padding: layer.padding,
        name: layer.name,
        kernelInitializer,
      });
    case 'batchNorm':
      return batchNormalization({ axis: 3, name: layer.name, ...(options.batchNormMomentum === undefined ? {} : { momentum: options.batchNormMomentum }) });
    case 'relu':
      return tf.layers.activation({ activation: 'relu' });
    case 'zeroPad':
      return tf.layers.zeroPadding2d({ padding: [layer.pad, layer.pad] });
    case 'maxPool':
      return tf.layers.maxPooling2d({ poolSize: [layer.pool, layer.pool], strides: [layer.strides, layer.strides] });
    case 'avgPool':
      return tf.layers.averagePooling2d({ poolSize: [layer.pool, layer.pool], name: layer.name });
    case 'flatten':
      return tf.layers.flatten();
    case 'dense':
      return tf.layers.dense({ units: layer.units, activation: layer.activation, name: layer.name, kernelInitializer });
  }
}

/** What a builder made: the output, and every step's symbolic tensor by trace id. */
export interface Built {
  output: tf.SymbolicTensor;
  tensors: Map<string, tf.SymbolicTensor>;
}

/** A trace step standing for an existing tensor, so the trace can check what follows it. */
export function stepOf(X: tf.SymbolicTensor, argument = 'X'): TraceStep {
  const shape = X?.shape;
  if (!(X instanceof tf.SymbolicTensor) || shape.length !== 4 || shape.slice(1).some((d) => d === null)) {
    throw new ResNetArgumentError(
      argument,
      `${argument} must be a symbolic tensor of shape (None, height, width, channels), such as tf.input({shape: [4, 4, 6]}).`,
    );
  }
  return inputStep(shape.slice(1) as number[]);
}

/** Applies `layers` in order, recording each output under its trace id. */
export function applyLayers(
  X: tf.SymbolicTensor,
  layers: readonly LayerSpec[],
  tensors: Map<string, tf.SymbolicTensor>,
  options: BuildOptions,
): tf.SymbolicTensor {
  let out = X;
  for (const layer of layers) {
    out = toLayer(layer, options).apply(out) as tf.SymbolicTensor;
    tensors.set(layerId(layer), out);
  }
  return out;
}

/**
 * Builds a block on X: main path, shortcut (X itself, or conv + BatchNorm), Add, then ReLU.
 * With `plain`, the block's plain twin: the same main path and final ReLU, with no shortcut.
 */
export function applyBlock(
  X: tf.SymbolicTensor,
  spec: BlockSpec,
  options: BuildOptions = {},
  tensors: Map<string, tf.SymbolicTensor> = new Map(),
  plain = false,
): Built {
  traceBlockFrom(spec, stepOf(X)); // validates shapes before a single weight exists
  const main = applyLayers(X, spec.main, tensors, options);
  if (plain) {
    const output = tf.layers.activation({ activation: 'relu' }).apply(main) as tf.SymbolicTensor;
    tensors.set(`relu_${spec.stage}${spec.block}`, output);
    return { output, tensors };
  }
  const shortcut = applyLayers(X, spec.shortcut, tensors, options);
  const tag = `${spec.stage}${spec.block}`;
  const added = tf.layers.add().apply([main, shortcut]) as tf.SymbolicTensor;
  tensors.set(`add_${tag}`, added);
  const output = tf.layers.activation({ activation: 'relu' }).apply(added) as tf.SymbolicTensor;
  tensors.set(`relu_${tag}`, output);
  return { output, tensors };
}

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

/**
 * How a builder applies one layer: to symbolic tensors, to make a model, or to real ones, to run
 * the block step by step (see run.ts). One wiring serves both, so what runs is what is built.
 */
export type ApplyLayer<T> = (layer: tf.layers.Layer, input: T | T[]) => T;

const symbolically: ApplyLayer<tf.SymbolicTensor> = (layer, input) => layer.apply(input) as tf.SymbolicTensor;

/** Applies `layers` in order with `apply`, recording each output under its trace id. */
export function wireLayers<T>(X: T, layers: readonly LayerSpec[], tensors: Map<string, T>, options: BuildOptions, apply: ApplyLayer<T>): T {
  let out = X;
  for (const layer of layers) {
    out = apply(toLayer(layer, options), out);
    tensors.set(layerId(layer), out);
  }
  return out;
}

/** Applies `layers` in order, recording each output under its trace id. */
export function applyLayers(
  X: tf.SymbolicTensor,
  layers: readonly LayerSpec[],
  tensors: Map<string, tf.SymbolicTensor>,
  options: BuildOptions,
): tf.SymbolicTensor {
  return wireLayers(X, layers, tensors, options, symbolically);
}

/**
 * Wires a block with `apply`: any shared layers, then main path and shortcut from their output,
 * Add, then ReLU unless the block is pre-activation. With `plain`, the block's plain twin: the
 * same main path and final ReLU, with no shortcut. Shapes are not checked here: see applyBlock.
 */
export function wireBlock<T>(X: T, spec: BlockSpec, apply: ApplyLayer<T>, tensors: Map<string, T>, options: BuildOptions = {}, plain = false): T {
  const tag = `${spec.stage}${spec.block}`;
  const split = wireLayers(X, spec.pre ?? [], tensors, options, apply);
  const main = wireLayers(split, spec.main, tensors, options, apply);
  if (plain) {
    const output = apply(tf.layers.activation({ activation: 'relu' }), main);
    tensors.set(`relu_${tag}`, output);
    return output;
  }
  const shortcut = wireLayers(split, spec.shortcut, tensors, options, apply);
  const added = apply(tf.layers.add(), [main, shortcut]);
  tensors.set(`add_${tag}`, added);
  if (spec.order === 'pre') return added;
  const output = apply(tf.layers.activation({ activation: 'relu' }), added);
  tensors.set(`relu_${tag}`, output);
  return output;
}

/**
 * Builds a block on X: main path, shortcut (X itself, or conv + BatchNorm), Add, then ReLU (none
 * for a pre-activation block). With `plain`, the block's plain twin: the same main path and final
 * ReLU, with no shortcut.
 */
export function applyBlock(
  X: tf.SymbolicTensor,
  spec: BlockSpec,
  options: BuildOptions = {},
  tensors: Map<string, tf.SymbolicTensor> = new Map(),
  plain = false,
): Built {
  traceBlockFrom(spec, stepOf(X)); // validates shapes before a single weight exists
  const output = wireBlock(X, spec, symbolically, tensors, options, plain);
  return { output, tensors };
}

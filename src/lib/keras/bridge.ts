/**
 * The JavaScript half of this course's Keras: the module `_resnet_live_tf` that the Python
 * package (src/lib/keras/python/keras/) calls to make, apply and assemble TF.js layers.
 *
 * Python hands over only plain values it has converted itself (`to_js`: numbers, strings,
 * arrays, plain objects) and TF.js objects it got from here; nothing here keeps a Python object.
 * Layers are made exactly as the TF.js cells and reference make them — `tf.layers` factories,
 * and our fused BatchNormalization class as src/lib/resnet does — so the checks in
 * src/lib/grading see the same classes and configs whichever language built the model.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { batchNormalization } from '../resnet/batch-norm';
import { convolutionalBlock, identityBlock } from '../resnet/models';
import { modelSummary, summaryTable } from './summary-table';

export type TF = typeof tfjs;
type Layer = tfjs.layers.Layer;
type Config = Record<string, unknown>;

/**
 * A layer's settings as TF.js's factory types them. Python built them (keras/layers.py) with
 * every required setting present and checked; TF.js checks them again when it makes the layer.
 */
const settings = <T>(config: Config) => config as unknown as T;
type Args<K extends keyof TF['layers']> = TF['layers'][K] extends (args: infer A) => unknown ? A : never;

/** The tf.layers factories the Python classes name in their `_layer_kind`. */
const LAYER_FACTORIES = {
  conv2d: (tf: TF, c: Config) => tf.layers.conv2d(settings<Args<'conv2d'>>(c)),
  // The reference's class (same class name and config as tf.layers' own), so outputs in
  // training mode match it to the last bit.
  batchNormalization: (_tf: TF, c: Config) => batchNormalization(c),
  activation: (tf: TF, c: Config) => tf.layers.activation(settings<Args<'activation'>>(c)),
  add: (tf: TF, c: Config) => tf.layers.add(c),
  zeroPadding2d: (tf: TF, c: Config) => tf.layers.zeroPadding2d(c),
  maxPooling2d: (tf: TF, c: Config) => tf.layers.maxPooling2d(c),
  averagePooling2d: (tf: TF, c: Config) => tf.layers.averagePooling2d(c),
  flatten: (tf: TF, c: Config) => tf.layers.flatten(c),
  dense: (tf: TF, c: Config) => tf.layers.dense(settings<Args<'dense'>>(c)),
  globalMaxPooling2d: (tf: TF, c: Config) => tf.layers.globalMaxPooling2d(c),
  globalAveragePooling2d: (tf: TF, c: Config) => tf.layers.globalAveragePooling2d(c),
  dropout: (tf: TF, c: Config) => tf.layers.dropout(settings<Args<'dropout'>>(c)),
} satisfies Record<string, (tf: TF, config: Config) => Layer>;

export type LayerKind = keyof typeof LAYER_FACTORIES;

type Initializer = ReturnType<TF['initializers']['glorotUniform']>;
type InitArgs<K extends keyof TF['initializers']> = TF['initializers'][K] extends (args: infer A) => unknown ? A : never;

/** The kernel initialisers keras/initializers.py offers, by TF.js's name. */
const INITIALIZER_FACTORIES = {
  glorotUniform: (tf: TF, c: Config) => tf.initializers.glorotUniform(c),
  randomUniform: (tf: TF, c: Config) => tf.initializers.randomUniform(c),
  constant: (tf: TF, c: Config) => tf.initializers.constant(settings<InitArgs<'constant'>>(c)),
  identity: (tf: TF, c: Config) => tf.initializers.identity(c),
} satisfies Record<string, (tf: TF, config: Config) => Initializer>;

export type InitializerKind = keyof typeof INITIALIZER_FACTORIES;

/** The functions Python calls; see keras/_support.py for how it calls them. */
export interface BridgeModule {
  /** `to_js`'s dict_converter: Python dicts arrive as plain objects. */
  fromEntries: (entries: Iterable<readonly [PropertyKey, unknown]>) => Config;
  layer(kind: LayerKind, config: Config): Layer;
  apply(layer: Layer, inputs: tfjs.SymbolicTensor | tfjs.SymbolicTensor[]): tfjs.SymbolicTensor;
  input(shape: (number | null)[], name?: string): tfjs.SymbolicTensor;
  model(inputs: tfjs.SymbolicTensor | tfjs.SymbolicTensor[], outputs: tfjs.SymbolicTensor | tfjs.SymbolicTensor[], name?: string): tfjs.LayersModel;
  /** Whether every path back from `outputs` ends at one of `inputs`: false where `model` would
   * refuse the graph as disconnected, told from the graph itself rather than from TF.js's message. */
  computedFrom(inputs: tfjs.SymbolicTensor | tfjs.SymbolicTensor[], outputs: tfjs.SymbolicTensor | tfjs.SymbolicTensor[]): boolean;
  /** A new initialiser per call: TF.js's seeded ones keep their own state. */
  initializer(kind: InitializerKind, config: Config): Initializer;
  identityBlock(X: tfjs.SymbolicTensor, f: number, filters: number[], stage: number, block: string): tfjs.SymbolicTensor;
  convolutionalBlock(X: tfjs.SymbolicTensor, f: number, filters: number[], stage: number, block: string, s: number): tfjs.SymbolicTensor;
  /** The lines of `Model.summary()`, laid out as Keras prints them (see summary-table.ts). */
  summary(model: tfjs.LayersModel): string[];
}

export interface Bridge {
  module: BridgeModule;
  /** Starts recording a new build's layers; returns the list they are recorded in. */
  record(): Layer[];
}

const optionalName = (name: string | undefined) => (typeof name === 'string' ? { name } : {});

/** See BridgeModule.computedFrom. A tensor made by no layer call (an Input) that is not among
 * `inputs` is where such a path ends instead. */
export function computedFrom(inputs: tfjs.SymbolicTensor | tfjs.SymbolicTensor[], outputs: tfjs.SymbolicTensor | tfjs.SymbolicTensor[]): boolean {
  const given = new Set((Array.isArray(inputs) ? inputs : [inputs]).map((tensor) => tensor.id));
  const seen = new Set<number>();
  const pending = Array.isArray(outputs) ? [...outputs] : [outputs];
  for (let tensor = pending.pop(); tensor; tensor = pending.pop()) {
    if (given.has(tensor.id) || seen.has(tensor.id)) continue;
    seen.add(tensor.id);
    if (tensor.inputs.length === 0) return false;
    pending.push(...tensor.inputs);
  }
  return true;
}

/**
 * The bridge for one Pyodide instance. Every layer the learner's code makes (not those the
 * reference blocks make, as in the TF.js cells) is recorded, so that when the code throws the
 * checks can still find the step where the shapes went wrong.
 */
export function createBridge(tf: TF): Bridge {
  let made: Layer[] = [];
  const module: BridgeModule = {
    fromEntries: (entries) => Object.fromEntries(entries),
    layer(kind, config) {
      const factory = LAYER_FACTORIES[kind];
      if (!factory) throw new Error(`no layer kind '${String(kind)}'`);
      const layer = factory(tf, config);
      made.push(layer);
      return layer;
    },
    apply: (layer, inputs) => layer.apply(inputs) as tfjs.SymbolicTensor,
    input: (shape, name) => tf.input({ shape, ...optionalName(name) }),
    model: (inputs, outputs, name) => tf.model({ inputs, outputs, ...optionalName(name) }),
    computedFrom,
    initializer(kind, config) {
      const factory = INITIALIZER_FACTORIES[kind];
      if (!factory) throw new Error(`no initializer kind '${String(kind)}'`);
      return factory(tf, config);
    },
    identityBlock: (X, f, filters, stage, block) => identityBlock(X, f, filters, stage, block),
    convolutionalBlock: (X, f, filters, stage, block, s) => convolutionalBlock(X, f, filters, stage, block, s),
    summary: (model) => summaryTable(modelSummary(model)),
  };
  return {
    module,
    record() {
      made = [];
      return made;
    },
  };
}

/**
 * Compares a learner's model with the reference, layer by layer.
 *
 * Layers with a name of their own (res2a_branch2a, bn2a_branch1, conv1, fc6, …) are matched by name.
 * Unnamed layers (ReLU, Add, padding, pooling, flatten) get a *signature* from what feeds them,
 * e.g. `Activation(bn2a_branch2a)`, so "a ReLU after bn2a_branch2a" means the same thing in both
 * models whatever TF.js numbered the layer. A missing ReLU, an extra ReLU after 2c, or a shortcut
 * taken from the wrong tensor all show up as a layer reading from the wrong signature.
 */
import type * as tf from '@tensorflow/tfjs';
import { formatShape } from '../resnet/format';
import { filtersHint, strideHint } from './hints';

type Layer = tf.layers.Layer;

export function inputsOf(layer: Layer): Layer[] {
  return layer.inboundNodes[0]?.inboundLayers ?? [];
}

/**
 * A layer's signature: its name if it is one of the reference's `named` layers, else its class
 * applied to its inputs' signatures (so a ReLU the learner happened to name still counts as a ReLU).
 */
export function signature(layer: Layer, named: ReadonlySet<string>, memo = new Map<Layer, string>()): string {
  const known = memo.get(layer);
  if (known !== undefined) return known;
  let sig: string;
  if (layer.getClassName() === 'InputLayer') sig = 'input';
  else if (named.has(layer.name)) sig = layer.name;
  else {
    const inputs = inputsOf(layer).map((l) => signature(l, named, memo));
    // Add is commutative: its inputs are compared as a set.
    if (layer.getClassName() === 'Add') inputs.sort();
    sig = `${layer.getClassName()}(${inputs.join(', ')})`;
  }
  memo.set(layer, sig);
  return sig;
}

/** The output shape without the batch axis. */
export function shapeOf(layer: Layer): number[] {
  const shape = layer.outputShape as (number | null)[];
  return shape.slice(1) as number[];
}

export const keras = (layer: Layer) => formatShape(shapeOf(layer));

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const pair = (v: unknown) => (Array.isArray(v) ? `(${v.join(', ')})` : String(v));

/* eslint-disable @typescript-eslint/restrict-template-expressions, @typescript-eslint/no-base-to-string -- layer configs are JSON values (names, numbers), written here as the config holds them */
/**
 * What differs between the learner's conv or BatchNorm and the reference's, as a hint naming the
 * setting; undefined when their own settings agree (the problem then lies upstream).
 */
export function configHint(learner: Layer, reference: Layer): string | undefined {
  const mine = learner.getConfig();
  const want = reference.getConfig();
  if (learner.getClassName() !== reference.getClassName()) {
    return `${learner.name} is a ${learner.getClassName()}, but the reference's ${reference.name} is a ${reference.getClassName()}`;
  }
  if (reference.getClassName() === 'Conv2D') {
    if (mine.padding !== want.padding) {
      return want.padding === 'same' ? `'valid' padding shrinks the map; this conv uses 'same'` : `'same' padding keeps the map's size; this conv uses 'valid'`;
    }
    if (!same(mine.strides, want.strides)) return strideHint(reference.name, mine.strides, want.strides);
    if (!same(mine.kernelSize, want.kernelSize)) return `this conv's filters have shape ${pair(want.kernelSize)}, not ${pair(mine.kernelSize)}`;
    if (mine.filters !== want.filters) return filtersHint(reference.name, mine.filters as number, want.filters as number);
    if ((mine.activation ?? 'linear') !== 'linear')
      return `this conv has activation '${mine.activation}' built in; the ReLU is a separate step, after the BatchNorm`;
  }
  if (reference.getClassName() === 'BatchNormalization') {
    const axis = mine.axis === -1 ? 3 : mine.axis;
    if (axis !== 3) return `this BatchNorm normalizes axis ${String(mine.axis)}; it should normalize the channels, axis 3`;
  }
  if (reference.getClassName() === 'Dense') {
    if (mine.units !== want.units) return `this layer has ${mine.units} units, not ${want.units}: one per class`;
    if (mine.activation !== want.activation) return `this layer's activation is '${mine.activation}', not '${want.activation}'`;
  }
  if (reference.getClassName() === 'Activation' && mine.activation !== want.activation) {
    return `this activation is '${mine.activation}', not '${want.activation}'`;
  }
  return undefined;
}
/* eslint-enable @typescript-eslint/restrict-template-expressions, @typescript-eslint/no-base-to-string */

/**
 * `model.summary()` as Keras prints it (tf.keras 2.x, the assignment's notebook): the model's
 * name, a table of layers with their output shapes, parameter counts and, for a model that is
 * not a plain chain, what each layer is connected to; then the totals with thousands separators.
 *
 * TF.js's own summary has other columns (input shapes, "Receives inputs") and JSON shapes
 * ([null,4,4,6]); a learner who knows the notebook reads this one at a glance. `modelSummary`
 * reads the facts from a TF.js model, `summaryTable` lays them out, so the layout is tested on
 * plain data.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { formatCount } from '../resnet/format';

/** One layer's line in the summary. */
export interface SummaryRow {
  /** The layer's name: `res2a_branch2a`, or for a layer nobody named Keras's kind (`add_1`). */
  name: string;
  /** Its class: `Conv2D`, `InputLayer`. */
  className: string;
  /** Its output shape as Python writes it: `(None, 15, 15, 256)`, `[(None, 64, 64, 3)]`. */
  outputShape: string;
  params: number;
  /** What feeds it, as Keras writes it: `bn2a_branch2c[0][0]`; empty for an input. */
  connections: string[];
}

/** What a summary says about a model. */
export interface ModelSummary {
  name: string;
  rows: SummaryRow[];
  trainable: number;
  nonTrainable: number;
  /** A chain of one-input layers: Keras then leaves out the "Connected to" column. */
  sequentialLike: boolean;
}

type Shape = readonly (number | null)[];

/** A shape as Python prints the tuple: [null, 4, 4, 6] → "(None, 4, 4, 6)", [null, 6] → "(None, 6)". */
export function pythonShape(shape: Shape): string {
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** Keras's column layout: line length and where each column ends, as fractions of it. */
const LAYOUT = {
  chain: { length: 65, positions: [0.45, 0.85, 1] },
  graph: { length: 98, positions: [0.33, 0.55, 0.67, 1] },
} as const;

/** Keras's print_row: each field cut at its column's end, one space kept between columns. */
function row(fields: readonly string[], positions: readonly number[]): string {
  let line = '';
  fields.forEach((field, i) => {
    if (i > 0) line = `${line.slice(0, -1)} `;
    line = (line + field).slice(0, positions[i]);
    line += ' '.repeat(positions[i]! - line.length);
  });
  return line;
}

/** The summary's lines, as Keras's `print_summary` prints them (trailing spaces included). */
export function summaryTable(summary: ModelSummary): string[] {
  const layout = summary.sequentialLike ? LAYOUT.chain : LAYOUT.graph;
  // Keras truncates the fractions with int(): 0.33 × 98 = 32.34 → 32.
  const positions = layout.positions.map((p) => Math.floor(layout.length * p));
  const header = ['Layer (type)', 'Output Shape', 'Param #', ...(summary.sequentialLike ? [] : ['Connected to'])];
  const lines = [`Model: "${summary.name}"`, '_'.repeat(layout.length), row(header, positions), '='.repeat(layout.length)];
  summary.rows.forEach((layer, i) => {
    const fields = [`${layer.name} (${layer.className})`, layer.outputShape, String(layer.params)];
    if (summary.sequentialLike) lines.push(row(fields, positions));
    else {
      // Keras lists a layer's first input beside it and each further input on a line of its own.
      const [first = '', ...rest] = layer.connections;
      lines.push(row([...fields, first], positions));
      for (const more of rest) lines.push(row(['', '', '', more], positions));
    }
    lines.push((i === summary.rows.length - 1 ? '=' : '_').repeat(layout.length));
  });
  lines.push(
    `Total params: ${formatCount(summary.trainable + summary.nonTrainable)}`,
    `Trainable params: ${formatCount(summary.trainable)}`,
    `Non-trainable params: ${formatCount(summary.nonTrainable)}`,
    '_'.repeat(layout.length),
  );
  return lines;
}

/** TF.js's name for a layer nobody named: `activation_Activation12` (prefix, class, a number). */
const TFJS_AUTO_NAME = /^(.+)_([A-Z][A-Za-z0-9]*?)(\d+)$/;

/**
 * The names Keras would have given the layers nobody named, in model order: `activation`,
 * `activation_1`, … and `input_1` (TF.js says `activation_Activation12`, `input3`). TF.js numbers
 * layers across everything built since the page loaded, so its names are long and change from
 * run to run; these fit the table's column and read as the notebook's. Names the learner gave
 * are kept, and a made-up name never takes one of theirs.
 */
export function kerasNames(layers: readonly { name: string; className: string }[]): Map<string, string> {
  const taken = new Set(layers.map((l) => l.name));
  const counts = new Map<string, number>();
  const renamed = new Map<string, string>();
  const next = (prefix: string, first: number, joinFirst: boolean) => {
    for (let n = counts.get(prefix) ?? first; ; n++) {
      const name = n === first && !joinFirst ? prefix : `${prefix}_${n}`;
      counts.set(prefix, n + 1);
      if (!taken.has(name)) return name;
    }
  };
  for (const { name, className } of layers) {
    const auto = name.match(TFJS_AUTO_NAME);
    let keras: string | undefined;
    if (className === 'InputLayer' && /^input\d+$/.test(name)) keras = next('input', 1, true);
    else if (auto && auto[2] === className) keras = next(auto[1]!, 0, false);
    if (keras) {
      renamed.set(name, keras);
      taken.add(keras);
    }
  }
  return renamed;
}

type Node = tfjs.layers.Layer['inboundNodes'][number];
type Weight = tfjs.LayersModel['trainableWeights'][number];

/** TF.js's graph bookkeeping, which its typings keep protected. */
interface Graph {
  nodesByDepth: Record<string, Node[]>;
}

const countWeights = (weights: readonly Weight[]) => [...new Set(weights)].reduce((sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);

/** TF.js's (and Keras's) test: one node per depth, each with one input, and no shared layer. */
function isSequentialLike(model: tfjs.LayersModel, nodes: Node[][]): boolean {
  if (nodes.some((depth) => depth.length > 1 || (depth.length === 1 && depth[0]!.inboundLayers.length > 1))) return false;
  const inModel = new Set(nodes.flat());
  return model.layers.every((layer) => layer.inboundNodes.filter((n) => inModel.has(n)).length <= 1);
}

function outputShapeOf(layer: tfjs.layers.Layer): string {
  let shape: Shape | Shape[];
  try {
    shape = layer.outputShape as Shape | Shape[];
  } catch {
    return 'multiple';
  }
  if (Array.isArray(shape[0])) return `[${(shape as Shape[]).map(pythonShape).join(', ')}]`;
  // Keras 2 gives an input layer's shape as a list of one: [(None, 64, 64, 3)].
  return layer.getClassName() === 'InputLayer' ? `[${pythonShape(shape as Shape)}]` : pythonShape(shape as Shape);
}

/** The facts `summaryTable` prints, read from a TF.js model. */
export function modelSummary(model: tfjs.LayersModel): ModelSummary {
  const byDepth = (model as unknown as Graph).nodesByDepth;
  const nodes = Object.values(byDepth);
  const inModel = new Set(nodes.flat());
  const renamed = kerasNames(model.layers.map((layer) => ({ name: layer.name, className: layer.getClassName() })));
  const nameOf = (layer: tfjs.layers.Layer) => renamed.get(layer.name) ?? layer.name;
  const rows = model.layers.map((layer) => ({
    name: nameOf(layer),
    className: layer.getClassName(),
    outputShape: outputShapeOf(layer),
    params: layer.countParams(),
    connections: layer.inboundNodes
      .filter((node) => inModel.has(node))
      .flatMap((node) => node.inboundLayers.map((from, i) => `${nameOf(from)}[${node.nodeIndices[i]}][${node.tensorIndices[i]}]`)),
  }));
  return {
    name: model.name,
    rows,
    trainable: countWeights(model.trainableWeights),
    nonTrainable: countWeights(model.nonTrainableWeights),
    sequentialLike: isSequentialLike(model, nodes),
  };
}

/**
 * A look inside a trained small ResNet (or ResNet-50, or a plain twin): for one image, the feature
 * maps after the stem and after each stage, and one block's main path, shortcut and output side
 * by side, with where the shortcut carries the signal. Pure TF.js, no DOM: the training worker
 * runs it and posts the plain arrays it returns to the page.
 *
 * Layers are found by their Keras names (`res2a_branch2a`, `bn2a_branch2c`, `bn2a_branch1`); the
 * ReLUs and Adds have TF.js's automatic names, so they are found through the graph instead: the
 * layer that reads `bn2a_branch2c` is the block's Add (or, in a plain twin, its ReLU).
 */
import * as tf from '@tensorflow/tfjs';

/** A few channels of one activation, each an h × w map in row-major order, on a shared range. */
export interface MapSet {
  /** What a reader calls it: "stem", "stage 2". */
  label: string;
  /** The activation's [height, width, channels], without the batch axis. */
  shape: [number, number, number];
  /** The channels shown, most active first (mean absolute value over the map). */
  channels: number[];
  maps: Float32Array[];
  /** The range of every shown map together: one colour scale per set. */
  min: number;
  max: number;
}

/** One block, its paths apart. Maps are for `channels` of the block's output. */
export interface BlockInside {
  /** The block's tag in layer names: "2a" for `res2a_branch2a`. */
  block: string;
  residual: boolean;
  shape: [number, number, number];
  channels: number[];
  /** F(x): the main path's last BatchNorm, before the Add. */
  main: Float32Array[];
  /** x, or the projection's BatchNorm; absent in a plain twin. */
  shortcut?: Float32Array[];
  /** main + shortcut, before the ReLU; absent in a plain twin. */
  added?: Float32Array[];
  /** The block's output: the ReLU of the sum (of the main path alone in a plain twin). */
  output: Float32Array[];
  /** Range of main, shortcut and output together. */
  min: number;
  max: number;
  /** Per position (h × w), over all channels: Σ|shortcut| / (Σ|shortcut| + Σ|main|); 0 where both are 0. */
  share?: Float32Array;
  /** The same ratio over the whole block: the shortcut's share of the signal summed into the block's output. */
  shortcutShare?: number;
}

export interface Inside {
  stages: MapSet[];
  block: BlockInside;
  /** Every block's tag, in order, for a reader who wants to pick another. */
  blocks: string[];
}

export interface InspectOptions {
  /** Channels per stage: at most this many (6 when absent). */
  channels?: number;
  /** Which block to take apart: its tag, such as "3a"; the first block when absent. */
  block?: string;
  /** Channels shown for the block (3 when absent). */
  blockChannels?: number;
}

export class InspectArgumentError extends Error {
  override name = 'InspectArgumentError';
}

type Layer = tf.layers.Layer;

const inputOf = (layer: Layer): tf.SymbolicTensor[] => [layer.input].flat() as tf.SymbolicTensor[];

/** The layers that read `tensor`. */
function readersOf(model: tf.LayersModel, tensor: tf.SymbolicTensor): Layer[] {
  return model.layers.filter((l) => l.inboundNodes.length > 0 && inputOf(l).includes(tensor));
}

function find(model: tf.LayersModel, name: string): Layer | undefined {
  return model.layers.find((l) => l.name === name);
}

/** Block tags in the model's order: "2a", "2b", "3a", …, from the main paths' first convs. */
export function blockTags(model: tf.LayersModel): string[] {
  return model.layers.map((l) => /^res(\d+[a-z])_branch2a$/.exec(l.name)?.[1]).filter((t): t is string => t !== undefined);
}

/** "3" for block "3b": the stage number in layer names. */
const stageOf = (tag: string) => tag.slice(0, -1);

interface BlockTensors {
  input: tf.SymbolicTensor;
  main: tf.SymbolicTensor;
  shortcut?: tf.SymbolicTensor;
  added?: tf.SymbolicTensor;
  output: tf.SymbolicTensor;
}

/** The symbolic tensors of block `tag`, found by name and then through the graph. */
function blockTensors(model: tf.LayersModel, tag: string): BlockTensors {
  const first = find(model, `res${tag}_branch2a`);
  const last = find(model, `bn${tag}_branch2c`);
  if (!first || !last) throw new InspectArgumentError(`block: the model has no block "${tag}"; pick one of ${blockTags(model).join(', ')}.`);
  const input = inputOf(first)[0] as tf.SymbolicTensor;
  const main = last.output as tf.SymbolicTensor;
  const next = readersOf(model, main)[0];
  if (!next) throw new InspectArgumentError(`model: nothing reads bn${tag}_branch2c, so block ${tag} has no output.`);
  if (next.getClassName() !== 'Add') return { input, main, output: next.output as tf.SymbolicTensor };
  const added = next.output as tf.SymbolicTensor;
  const shortcut = inputOf(next).find((t) => t !== main);
  // A pre-activation block has no ReLU after its Add: the sum is its output.
  const relu = readersOf(model, added).find((l) => l.getClassName() === 'Activation');
  return { input, main, shortcut, added, output: (relu?.output as tf.SymbolicTensor | undefined) ?? added };
}

/** The `k` channels of a [1, h, w, c] activation with the largest mean |value|; ties go to the lower index. */
export function topChannels(activation: tf.Tensor, k: number): number[] {
  const means = tf.tidy(() => activation.abs().mean([0, 1, 2]).dataSync());
  return [...means.keys()].sort((a, b) => (means[b] ?? 0) - (means[a] ?? 0) || a - b).slice(0, Math.max(0, k));
}

/** The chosen channels of a [1, h, w, c] activation as h × w maps. */
function channelMaps(activation: tf.Tensor, channels: readonly number[]): Float32Array[] {
  const [, h = 1, w = 1] = activation.shape;
  return tf.tidy(() => {
    const data = activation
      .reshape([h * w, -1])
      .transpose()
      .dataSync() as Float32Array;
    return channels.map((c) => data.slice(c * h * w, (c + 1) * h * w));
  });
}

function range(maps: readonly Float32Array[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const map of maps) {
    for (const v of map) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}

const shapeOf = (t: tf.Tensor): [number, number, number] => t.shape.slice(1, 4) as [number, number, number];

/** Σ|s| / (Σ|s| + Σ|m|) per position over channels, and over the whole block. */
function shares(main: tf.Tensor, shortcut: tf.Tensor): { share: Float32Array; shortcutShare: number } {
  return tf.tidy(() => {
    const s = shortcut.abs().sum(-1);
    const m = main.abs().sum(-1);
    const total = s.add(m);
    const share = tf.where(total.greater(0), s.div(total.maximum(1e-30)), tf.zerosLike(total)).dataSync() as Float32Array;
    const [sAll = 0, tAll = 0] = [s.sum().dataSync()[0], total.sum().dataSync()[0]];
    return { share: share.slice(), shortcutShare: tAll > 0 ? sAll / tAll : 0 };
  });
}

/**
 * Runs `input` ([1, h, w, c], the model's input shape) through `model` and returns the maps of
 * `Inside`. The model must have the small ResNets' (or ResNet-50's) layer names. Every tensor it
 * makes is disposed; the model is left as it was.
 */
export function inspectModel(model: tf.LayersModel, input: tf.Tensor, options: InspectOptions = {}): Inside {
  if (input.rank !== 4 || input.shape[0] !== 1) {
    throw new InspectArgumentError(`input: expected one image of shape [1, height, width, channels], got [${input.shape.join(', ')}]; add a batch axis of 1.`);
  }
  const tags = blockTags(model);
  if (tags.length === 0)
    throw new InspectArgumentError(`model: "${model.name}" has no layer named res…_branch2a; inspect a small ResNet, its plain twin or ResNet-50.`);
  const tag = options.block ?? (tags[0] as string);
  const block = blockTensors(model, tag);
  // Each stage ends where the next stage's first block begins; the last stage, with the last block.
  const stageEnds = tags.map((t, i) => ({ t, next: tags[i + 1] })).filter(({ t, next }) => next === undefined || stageOf(next) !== stageOf(t));
  const stem = blockTensors(model, tags[0] as string).input;
  const ends = stageEnds.map(({ t }) => blockTensors(model, t).output);
  const wanted = [stem, ...ends, block.main, block.output, ...(block.shortcut && block.added ? [block.shortcut, block.added] : [])];
  // A tensor asked for twice (a stage's end is often the block's output) is an output once.
  const unique = [...new Set(wanted)];
  // A view onto the model's own layers: it makes no weights, and disposing it would free the
  // model's (a Container's dispose frees its layers), so it is simply dropped.
  const probe = tf.model({ inputs: model.inputs, outputs: unique });
  const outputs = [probe.predict(input)].flat() as tf.Tensor[];
  try {
    const [stemOut, ...rest] = wanted.map((t) => outputs[unique.indexOf(t)]) as [tf.Tensor, ...tf.Tensor[]];
    const stageOuts = [stemOut, ...rest.slice(0, ends.length)];
    const [main, output, shortcut, added] = rest.slice(ends.length) as [tf.Tensor, tf.Tensor, tf.Tensor?, tf.Tensor?];
    const k = options.channels ?? 6;
    const stages = stageOuts.map((t, i): MapSet => {
      const channels = topChannels(t, k);
      const maps = channelMaps(t, channels);
      return { label: i === 0 ? 'stem' : `stage ${stageOf(stageEnds[i - 1]?.t ?? '')}`, shape: shapeOf(t), channels, maps, ...range(maps) };
    });
    const channels = topChannels(output, options.blockChannels ?? 3);
    const mainMaps = channelMaps(main, channels);
    const outputMaps = channelMaps(output, channels);
    const inside: BlockInside = {
      block: tag,
      residual: shortcut !== undefined,
      shape: shapeOf(output),
      channels,
      main: mainMaps,
      output: outputMaps,
      min: 0,
      max: 0,
    };
    if (shortcut && added) {
      inside.shortcut = channelMaps(shortcut, channels);
      inside.added = channelMaps(added, channels);
      Object.assign(inside, shares(main, shortcut));
    }
    Object.assign(inside, range([...mainMaps, ...outputMaps, ...(inside.shortcut ?? [])]));
    return { stages, block: inside, blocks: tags };
  } finally {
    tf.dispose(outputs);
  }
}

/**
 * A 28 × 28 grey image (784 values in [0, 1]) as `model`'s input: [1, 28, 28, 1], resized and
 * repeated over channels for a model that reads another shape (ResNet-50 reads 64 × 64 × 3), as
 * the lab trains such a model. The caller disposes the tensor.
 */
export function imageInput(model: tf.LayersModel, grey: Float32Array): tf.Tensor4D {
  if (grey.length !== 784) throw new InspectArgumentError(`grey: expected 784 grey levels (28 × 28), got ${grey.length}; scale the image to 28 × 28 first.`);
  const [, h = 28, w = 28, c = 1] = (model.inputs[0]?.shape ?? []) as number[];
  return tf.tidy(() => {
    let x = tf.tensor4d(grey, [1, 28, 28, 1]);
    if (h !== 28 || w !== 28) x = tf.image.resizeBilinear(x, [h, w]);
    return c === 1 ? x : x.tile([1, 1, 1, c]);
  });
}

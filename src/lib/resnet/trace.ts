/**
 * The shape trace: every step of a block or a model with its output shape and parameter count,
 * computed from each layer's shape arithmetic. No weights are allocated and TF.js is not loaded,
 * so a lesson can re-trace ResNet-50 on every keystroke.
 */
import { convolutionalBlockSpec, identityBlockSpec, RESNET50_STAGES, resNet50Spec, type BlockSpec, type StageSpec } from './blocks';
import { ResNetArgumentError, requireImageShape } from './errors';
import { LAYER_TYPE, isNamed, layerId, outputShape, paramCount, type LayerSpec } from './spec';

export type StepPath = 'input' | 'stem' | 'main' | 'shortcut' | 'merge' | 'head';

export interface TraceStep {
  /** Unique within a trace: the layer's name, or our id for a layer the document leaves unnamed. */
  id: string;
  /** The Keras layer name (`res2a_branch2a`), or null for unnamed layers such as ReLU and Add. */
  name: string | null;
  /** The Keras class name: `Conv2D`, `BatchNormalization`, `Activation`, `Add`, … */
  type: string;
  path: StepPath;
  /** Stage and block letter for steps inside a block. */
  stage?: number;
  block?: string;
  /** Output shape without the batch axis: [height, width, channels], or [units]. */
  outputShape: number[];
  trainable: number;
  nonTrainable: number;
  /** Ids of the steps this one reads from (two for Add). */
  inputs: string[];
  /** The layer description; absent for the input and for Add. */
  layer?: LayerSpec;
}

/** Total parameters of a step. */
export function params(step: TraceStep): number {
  return step.trainable + step.nonTrainable;
}

/** The trace step of a model's input (or of a tensor a block starts from), of `shape` without the batch axis. */
export function inputStep(shape: number[]): TraceStep {
  return { id: 'input', name: null, type: LAYER_TYPE.input, path: 'input', outputShape: shape, trainable: 0, nonTrainable: 0, inputs: [] };
}

function traceLayers(
  layers: readonly LayerSpec[],
  from: TraceStep,
  path: StepPath,
  where: { stage?: number; block?: string } = {},
  /** How to place these layers in an error message, e.g. "after stage 5". */
  context = where.stage === undefined ? '' : where.block === undefined ? `stage ${where.stage}` : `stage ${where.stage}, block ${where.block}`,
): TraceStep[] {
  const steps: TraceStep[] = [];
  let previous = from;
  for (const layer of layers) {
    const id = layerId(layer);
    const label = context ? `${id} (${context})` : id;
    const step: TraceStep = {
      id,
      name: isNamed(layer) ? id : null,
      type: LAYER_TYPE[layer.op],
      path,
      ...where,
      outputShape: outputShape(layer, previous.outputShape, { label, ...(where.stage === undefined ? {} : { stage: where.stage }) }),
      ...paramCount(layer, previous.outputShape),
      inputs: [previous.id],
      layer,
    };
    steps.push(step);
    previous = step;
  }
  return steps;
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The steps of one block applied to the step `from`: any shared layers, main path, shortcut path,
 * Add, then a ReLU unless the block is pre-activation.
 */
export function traceBlockFrom(spec: BlockSpec, from: TraceStep): TraceStep[] {
  const where = { stage: spec.stage, block: spec.block };
  const channels = from.outputShape[2];
  const lastConv = spec.main.findLast((layer) => layer.op === 'conv2d');
  const F3 = lastConv?.op === 'conv2d' ? lastConv.filters : undefined;
  if (spec.kind === 'identity' && F3 !== channels) {
    throw new ResNetArgumentError(
      'filters',
      `An identity block adds its input to its output, so F3 must equal the input's channels: ` +
        `F3 is ${F3} but the input has ${channels}. Set F3 to ${channels}, or use a convolutional ` +
        `block, whose shortcut conv changes the number of channels.`,
      { stage: spec.stage },
    );
  }
  const shared = traceLayers(spec.pre ?? [], from, 'main', where);
  const split = shared[shared.length - 1] ?? from;
  const main = traceLayers(spec.main, split, 'main', where);
  const shortcut = traceLayers(spec.shortcut, split, 'shortcut', where);
  const mainEnd = main[main.length - 1] as TraceStep;
  const shortcutEnd = shortcut[shortcut.length - 1] ?? split;
  if (!sameShape(mainEnd.outputShape, shortcutEnd.outputShape)) {
    // Reachable only through a bug in the specs: the block's own arithmetic keeps both paths equal.
    throw new ResNetArgumentError('filters', `The main path and the shortcut disagree in shape.`, { stage: spec.stage });
  }
  const tag = `${spec.stage}${spec.block}`;
  const add: TraceStep = {
    id: `add_${tag}`,
    name: null,
    type: LAYER_TYPE.add,
    path: 'merge',
    ...where,
    outputShape: [...mainEnd.outputShape],
    trainable: 0,
    nonTrainable: 0,
    inputs: [mainEnd.id, shortcutEnd.id],
  };
  // Pre-activation blocks pass the sum on as it is: that is their clean identity path.
  const relu = spec.order === 'pre' ? [] : traceLayers([{ op: 'relu', id: `relu_${tag}` }], add, 'merge', where);
  return [...shared, ...main, ...shortcut, add, ...relu];
}

/**
 * The steps of an identity block on an input of `inputShape` = [height, width, channels],
 * starting with the input itself. Throws a ResNetArgumentError on bad arguments.
 */
export function traceIdentityBlock(inputShape: readonly number[], f: number, filters: readonly number[], stage: number, block: string): TraceStep[] {
  const input = inputStep([...requireImageShape('inputShape', inputShape)]);
  return [input, ...traceBlockFrom(identityBlockSpec(f, filters, stage, block), input)];
}

/** The steps of a convolutional block with stride `s`, starting with the input. */
export function traceConvolutionalBlock(
  inputShape: readonly number[],
  f: number,
  filters: readonly number[],
  stage: number,
  block: string,
  s = 2,
): TraceStep[] {
  const input = inputStep([...requireImageShape('inputShape', inputShape)]);
  return [input, ...traceBlockFrom(convolutionalBlockSpec(f, filters, stage, block, s), input)];
}

function traceModel(inputShape: readonly number[], classes: number, stages: readonly StageSpec[]): TraceStep[] {
  const spec = resNet50Spec(classes, stages);
  const steps = [inputStep([...requireImageShape('inputShape', inputShape)])];
  const last = () => steps[steps.length - 1] as TraceStep;
  steps.push(...traceLayers(spec.stem, last(), 'stem', { stage: 1 }));
  for (const block of spec.blocks) steps.push(...traceBlockFrom(block, last()));
  steps.push(...traceLayers(spec.head, last(), 'head', {}, `after stage ${stages.length + 1}`));
  return steps;
}

/** The smallest square input on which the model's maps never collapse, or null past 1024. */
export function smallestInput(channels: number, classes: number, stages: readonly StageSpec[]): number | null {
  for (let n = 1; n <= 1024; n++) {
    try {
      traceModel([n, n, channels], classes, stages);
      return n;
    } catch {
      // Too small: keep growing.
    }
  }
  return null;
}

/** Whether ResNet-50 traces on `inputShape`; cheaper than traceResNet50 when it does not (no hint). */
export function fitsResNet50(inputShape: readonly number[], classes: number, stages: readonly StageSpec[]): boolean {
  try {
    traceModel(inputShape, classes, stages);
    return true;
  } catch {
    return false;
  }
}

/**
 * The steps of ResNet-50 (177 for the document's stages, the input included) on `inputShape`.
 * An input too small for some stage throws, naming the stage and the smallest input that works.
 */
export function traceResNet50(inputShape: readonly number[] = [64, 64, 3], classes = 6, stages: readonly StageSpec[] = RESNET50_STAGES): TraceStep[] {
  try {
    return traceModel(inputShape, classes, stages);
  } catch (error) {
    if (!(error instanceof ResNetArgumentError) || error.code !== 'collapsed') {
      throw error;
    }
    const smallest = smallestInput(inputShape[2] ?? 1, classes, stages);
    const hint = smallest === null ? '' : ` The smallest input that works is ${smallest} × ${smallest}.`;
    // The hint is added to the text; the code and the stage travel on as they were.
    throw new ResNetArgumentError('inputShape', error.message + hint, { code: error.code, ...(error.stage === undefined ? {} : { stage: error.stage }) });
  }
}

export interface TraceSummary {
  layers: number;
  params: number;
  trainable: number;
  nonTrainable: number;
  outputShape: number[];
}

/** Totals over a trace, as the foot of a Keras model summary gives them. */
export function summarize(steps: readonly TraceStep[]): TraceSummary {
  const trainable = steps.reduce((sum, s) => sum + s.trainable, 0);
  const nonTrainable = steps.reduce((sum, s) => sum + s.nonTrainable, 0);
  return {
    layers: steps.length,
    params: trainable + nonTrainable,
    trainable,
    nonTrainable,
    outputShape: steps[steps.length - 1]?.outputShape ?? [],
  };
}

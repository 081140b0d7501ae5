/**
 * The ResNet model library: the document's blocks and ResNet-50 in TF.js, their layers as data,
 * and the shape trace. Pure TypeScript, no DOM.
 *
 * Pages that only need shapes should import `./trace` and `./format` directly: they do not load TF.js.
 */
export { identityBlock, convolutionalBlock, resNet50, type ResNet50Options } from './models';
export { applyBlock, wireBlock, defaultKernelInitializer, toLayer, type ApplyLayer, type BuildOptions, type Built, type Initializer } from './build';
export {
  identityBlockSpec,
  convolutionalBlockSpec,
  resNet50Spec,
  nameBases,
  RESNET50_STAGES,
  MAX_IDENTITY_BLOCKS,
  type BlockKind,
  type BlockOrder,
  type BlockSpec,
  type StageSpec,
} from './blocks';
export {
  traceIdentityBlock,
  traceConvolutionalBlock,
  traceResNet50,
  traceBlockFrom,
  smallestInput,
  summarize,
  params,
  type TraceStep,
  type TraceSummary,
} from './trace';
export { preActivationIdentityBlockSpec, preActivationConvolutionalBlockSpec, blockSpec } from './preact';
export {
  bottleneckCost,
  basicCost,
  projectionCost,
  convCost,
  compareCosts,
  costRows,
  type CostRow,
  type BlockCost,
  type ConvCost,
  type CostComparison,
} from './cost';
export { ResNetArgumentError } from './errors';
export { formatShape, formatCount } from './format';
export { type LayerSpec, type Padding } from './spec';
export { smallResNet, PRESETS, type SmallResNetConfig, type PresetName } from './small';

/**
 * Kernel families of a training step, for profiles: which part of the work a TF.js kernel does.
 * The names are TF.js's kernel names and ours (bn-kernels.ts, fused-kernels.ts).
 */
export const FAMILIES = [
  'convolution forward',
  'convolution input gradient',
  'convolution filter gradient',
  'BatchNorm',
  'optimizer update',
  'dense and loss',
  'elementwise',
  'pooling and padding',
  'reductions and copies',
  'other',
] as const;
export type Family = (typeof FAMILIES)[number];

const EXACT: Record<string, Family> = {
  Conv2D: 'convolution forward',
  FusedConv2D: 'convolution forward',
  Conv2DBackpropInput: 'convolution input gradient',
  Conv2DBackpropFilter: 'convolution filter gradient',
  BatchMatMul: 'dense and loss',
  _FusedMatMul: 'dense and loss',
  Softmax: 'dense and loss',
  LogSoftmax: 'dense and loss',
  Log: 'dense and loss',
  Exp: 'dense and loss',
  ArgMax: 'dense and loss',
  Equal: 'dense and loss',
  MaxPool: 'pooling and padding',
  MaxPoolGrad: 'pooling and padding',
  AvgPool: 'pooling and padding',
  AvgPoolGrad: 'pooling and padding',
  PadV2: 'pooling and padding',
  Slice: 'pooling and padding',
  Sum: 'reductions and copies',
  Mean: 'reductions and copies',
  Max: 'reductions and copies',
  Tile: 'reductions and copies',
  Transpose: 'reductions and copies',
  Reshape: 'reductions and copies',
  Identity: 'reductions and copies',
  Cast: 'reductions and copies',
  Fill: 'reductions and copies',
  ZerosLike: 'reductions and copies',
  OnesLike: 'reductions and copies',
};

const ELEMENTWISE = new Set([
  'Add',
  'AddN',
  'Sub',
  'Mul',
  'Multiply',
  'RealDiv',
  'Div',
  'Neg',
  'Relu',
  'Relu6',
  'Step',
  'Maximum',
  'Minimum',
  'Sqrt',
  'Rsqrt',
  'Square',
  'SquaredDifference',
  'Greater',
  'GreaterEqual',
  'Less',
  'LessEqual',
  'Select',
  'Abs',
  'ClipByValue',
  'Pow',
]);

export function familyOf(kernelName: string): Family {
  const exact = EXACT[kernelName];
  if (exact != null) return exact;
  if (/batchnorm|batch_norm/i.test(kernelName)) return 'BatchNorm';
  if (/relugrad/i.test(kernelName)) return 'elementwise';
  if (/adam|momentum|sgd|optimizer|update/i.test(kernelName)) return 'optimizer update';
  if (ELEMENTWISE.has(kernelName)) return 'elementwise';
  return 'other';
}

import { expect, test } from 'vitest';
import { familyOf } from '../../src/lib/engine/kernel-families';
import { BN_TRAIN, BN_TRAIN_GRAD } from '../../src/lib/engine/bn-kernels';
import { FUSED_ADAM, FUSED_MOMENTUM } from '../../src/lib/engine/fused-kernels';
import { RELU_GRAD } from '../../src/lib/engine/wasm/relu-grad';

test('each kernel of a training step falls in its family, ours included', () => {
  expect(familyOf('FusedConv2D')).toBe('convolution forward');
  expect(familyOf('Conv2DBackpropInput')).toBe('convolution input gradient');
  expect(familyOf('Conv2DBackpropFilter')).toBe('convolution filter gradient');
  expect([BN_TRAIN, BN_TRAIN_GRAD].map(familyOf)).toEqual(['BatchNorm', 'BatchNorm']);
  expect([FUSED_ADAM, FUSED_MOMENTUM].map(familyOf)).toEqual(['optimizer update', 'optimizer update']);
  expect([RELU_GRAD, 'Relu', 'Add', 'Multiply', 'Step'].map(familyOf)).toEqual(Array(5).fill('elementwise'));
  expect(['Sum', 'Identity', 'Cast'].map(familyOf)).toEqual(Array(3).fill('reductions and copies'));
  expect(familyOf('SomethingNew')).toBe('other');
});

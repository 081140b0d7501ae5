import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import {
  applyBlock,
  blockSpec,
  formatShape,
  identityBlockSpec,
  preActivationConvolutionalBlockSpec,
  preActivationIdentityBlockSpec,
  ResNetArgumentError,
  summarize,
  traceBlockFrom,
} from '../../src/lib/resnet';
import { blockFields, checkBlock, explorerFields } from '../../src/lib/resnet/block-params';
import { inputStep } from '../../src/lib/resnet/trace';
import { defaults } from '../../src/lib/state/fields';
import { expectNoLeak } from './helpers';

const trace = (spec: ReturnType<typeof identityBlockSpec>, shape: number[]) => {
  const input = inputStep(shape);
  return [input, ...traceBlockFrom(spec, input)];
};
const rows = (steps: ReturnType<typeof trace>) => steps.map((s) => `${s.id} ${s.type} ${formatShape(s.outputShape)}`);

describe('the pre-activation identity block (He et al. 2016b)', () => {
  test('runs BN → ReLU → CONV2D three times, then Add, with nothing after it', () => {
    const steps = trace(preActivationIdentityBlockSpec(2, [2, 4, 6], 1, 'a'), [4, 4, 6]);
    expect(rows(steps)).toEqual([
      'input InputLayer (None, 4, 4, 6)',
      'bn1a_branch2a BatchNormalization (None, 4, 4, 6)',
      'relu_1a_2a Activation (None, 4, 4, 6)',
      'res1a_branch2a Conv2D (None, 4, 4, 2)',
      'bn1a_branch2b BatchNormalization (None, 4, 4, 2)',
      'relu_1a_2b Activation (None, 4, 4, 2)',
      'res1a_branch2b Conv2D (None, 4, 4, 4)',
      'bn1a_branch2c BatchNormalization (None, 4, 4, 4)',
      'relu_1a_2c Activation (None, 4, 4, 4)',
      'res1a_branch2c Conv2D (None, 4, 4, 6)',
      'add_1a Add (None, 4, 4, 6)',
    ]);
    // The shortcut is X itself, not its normalised copy.
    expect(steps.at(-1)!.inputs).toEqual(['res1a_branch2c', 'input']);
  });

  test('has the same conv weights as the post-activation block; its BatchNorms see C, F1, F2 channels', () => {
    const post = trace(identityBlockSpec(3, [64, 64, 256], 2, 'b'), [15, 15, 256]);
    const pre = trace(preActivationIdentityBlockSpec(3, [64, 64, 256], 2, 'b'), [15, 15, 256]);
    const bn = (steps: typeof pre) => steps.filter((s) => s.type === 'BatchNormalization').map((s) => s.trainable + s.nonTrainable);
    // Four numbers per channel: post-activation BNs follow convs of 64, 64, 256 filters; pre-activation ones read 256, 64, 64 channels.
    expect(bn(post)).toEqual([256, 256, 1024]);
    expect(bn(pre)).toEqual([1024, 256, 256]);
    // Conv weights and biases: 1×1×256×64 + 64, 3×3×64×64 + 64, 1×1×64×256 + 256 = 70,016; plus 1,536 of BatchNorm.
    expect(summarize(pre).params).toBe(71_552);
    expect(summarize(post).params).toBe(71_552);
    expect(summarize(pre).outputShape).toEqual([15, 15, 256]);
    const small = trace(preActivationIdentityBlockSpec(2, [2, 4, 6], 1, 'a'), [4, 4, 6]);
    // BN 6 → 24, conv 1×1×6×2+2 = 14, BN 2 → 8, conv 2×2×2×4+4 = 36, BN 4 → 16, conv 1×1×4×6+6 = 30.
    expect(small.map((s) => s.trainable + s.nonTrainable)).toEqual([0, 24, 0, 14, 8, 0, 36, 16, 0, 30, 0]);
  });

  test('checks its arguments as the document block does', () => {
    expect(() => trace(preActivationIdentityBlockSpec(2, [2, 4, 8], 1, 'a'), [4, 4, 6])).toThrow(/F3 is 8 but the input has 6/);
    expect(() => preActivationIdentityBlockSpec(0, [2, 4, 6], 1, 'a')).toThrow(ResNetArgumentError);
    expect(() => preActivationIdentityBlockSpec(2, [2, 4], 1, 'a')).toThrow(/three numbers/);
  });

  test('builds in TF.js with the traced layers, in order, and ends in the Add', () =>
    expectNoLeak(() => {
      const X = tf.input({ shape: [4, 4, 6] });
      const { output } = applyBlock(X, preActivationIdentityBlockSpec(2, [2, 4, 6], 1, 'a'));
      const model = tf.model({ inputs: X, outputs: output });
      expect(model.layers.map((l) => l.getClassName())).toEqual([
        'InputLayer',
        'BatchNormalization',
        'Activation',
        'Conv2D',
        'BatchNormalization',
        'Activation',
        'Conv2D',
        'BatchNormalization',
        'Activation',
        'Conv2D',
        'Add',
      ]);
      expect(output.shape).toEqual([null, 4, 4, 6]);
      expect(model.countParams()).toBe(24 + 14 + 8 + 36 + 16 + 30);
      model.dispose();
    }));
});

describe('the pre-activation convolutional block', () => {
  test('shares one BN → ReLU, then splits: convs on the main path, a bare 1×1 conv on the shortcut', () => {
    const steps = trace(preActivationConvolutionalBlockSpec(2, [2, 4, 6], 1, 'a', 2), [4, 4, 3]);
    expect(rows(steps)).toEqual([
      'input InputLayer (None, 4, 4, 3)',
      'bn1a_branch2a BatchNormalization (None, 4, 4, 3)',
      'relu_1a_2a Activation (None, 4, 4, 3)',
      'res1a_branch2a Conv2D (None, 2, 2, 2)',
      'bn1a_branch2b BatchNormalization (None, 2, 2, 2)',
      'relu_1a_2b Activation (None, 2, 2, 2)',
      'res1a_branch2b Conv2D (None, 2, 2, 4)',
      'bn1a_branch2c BatchNormalization (None, 2, 2, 4)',
      'relu_1a_2c Activation (None, 2, 2, 4)',
      'res1a_branch2c Conv2D (None, 2, 2, 6)',
      'res1a_branch1 Conv2D (None, 2, 2, 6)',
      'add_1a Add (None, 2, 2, 6)',
    ]);
    const byId = new Map(steps.map((s) => [s.id, s]));
    expect(byId.get('res1a_branch2a')!.inputs).toEqual(['relu_1a_2a']);
    expect(byId.get('res1a_branch1')!.inputs).toEqual(['relu_1a_2a']);
    expect(byId.get('res1a_branch1')!.path).toBe('shortcut');
  });

  test('builds in TF.js with the traced shapes', () =>
    expectNoLeak(() => {
      const X = tf.input({ shape: [7, 5, 3] });
      const { output, tensors } = applyBlock(X, preActivationConvolutionalBlockSpec(3, [4, 2, 5], 2, 'c', 3));
      expect(output.shape).toEqual([null, 3, 2, 5]);
      expect([...tensors.keys()].at(-1)).toBe('add_2c');
      expect(tensors.has('relu_2c')).toBe(false);
      const model = tf.model({ inputs: X, outputs: output });
      const steps = trace(preActivationConvolutionalBlockSpec(3, [4, 2, 5], 2, 'c', 3), [7, 5, 3]);
      expect(model.countParams()).toBe(summarize(steps).params);
      model.dispose();
    }));
});

test('blockSpec picks the order', () => {
  expect(blockSpec('identity', 'post', 2, [2, 4, 6], 1, 'a')).toEqual(identityBlockSpec(2, [2, 4, 6], 1, 'a'));
  expect(blockSpec('identity', 'pre', 2, [2, 4, 6], 1, 'a').order).toBe('pre');
  expect(blockSpec('convolutional', 'pre', 2, [2, 4, 6], 1, 'a', 2).pre).toHaveLength(2);
  expect(blockSpec('convolutional', 'post', 2, [2, 4, 6], 1, 'a', 2).order).toBeUndefined();
});

describe('the explorer’s order field', () => {
  const raw = (changes: Record<string, string>) => ({ ...defaults(blockFields('identity')), ...changes });

  test('a link without it opens on the document’s order; "pre" traces the pre-activation block', () => {
    expect(explorerFields('identity').map((f) => f.key)).toEqual([...blockFields('identity').map((f) => f.key), 'order']);
    const post = checkBlock('identity', raw({}));
    const pre = checkBlock('identity', raw({ order: 'pre' }));
    if (!post.ok || !pre.ok) throw new Error('the default block must check');
    expect(post.steps.at(-1)!.id).toBe('relu_1a');
    expect(pre.params.order).toBe('pre');
    expect(pre.steps.map((s) => s.id).slice(1, 4)).toEqual(['bn1a_branch2a', 'relu_1a_2a', 'res1a_branch2a']);
    expect(pre.steps.at(-1)!.id).toBe('add_1a');
    const conv = checkBlock('convolutional', { ...defaults(blockFields('convolutional')), order: 'pre' });
    expect(conv.ok && conv.steps.at(-1)!.outputShape).toEqual([2, 2, 6]);
  });

  test('a link with an order the page does not have gets a message for that field', () => {
    expect(checkBlock('identity', raw({ order: '<b>' }))).toEqual({
      ok: false,
      errors: { order: 'Pick an order from the list: the link asked for one this page does not have.' },
    });
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { PRESETS, smallResNet } from '../../src/lib/resnet';
import { expectNoLeak } from './helpers';

describe.each(['tiny', 'small'] as const)('the %s preset', (name) => {
  test('maps (m, 28, 28, 1) to a softmax over 10 classes, residual and plain', () =>
    expectNoLeak(() => {
      for (const residual of [true, false]) {
        const model = smallResNet({ ...PRESETS[name], residual });
        const sums = tf.tidy(() => (model.predict(tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 1)) as tf.Tensor).sum(1).arraySync() as number[]);
        expect(model.outputs[0]?.shape).toEqual([null, 10]);
        for (const s of sums) expect(s).toBeCloseTo(1, 4);
        model.dispose();
      }
    }));

  test('the plain twin has the same layers but no Add and no shortcut conv', () => {
    const residual = smallResNet({ ...PRESETS[name], residual: true });
    const plain = smallResNet({ ...PRESETS[name], residual: false });
    const kinds = (m: tf.LayersModel) => m.layers.map((l) => l.getClassName());
    expect(kinds(plain)).not.toContain('Add');
    expect(plain.layers.some((l) => /_branch1$/.test(l.name))).toBe(false);
    const mainPath = (m: tf.LayersModel) => m.layers.map((l) => l.name).filter((n) => /_branch2[abc]$/.test(n));
    expect(mainPath(plain)).toEqual(mainPath(residual));
    const adds = kinds(residual).filter((k) => k === 'Add').length;
    expect(adds).toBe(PRESETS[name].stages.reduce((n, s) => n + 1 + s.identityBlocks, 0));
    residual.dispose();
    plain.dispose();
  });
});

test('the tiny preset is tiny and the small one is larger', () => {
  const tiny = smallResNet({ ...PRESETS.tiny, residual: true });
  const small = smallResNet({ ...PRESETS.small, residual: true });
  expect(tiny.countParams()).toBeLessThan(10_000);
  expect(small.countParams()).toBeGreaterThan(50_000);
  expect(small.countParams()).toBeLessThan(250_000);
  tiny.dispose();
  small.dispose();
});

test('BatchNorm momentum is 0.9 in the small models, and the document default elsewhere', () => {
  const model = smallResNet({ ...PRESETS.tiny, residual: true });
  expect(model.getLayer('bn2a_branch2a').getConfig().momentum).toBe(0.9);
  model.dispose();
});

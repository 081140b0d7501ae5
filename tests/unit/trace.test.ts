import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import {
  applyBlock,
  convolutionalBlockSpec,
  formatCount,
  formatShape,
  identityBlockSpec,
  resNet50,
  summarize,
  traceConvolutionalBlock,
  traceIdentityBlock,
  traceResNet50,
  type StageSpec,
  type TraceStep,
} from '../../src/lib/resnet';
import { expectNoLeak, seeded, shapeOf } from './helpers';

const random = seeded(2016);

/** Builds the block in TF.js and checks every traced step against the built tensor of the same id. */
function expectTraceMatchesBuild(steps: TraceStep[], spec: ReturnType<typeof identityBlockSpec>) {
  const [input, ...rest] = steps;
  const X = tf.input({ shape: input!.outputShape });
  const { tensors } = applyBlock(X, spec);
  expect(rest.map((s) => s.id)).toEqual([...tensors.keys()].sort((a, b) => rest.findIndex((s) => s.id === a) - rest.findIndex((s) => s.id === b)));
  for (const step of rest) expect([step.id, shapeOf(tensors.get(step.id)!)]).toEqual([step.id, step.outputShape]);
  const model = tf.model({ inputs: X, outputs: tensors.get(rest.at(-1)!.id)! });
  expect(summarize(steps).params).toBe(model.countParams());
  for (const step of rest.filter((s) => s.name !== null)) {
    const layer = model.getLayer(step.name!);
    expect([step.name, layer.countParams()]).toEqual([step.name, step.trainable + step.nonTrainable]);
  }
  model.dispose();
}

describe('the shape trace agrees with the built block', () => {
  const cases = Array.from({ length: 12 }, (_, n) => {
    const H = random(1, 12);
    const W = random(1, 12);
    const f = random(1, 5);
    const F1 = random(1, 8);
    const F2 = random(1, 8);
    const F3 = random(1, 8);
    const s = random(1, 4);
    return { n: n + 1, H, W, C: F3, f, filters: [F1, F2, F3], s, Cconv: random(1, 8) };
  });

  test.each(cases)('identity block #$n: input ($H, $W, $C), f $f, filters $filters', ({ H, W, C, f, filters }) =>
    expectNoLeak(() => {
      expectTraceMatchesBuild(traceIdentityBlock([H, W, C], f, filters, 2, 'b'), identityBlockSpec(f, filters, 2, 'b'));
    }),
  );

  test.each(cases)('convolutional block #$n: input ($H, $W, $Cconv), f $f, filters $filters, s $s', ({ H, W, Cconv, f, filters, s }) =>
    expectNoLeak(() => {
      const steps = traceConvolutionalBlock([H, W, Cconv], f, filters, 3, 'a', s);
      expect(steps.at(-1)?.outputShape).toEqual([Math.ceil(H / s), Math.ceil(W / s), filters[2]]);
      expectTraceMatchesBuild(steps, convolutionalBlockSpec(f, filters, 3, 'a', s));
    }),
  );
});

describe('the shape trace agrees with the built ResNet-50', () => {
  const small = (): StageSpec[] =>
    [1, 2, 2, 2].map((s) => {
      const F = random(1, 4);
      return { filters: [F, random(1, 4), random(1, 6)] as [number, number, number], f: random(1, 3), s, identityBlocks: random(0, 2) };
    });

  test.each([
    { input: [64, 64, 3], classes: 6, stages: undefined },
    { input: [37, 41, 1], classes: 10, stages: small() },
    { input: [50, 40, 2], classes: 3, stages: small() },
  ])('input $input, $classes classes', ({ input, classes, stages }) =>
    expectNoLeak(() => {
      const steps = traceResNet50(input, classes, stages);
      const model = resNet50(input, classes, stages ? { stages } : {});
      expect(steps).toHaveLength(model.layers.length);
      const byName = new Map(model.layers.map((l) => [l.name, l]));
      for (const step of steps.filter((s) => s.name !== null)) {
        expect([step.name, byName.get(step.name!)?.outputShape]).toEqual([step.name, [null, ...step.outputShape]]);
      }
      // Unnamed layers (ReLU, Add, padding, pooling, flatten) must agree too, type by type, in order.
      const shapesOf = (type: string) => [
        steps
          .filter((s) => s.type === type)
          .map((s) => s.outputShape.join('x'))
          .sort(),
        model.layers
          .filter((l) => l.getClassName() === type)
          .map((l) => (l.outputShape as number[]).slice(1).join('x'))
          .sort(),
      ];
      for (const type of ['Activation', 'Add', 'ZeroPadding2D', 'MaxPooling2D', 'Flatten']) {
        const [traced, built] = shapesOf(type);
        expect(traced).toEqual(built);
      }
      expect(summarize(steps).params).toBe(model.countParams());
      model.dispose();
    }),
  );
});

test('the ResNet-50 trace has the document totals and stage shapes', () => {
  const steps = traceResNet50();
  expect(summarize(steps)).toEqual({ layers: 177, params: 23_600_006, trainable: 23_546_886, nonTrainable: 53_120, outputShape: [6] });
  const at = (id: string) => steps.find((s) => s.id === id)?.outputShape;
  expect(at('zero_padding')).toEqual([70, 70, 3]);
  expect(at('relu_2c')).toEqual([15, 15, 256]);
  expect(at('relu_3d')).toEqual([8, 8, 512]);
  expect(at('relu_4f')).toEqual([4, 4, 1024]);
  expect(at('relu_5c')).toEqual([2, 2, 2048]);
  expect(steps.find((s) => s.id === 'add_2a')?.inputs).toEqual(['bn2a_branch2c', 'bn2a_branch1']);
  expect(steps.find((s) => s.id === 'add_2b')?.inputs).toEqual(['bn2b_branch2c', 'relu_2a']);
});

test.each([
  [[15, 15, 256], null, '(None, 15, 15, 256)'],
  [[6], 3, '(3, 6)'],
])('formatShape(%j, %j) is %s', (shape, batch, text) => expect(formatShape(shape, batch)).toBe(text));

test.each([
  [23_600_006, '23,600,006'],
  [53_120, '53,120'],
  [999, '999'],
])('formatCount(%i) is %s', (n, text) => expect(formatCount(n)).toBe(text));

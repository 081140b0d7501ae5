import { describe, expect, test } from 'vitest';
import { mainPath, projectionShortcut, type Card } from '../../src/components/lesson/diagram';
import { convolutionalBlockSpec, identityBlockSpec } from '../../src/lib/resnet';
import { MAIN_PATH_STEPS, PROJECTION_SHORTCUT_STEPS, stepLayer } from '../../src/lib/resnet/block-steps';

const bn = { kind: 'bn', label: 'BatchNorm' };
const relu = { kind: 'relu', label: 'ReLU' };
const noRelu = { kind: 'none', label: 'no ReLU' };
const conv = (...detail: string[]) => ({ kind: 'conv', label: 'CONV2D', detail });

describe('the lesson diagram, drawn from the block steps', () => {
  test('shows the identity block main path as the document does: 1×1, f×f, 1×1, no ReLU after 2c', () => {
    expect(mainPath('identity')).toEqual([
      { title: '2a', steps: [conv('F1 filters (1,1)', 'stride (1,1) · valid'), bn, relu] },
      { title: '2b', steps: [conv('F2 filters (f,f)', 'stride (1,1) · same'), bn, relu] },
      { title: '2c', steps: [conv('F3 filters (1,1)', 'stride (1,1) · valid'), bn, noRelu] },
    ]);
  });

  test('strides only the first conv of the convolutional block', () => {
    const [a, b, c] = mainPath('convolutional');
    expect(a?.steps[0]).toEqual(conv('F1 filters (1,1)', 'stride (s,s) · valid'));
    expect([b, c]).toEqual(mainPath('identity').slice(1));
  });

  test('draws the projection shortcut with its details on two lines, or three when narrow', () => {
    expect(projectionShortcut(false)).toEqual({ title: '1', steps: [conv('F3 filters (1,1)', 'stride (s,s) · valid'), bn] });
    expect(projectionShortcut(true)).toEqual({ title: '1', steps: [conv('F3 filters (1,1)', 'stride (s,s)', 'valid'), bn] });
  });
});

/** A drawing's steps as the layers' ops they stand for, placeholders left out, card by card. */
const drawnOps = (cards: Card[]) =>
  cards.map((card) => ({
    part: card.title,
    ops: card.steps.filter((s) => s.kind !== 'none').map((s) => ({ conv: 'conv2d', bn: 'batchNorm', relu: 'relu' })[s.kind as 'conv' | 'bn' | 'relu']),
  }));

/** A block's layers grouped by the suffix of their names (`res3a_branch2b` → 2b, `relu_3a_2b` → 2b). */
function builtOps(layers: ReturnType<typeof identityBlockSpec>['main']) {
  const parts = new Map<string, string[]>();
  for (const layer of layers) {
    const part = /(\d[a-z]?)$/.exec('name' in layer ? layer.name : layer.id)?.[1] ?? '?';
    parts.set(part, [...(parts.get(part) ?? []), layer.op]);
  }
  return [...parts].map(([part, ops]) => ({ part, ops }));
}

describe('the block that is built and the block that is drawn', () => {
  test('have the same steps in the same components', () => {
    expect(drawnOps(mainPath('identity'))).toEqual(builtOps(identityBlockSpec(3, [2, 4, 6], 3, 'a').main));
    expect(drawnOps(mainPath('convolutional'))).toEqual(builtOps(convolutionalBlockSpec(3, [2, 4, 6], 3, 'a', 2).main));
    expect(drawnOps([projectionShortcut(false)])).toEqual(builtOps(convolutionalBlockSpec(3, [2, 4, 6], 3, 'a', 2).shortcut));
  });

  test('fill the named hyperparameters in with numbers and Keras names', () => {
    const values = { f: 3, filters: [2, 4, 8] as const, s: 2, stage: 5, block: 'c' };
    expect(MAIN_PATH_STEPS.map((step) => stepLayer(step, values))).toEqual([
      { op: 'conv2d', name: 'res5c_branch2a', filters: 2, kernel: 1, strides: 2, padding: 'valid' },
      { op: 'batchNorm', name: 'bn5c_branch2a' },
      { op: 'relu', id: 'relu_5c_2a' },
      { op: 'conv2d', name: 'res5c_branch2b', filters: 4, kernel: 3, strides: 1, padding: 'same' },
      { op: 'batchNorm', name: 'bn5c_branch2b' },
      { op: 'relu', id: 'relu_5c_2b' },
      { op: 'conv2d', name: 'res5c_branch2c', filters: 8, kernel: 1, strides: 1, padding: 'valid' },
      { op: 'batchNorm', name: 'bn5c_branch2c' },
    ]);
    expect(PROJECTION_SHORTCUT_STEPS.map((step) => stepLayer(step, values))).toEqual([
      { op: 'conv2d', name: 'res5c_branch1', filters: 8, kernel: 1, strides: 2, padding: 'valid' },
      { op: 'batchNorm', name: 'bn5c_branch1' },
    ]);
  });
});

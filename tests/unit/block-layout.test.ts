import { describe, expect, test } from 'vitest';
import { BOX_H, boxText, edgePath, edges, GAP, layout } from '../../src/lib/charts/block-layout';
import { traceConvolutionalBlock, traceIdentityBlock } from '../../src/lib/resnet';

describe.each([
  ['identity block', traceIdentityBlock([4, 4, 4], 3, [2, 2, 4], 1, 'a')],
  ['convolutional block', traceConvolutionalBlock([4, 4, 4], 3, [2, 2, 4], 1, 'a')],
])('the %s diagram', (_, steps) => {
  const { boxes, height } = layout(steps);
  const main = boxes.filter((b) => b.step.path !== 'shortcut');
  const side = boxes.filter((b) => b.step.path === 'shortcut');

  test('has one box per step, main path in one column and the shortcut in another', () => {
    expect(boxes.map((b) => b.step.id).sort()).toEqual(steps.map((s) => s.id).sort());
    expect(new Set(main.map((b) => b.x)).size).toBe(1);
    for (const b of side) expect(b.x).toBeGreaterThan(main[0]!.x + main[0]!.w);
  });

  test('stacks the main path top to bottom, and is as tall as it', () => {
    main.forEach((b, i) => expect(b.y).toBe(8 + i * (BOX_H + GAP)));
    expect(height).toBe(8 + main.length * (BOX_H + GAP));
  });

  test('draws every arrow between the boxes it joins', () => {
    const at = new Map(boxes.map((b) => [b.step.id, b]));
    for (const to of boxes)
      for (const id of to.step.inputs) {
        const from = at.get(id);
        if (from) expect(edgePath(from, to)).toMatch(/^M[\d.]+,[\d.]+( [HV][\d.]+)+$/);
      }
  });
});

describe.each([
  ['identity block', traceIdentityBlock([4, 4, 4], 3, [2, 2, 4], 1, 'a'), 1],
  ['convolutional block', traceConvolutionalBlock([4, 4, 4], 3, [2, 2, 4], 1, 'a', 2), 2],
])('the arrows of the %s', (_, steps, dashed) => {
  const { boxes } = layout(steps);
  const arrows = edges(boxes);

  test('one arrow per input of each step', () => {
    expect(arrows.length).toBe(steps.reduce((n, s) => n + s.inputs.length, 0));
    for (const { from, to } of arrows) expect(to.step.inputs).toContain(from.step.id);
  });

  test('the shortcut is dashed, the main path solid', () => {
    expect(arrows.filter((a) => a.shortcut).length).toBe(dashed);
    for (const a of arrows.filter((a) => !a.shortcut)) expect(a.from.x).toBe(a.to.x);
  });
});

test('each box says its kind, layer name, output shape and parameters', () => {
  const conv = traceIdentityBlock([4, 4, 6], 2, [2, 4, 6], 1, 'a').find((s) => s.name === 'res1a_branch2a')!;
  expect(boxText(conv)).toEqual({
    kind: 'CONV2D  res1a_branch2a',
    detail: '(None, 4, 4, 2) · 14 params',
    title: 'CONV2D res1a_branch2a → (None, 4, 4, 2)',
  });
});

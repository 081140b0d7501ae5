/**
 * The training components' markup has every part their code finds (src/components/train/markup.ts):
 * each .astro file rendered by Astro's container, each selector of its table matched in the HTML.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import Degradation from '../../src/components/train/Degradation.astro';
import InsideModel from '../../src/components/train/InsideModel.astro';
import LossLandscape from '../../src/components/train/LossLandscape.astro';
import TrainingLab from '../../src/components/train/TrainingLab.astro';
import {
  DEGRADATION_PARTS,
  INSIDE_PARTS,
  KEEP_PARTS,
  LAB_CHART_PARTS,
  LAB_PARTS,
  LAB_READOUT_PARTS,
  LANDSCAPE_PARTS,
  OWN_IMAGE_PARTS,
  RESULTS_PARTS,
} from '../../src/components/train/markup';
import { missingParts, query, rootOf, type Element } from './markup';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('the training lab', () => {
  let lab: Element;
  beforeAll(async () => {
    lab = rootOf(await container.renderToString(TrainingLab));
  });

  test('is the <resnet-training-lab> element', () => {
    expect(lab.tagName).toBe('resnet-training-lab');
  });

  test.each([
    ['LAB_PARTS', LAB_PARTS],
    ['LAB_READOUT_PARTS', LAB_READOUT_PARTS],
    ['LAB_CHART_PARTS', LAB_CHART_PARTS],
    ['KEEP_PARTS', KEEP_PARTS],
  ] as const)('has every part of %s', (_, table) => {
    expect(missingParts(lab, table, '<resnet-training-lab>')).toEqual([]);
  });

  test.each([
    ['[data-results]', RESULTS_PARTS],
    ['[data-own]', OWN_IMAGE_PARTS],
    ['[data-inside]', INSIDE_PARTS],
  ] as const)('has its panel %s with every part', (selector, table) => {
    const panel = query(lab, selector);
    expect(panel?.tagName).toBe('div');
    expect(missingParts(panel ?? lab, table, `the lab's ${selector}`)).toEqual([]);
  });

  test('a lab whose markup lacks a part is told which, and where', () => {
    const without = { ...LAB_PARTS, results: ['[data-no-such-part]', 'div'] } as const;
    expect(missingParts(lab, without, '<resnet-training-lab>')).toEqual([
      "<resnet-training-lab> has no [data-no-such-part] (part 'results'): add it to the component's markup, or change the part's selector.",
    ]);
    const wrongTag = { ...LAB_PARTS, runs: ['[data-runs]', 'div'] } as const;
    expect(missingParts(lab, wrongTag, '<resnet-training-lab>')).toEqual([
      "<resnet-training-lab> has a <table> at [data-runs] (part 'runs'), not a <div>: change the markup or the part's tag.",
    ]);
  });
});

test('"Inside the model" rendered on its own has every part', async () => {
  const inside = rootOf(await container.renderToString(InsideModel));
  expect(inside.attrs.some((a) => a.name === 'data-inside')).toBe(true);
  expect(missingParts(inside, INSIDE_PARTS, '[data-inside]')).toEqual([]);
});

test.each([
  ['resnet-degradation', Degradation, DEGRADATION_PARTS],
  ['resnet-loss-landscape', LossLandscape, LANDSCAPE_PARTS],
] as const)('<%s> has every part its code finds', async (tag, component, table) => {
  const root = rootOf(await container.renderToString(component));
  expect(root.tagName).toBe(tag);
  expect(missingParts(root, table, `<${tag}>`)).toEqual([]);
});

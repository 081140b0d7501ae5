/**
 * The model components' markup has every part their code finds (src/components/model/markup.ts):
 * each .astro file rendered by Astro's container, each selector of its table matched in the HTML.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import BlockExplorer from '../../src/components/model/BlockExplorer.astro';
import GradientDemo from '../../src/components/model/GradientDemo.astro';
import IdentityDemo from '../../src/components/model/IdentityDemo.astro';
import ResNet50Explorer from '../../src/components/model/ResNet50Explorer.astro';
import { BLOCK_EXPLORER_PARTS, BLOCK_RUN_PARTS, GRADIENT_DEMO_PARTS, IDENTITY_DEMO_PARTS, RESNET50_EXPLORER_PARTS } from '../../src/components/model/markup';
import { missingParts, query, rootOf } from './markup';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('the block explorer', () => {
  test.each(['identity', 'convolutional'] as const)('the %s explorer has every part of BLOCK_EXPLORER_PARTS', async (kind) => {
    const explorer = rootOf(await container.renderToString(BlockExplorer, { props: { kind } }));
    expect(explorer.tagName).toBe('resnet-block-explorer');
    expect(missingParts(explorer, BLOCK_EXPLORER_PARTS, '<resnet-block-explorer>')).toEqual([]);
  });

  test('only the identity explorer has the optional table of costs', async () => {
    const costs = BLOCK_EXPLORER_PARTS.costs[0];
    const identity = rootOf(await container.renderToString(BlockExplorer, { props: { kind: 'identity' } }));
    const convolutional = rootOf(await container.renderToString(BlockExplorer, { props: { kind: 'convolutional' } }));
    expect(query(identity, costs)?.tagName).toBe('tbody');
    expect(query(convolutional, costs)).toBeNull();
    const required = Object.entries(BLOCK_EXPLORER_PARTS).filter(([, spec]) => spec.length === 2);
    expect(required.map(([name]) => name)).not.toContain('costs');
  });

  test('a run writes into parts the explorer finds, each the table asks for', () => {
    for (const [name, spec] of Object.entries(BLOCK_RUN_PARTS)) expect(BLOCK_EXPLORER_PARTS).toHaveProperty(name, spec);
  });

  test('the steps are the rows of the table that a run fills', async () => {
    const explorer = rootOf(await container.renderToString(BlockExplorer, { props: { kind: 'identity' } }));
    const steps = query(explorer, BLOCK_RUN_PARTS.steps[0]);
    expect(steps && query(steps, 'tr[data-step]')).not.toBeNull();
    expect(query(explorer, '[data-costs] tr[data-step]')).toBeNull();
  });
});

test.each([
  ['resnet-identity-demo', IdentityDemo, IDENTITY_DEMO_PARTS],
  ['resnet-resnet50-explorer', ResNet50Explorer, RESNET50_EXPLORER_PARTS],
  ['resnet-gradient-demo', GradientDemo, GRADIENT_DEMO_PARTS],
] as const)('<%s> has every part its code finds', async (tag, component, table) => {
  const root = rootOf(await container.renderToString(component));
  expect(root.tagName).toBe(tag);
  expect(missingParts(root, table, `<${tag}>`)).toEqual([]);
});

test('a descendant selector finds only what lies inside its ancestor', async () => {
  const explorer = rootOf(await container.renderToString(ResNet50Explorer));
  const without = { ...RESNET50_EXPLORER_PARTS, stages: ['[data-full] tfoot', 'tfoot'] } as const;
  expect(missingParts(explorer, without, '<resnet-resnet50-explorer>')).toEqual([
    "<resnet-resnet50-explorer> has no [data-full] tfoot (part 'stages'): add it to the component's markup, or change the part's selector.",
  ]);
});

/**
 * The lesson components' markup has every part their code finds (src/components/lesson/markup.ts):
 * each .astro file rendered by Astro's container, each selector of its table matched in the HTML.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, expect, test } from 'vitest';
import StepReveal from '../../src/components/lesson/StepReveal.astro';
import { STEP_REVEAL_PARTS } from '../../src/components/lesson/markup';
import { missingParts, query, rootOf } from './markup';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

test('<resnet-step-reveal> has every part of STEP_REVEAL_PARTS, its code hidden at first', async () => {
  const props = { exercise: 'identity-block', step: '2b', label: 'step 2b' };
  const reveal = rootOf(await container.renderToString(StepReveal, { props, slots: { default: '<pre><code>X = X</code></pre>' } }));
  expect(reveal.tagName).toBe('resnet-step-reveal');
  expect(missingParts(reveal, STEP_REVEAL_PARTS, '<resnet-step-reveal>')).toEqual([]);
  const code = query(reveal, STEP_REVEAL_PARTS.code[0]);
  expect(code?.attrs.some((a) => a.name === 'hidden')).toBe(true);
  expect(code && query(code, 'pre')).not.toBeNull();
});

import { expect, test } from 'vitest';
import { hrefWithBase, rehypeBaseLinks } from '../../src/integrations/base-links';

test.each([
  ['/lessons/identity-block/', '/resnet-live/lessons/identity-block/'],
  ['/lessons/identity-block/#the-function-you-will-write', '/resnet-live/lessons/identity-block/#the-function-you-will-write'],
  ['/', '/resnet-live/'],
  ['#top', '#top'],
  ['../training/', '../training/'],
  ['https://arxiv.org/abs/1512.03385', 'https://arxiv.org/abs/1512.03385'],
  ['//example.com/x', '//example.com/x'],
  ['mailto:someone@example.com', 'mailto:someone@example.com'],
])('%j under /resnet-live is %j', (href, expected) => {
  expect(hrefWithBase(href, '/resnet-live')).toBe(expected);
});

test('the rehype plugin rewrites Markdown links and string href props on MDX components, and nothing else', () => {
  const link = { type: 'element', tagName: 'a', properties: { href: '/lessons/resnet50/' }, children: [] };
  const image = { type: 'element', tagName: 'img', properties: { src: '/x.png', href: '/not-a-link/' }, children: [] };
  const expression = { type: 'mdxJsxAttributeValueExpression', value: 'link' };
  const inner = { type: 'mdxJsxTextElement', attributes: [{ type: 'mdxJsxAttribute', name: 'href', value: expression }], children: [] };
  const card = {
    type: 'mdxJsxFlowElement',
    attributes: [
      { type: 'mdxJsxAttribute', name: 'title', value: '/keep/' },
      { type: 'mdxJsxAttribute', name: 'href', value: '/lessons/identity-block/' },
    ],
    children: [inner],
  };
  rehypeBaseLinks({ base: '/resnet-live/' })({ type: 'root', children: [{ type: 'element', tagName: 'p', properties: {}, children: [link] }, image, card] });
  expect(link.properties.href).toBe('/resnet-live/lessons/resnet50/');
  expect(image.properties).toEqual({ src: '/x.png', href: '/not-a-link/' });
  expect(card.attributes.map((a) => a.value)).toEqual(['/keep/', '/resnet-live/lessons/identity-block/']);
  expect(inner.attributes[0]!.value).toBe(expression);
});

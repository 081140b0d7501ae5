import { expect, test } from 'vitest';
import { joinBase, withBase } from '../../src/components/base-url';

// Astro gives BASE_URL with or without a trailing slash, and callers write paths with or without
// a leading one: every pairing must give exactly one slash between the two.
test.each([
  ['/', 'data/', '/data/'],
  ['/', '/wasm/', '/wasm/'],
  ['', 'data/', '/data/'],
  ['/resnet-live', 'data/', '/resnet-live/data/'],
  ['/resnet-live/', 'data/', '/resnet-live/data/'],
  ['/resnet-live', '/lessons/training/', '/resnet-live/lessons/training/'],
  ['/resnet-live/', '//wasm/', '/resnet-live/wasm/'],
  ['/a/b', '', '/a/b/'],
])('joinBase(%j, %j) is %j', (base, path, url) => {
  expect(joinBase(base, path)).toBe(url);
});

test('withBase uses the base the site is built with (the root here)', () => {
  expect(withBase('wasm/')).toBe(`${import.meta.env.BASE_URL.replace(/\/$/, '')}/wasm/`);
});

import { expect, test } from 'vitest';
import { ranked, toModelInput } from '../../src/lib/train/own-image';

function image(background: number, stroke: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(28 * 28 * 4);
  for (let i = 0; i < 784; i++) {
    const v = Math.floor(i / 28) === 14 ? stroke : background;
    rgba.set([v, v, v, 255], 4 * i);
  }
  return rgba;
}

test('a dark drawing on white is inverted to light on black, like the training images', () => {
  const grey = toModelInput(image(255, 0));
  expect(grey[0]).toBeCloseTo(0);
  expect(grey[14 * 28 + 5]).toBeCloseTo(1);
});

test('a light drawing on black is kept as it is', () => {
  const grey = toModelInput(image(0, 255));
  expect(grey[0]).toBeCloseTo(0);
  expect(grey[14 * 28 + 5]).toBeCloseTo(1);
});

test('transparent pixels are background', () => {
  const rgba = image(0, 0);
  for (let i = 0; i < 784; i++) rgba[4 * i + 3] = 0;
  expect(Math.max(...toModelInput(rgba))).toBeCloseTo(0);
});

test('a wrong size is refused', () => {
  expect(() => toModelInput(new Uint8ClampedArray(10))).toThrow(/Expected 3136 RGBA values/);
});

test('ranked', () => {
  expect(ranked([0.1, 0.7, 0.2], ['a', 'b', 'c']).map((r) => r.name)).toEqual(['b', 'c', 'a']);
});

